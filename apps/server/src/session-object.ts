// The Session object: one per WebSocket connection (DESIGN.md "Durable Object topology"). It
// holds the socket through the hibernation API and the session record in the socket's
// attachment, so it can sleep between two frames and wake up knowing where the stream is.

import { DurableObject } from 'cloudflare:workers'
import { createSession, type Host, type SessionRecord } from '@tercet/router'
import type { StreamErrorCondition } from '@tercet/stanza'
import { type Element, parseFrame, XmlError } from '@tercet/xml'
import { readRecord, writeRecord } from './attachment'
import type { Env } from './env'
import { log, makeHost } from './host-config'
import { migrate, SqliteStorage } from './sqlite-storage'

const timeout = (value: string | undefined, fallback: number) => Number(value) || fallback

/** RFC 7395 §3.1: the WebSocket subprotocol. */
export const SUBPROTOCOL = 'xmpp'

export class Session extends DurableObject<Env> {
  readonly #host: Host

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    const storage = new SqliteStorage(ctx.storage.sql)
    void ctx.blockConcurrencyWhile(async () => {
      migrate(ctx.storage.sql)
    })
    this.#host = makeHost(env, storage, {
      output: {
        send: (_session, text) => this.#socket()?.send(text),
        close: () => this.#socket()?.close(1000, 'stream closed'),
      },
    })
  }

  #socket(): WebSocket | undefined {
    return this.ctx.getWebSockets()[0]
  }

  #record(ws: WebSocket): SessionRecord {
    return readRecord(ws, this.ctx.storage.kv, this.ctx.id.toString())
  }

  #save(ws: WebSocket, record: SessionRecord): void {
    writeRecord(ws, this.ctx.storage.kv, record)
  }

  /** The upgrade, forwarded by the Worker (which already checked the subprotocol). */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('expected a WebSocket upgrade', { status: 426 })
    }
    const { 0: client, 1: server } = new WebSocketPair()
    this.ctx.acceptWebSocket(server)
    this.#save(server, createSession(this.ctx.id.toString()))
    // A connection must open its stream and authenticate in time (issue "Limits and abuse").
    const now = Date.now()
    await this.ctx.storage.put('connectedAt', now)
    await this.ctx.storage.setAlarm(now + timeout(this.env.OPEN_TIMEOUT_MS, 30_000))
    log.info('session start', { session: this.ctx.id.toString() })
    return new Response(null, {
      status: 101,
      webSocket: client,
      headers: { 'Sec-WebSocket-Protocol': SUBPROTOCOL },
    })
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const session = this.#record(ws)
    let element: Element
    try {
      // RFC 7395 §3.3.3: text frames only, each one complete element.
      if (typeof data !== 'string')
        throw new XmlError('unsupported-encoding', 0, 'binary frames are not allowed')
      element = parseFrame(data)
    } catch (e) {
      if (!(e instanceof XmlError)) throw e
      log.warn('stream error', { session: session.id, condition: e.condition, reason: e.message })
      this.#save(ws, await this.#host.kick(session, e.condition as StreamErrorCondition, e.reason))
      return
    }
    this.#save(ws, await this.#host.receive(session, element, data))
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    const session = await this.#host.closed(
      this.#record(ws),
      reason || `websocket closed (${code})`,
    )
    log.info('session end', { session: session.id, jid: session.jid, code })
    try {
      ws.close(1000, 'closed')
    } catch {
      // already closed
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.#host.closed(this.#record(ws), 'websocket error')
  }

  /** The open and authentication deadlines: RFC 6120 §4.9.3.4 connection-timeout. */
  override async alarm(): Promise<void> {
    const ws = this.#socket()
    if (!ws) return
    const session = this.#record(ws)
    if (session.stage === 'closed' || session.user !== undefined) return
    const connectedAt = (await this.ctx.storage.get<number>('connectedAt')) ?? 0
    const authDeadline = connectedAt + timeout(this.env.AUTH_TIMEOUT_MS, 60_000)
    if (session.stage !== 'connected' && Date.now() < authDeadline) {
      await this.ctx.storage.setAlarm(authDeadline)
      return
    }
    const reason =
      session.stage === 'connected'
        ? 'the stream was not opened in time'
        : 'not authenticated in time'
    this.#save(ws, await this.#host.kick(session, 'connection-timeout', reason))
  }

  // --- RPC from Account objects ----------------------------------------------------------
  /** A stanza for this client, already serialised. */
  async push(xml: string): Promise<void> {
    const ws = this.#socket()
    if (ws) await this.#host.push(this.#record(ws), xml)
  }

  /** Ends the stream with a stream error (a newer session took the resource, …). */
  async kick(condition: StreamErrorCondition, text?: string): Promise<void> {
    const ws = this.#socket()
    if (ws) this.#save(ws, await this.#host.kick(this.#record(ws), condition, text))
  }
}
