// An XMPP-over-WebSocket client (RFC 7395) for the browser: discovery, negotiation, IQ
// tracking, and reconnection with jittered exponential backoff once a session has been up.
import { NS_CLIENT, NS_FRAMING, NS_STREAMS, StanzaError, StreamError } from '@tercet/stanza'
import { Element, parseFrame, serialize } from '@tercet/xml'
import { backoffDelay } from './backoff'
import { ConnectError, streamErrorError } from './errors'
import { beginNegotiation, type Login, type Negotiation, negotiate } from './negotiation'

/** What the client needs of a WebSocket; the browser's satisfies it, tests pass a fake. */
export interface SocketLike {
  readonly protocol: string
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((ev: unknown) => void) | null
  onclose: ((ev: { code: number; reason: string }) => void) | null
  onerror: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
}
export type SocketFactory = (url: string, protocols: string[]) => SocketLike

export type ConnectionStatus =
  | { state: 'idle' }
  | { state: 'discovering'; domain: string }
  | { state: 'connecting'; url: string; attempt: number }
  | { state: 'online'; jid: string; url: string }
  | { state: 'reconnecting'; attempt: number; at: number; reason: string }
  | { state: 'failed'; error: ConnectError }
  | { state: 'disconnected' }

export interface ClientHandlers {
  status(status: ConnectionStatus): void
  /** Each time a session is bound: `resumed` is false for the first, true after reconnection. */
  online(jid: string, resumed: boolean): void
  /** Every stanza received that is not the answer to one of our IQs. */
  stanza(el: Element): void
  /** Every element in and out, for the XML console (already parsed, or the raw text). */
  traffic(dir: 'in' | 'out', el: Element | string): void
}

export interface ClientOptions {
  socket?: SocketFactory
  /** Resolves the WebSocket URL when none is given (XEP-0156 discovery). */
  discover(domain: string): Promise<string | undefined>
  negotiationTimeoutMs?: number
  iqTimeoutMs?: number
  random?: () => number
  now?: () => number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (t: unknown) => void
}

export interface ConnectOptions extends Login {
  /** A manual WebSocket URL; skips discovery. */
  url?: string
}

interface Pending {
  resolve(el: Element): void
  reject(e: Error): void
  timer: unknown
}

const defaultSocket: SocketFactory = (url, protocols) =>
  new WebSocket(url, protocols) as unknown as SocketLike

export class XmppClient {
  #o: Required<ClientOptions>
  #h: ClientHandlers
  #login: ConnectOptions | undefined
  #url: string | undefined
  #socket: SocketLike | undefined
  #negotiation: Negotiation | undefined
  #inbox: Promise<void> = Promise.resolve()
  #pending = new Map<string, Pending>()
  #attempt = 0
  #everOnline = false
  #closing = false
  #lastError: ConnectError | undefined
  #timer: unknown
  #ids = 0
  jid: string | undefined

  constructor(handlers: ClientHandlers, options: ClientOptions) {
    this.#h = handlers
    this.#o = {
      socket: defaultSocket,
      negotiationTimeoutMs: 20_000,
      iqTimeoutMs: 15_000,
      random: Math.random,
      now: Date.now,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
      ...options,
    }
  }

  get online(): boolean {
    return this.#negotiation?.stage === 'bound'
  }

  nextId(): string {
    return `c${(++this.#ids).toString(36)}${Math.floor(this.#o.random() * 1e6).toString(36)}`
  }

  /** Starts a new session; any earlier one is dropped. */
  async connect(login: ConnectOptions): Promise<void> {
    this.#stop()
    this.#login = login
    this.#url = login.url
    this.#everOnline = false
    this.#attempt = 0
    if (!this.#url) {
      this.#h.status({ state: 'discovering', domain: login.domain })
      this.#url = await this.#o.discover(login.domain)
      if (this.#login !== login) return
      if (!this.#url) {
        const error = new ConnectError(
          'no-endpoint',
          `Server unreachable: found no XMPP WebSocket endpoint for "${login.domain}" ` +
            '(XEP-0156 host-meta). Enter the WebSocket URL by hand.',
        )
        return this.#h.status({ state: 'failed', error })
      }
    }
    this.#open()
  }

  /** Ends the stream politely (RFC 7395 §3.6) and stops reconnecting. */
  disconnect(): void {
    const socket = this.#socket
    if (socket && this.online) this.#write(closeElement())
    this.#stop()
    this.#login = undefined
    this.#h.status({ state: 'disconnected' })
    if (socket) this.#o.setTimer(() => socket.close(1000), 500)
  }

  /** Skips the rest of a backoff wait. */
  reconnectNow(): void {
    if (!this.#login || this.#socket) return
    this.#o.clearTimer(this.#timer)
    this.#open()
  }

  send(el: Element): void {
    if (!this.online) throw new Error('not connected')
    this.#write(el)
  }

  /** Sends an IQ get/set and resolves with the result; rejects with the StanzaError. */
  iq(el: Element): Promise<Element> {
    if (!el.attr('id')) el.attrs.id = this.nextId()
    const id = el.attr('id')!
    return new Promise((resolve, reject) => {
      const timer = this.#o.setTimer(() => {
        this.#pending.delete(id)
        reject(new Error(`no answer to IQ ${id}`))
      }, this.#o.iqTimeoutMs)
      this.#pending.set(id, { resolve, reject, timer })
      try {
        this.send(el)
      } catch (e) {
        this.#settle(id)
        reject(e as Error)
      }
    })
  }

  #open(): void {
    const login = this.#login!
    const url = this.#url!
    this.#attempt++
    this.#lastError = undefined
    this.#h.status({ state: 'connecting', url, attempt: this.#attempt })
    let socket: SocketLike
    try {
      socket = this.#o.socket(url, ['xmpp'])
    } catch (e) {
      this.#failed(
        new ConnectError('unreachable', `Bad WebSocket URL ${url}: ${(e as Error).message}`),
      )
      return
    }
    this.#socket = socket
    let opened = false
    const deadline = this.#o.setTimer(() => {
      if (this.#socket !== socket || this.online) return
      this.#lastError = new ConnectError(
        'timeout',
        'The server did not complete the login in time.',
      )
      socket.close()
      this.#closed(socket, opened)
    }, this.#o.negotiationTimeoutMs)
    socket.onopen = () => {
      opened = true
      // RFC 7395 §3.1: a server that did not agree to "xmpp" is not speaking this protocol.
      if (socket.protocol !== 'xmpp') {
        this.#lastError = new ConnectError(
          'unreachable',
          `${url} is not an XMPP WebSocket endpoint (subprotocol "xmpp" refused).`,
        )
        socket.close()
        return
      }
      const first = beginNegotiation(login)
      this.#negotiation = first.state
      for (const el of first.send) this.#write(el)
    }
    socket.onmessage = (ev) => {
      const data = String(ev.data)
      this.#inbox = this.#inbox.then(() => this.#receive(socket, data))
    }
    socket.onerror = () => {}
    socket.onclose = () => {
      this.#o.clearTimer(deadline)
      this.#inbox = this.#inbox.then(() => this.#closed(socket, opened))
    }
  }

  async #receive(socket: SocketLike, data: string): Promise<void> {
    if (this.#socket !== socket) return
    let el: Element
    try {
      el = parseFrame(data)
    } catch (e) {
      this.#h.traffic('in', data)
      this.#lastError = new ConnectError(
        'protocol',
        `Unreadable frame from the server: ${(e as Error).message}`,
      )
      return socket.close()
    }
    this.#h.traffic('in', el)
    if (el.is('close', NS_FRAMING)) {
      // RFC 7395 §3.6.1: answer the server's <close/> with ours; the server closes the socket.
      if (!this.#closing) this.#write(closeElement())
      this.#closing = true
      return
    }
    if (el.is('error', NS_STREAMS)) {
      // RFC 7395 §3.6.2: a stream error is followed by <close/>; the server closes the socket.
      const e = StreamError.fromElement(el)
      this.#lastError = streamErrorError(e.condition, this.#login!.domain, e.text)
      return
    }
    const stage = this.#negotiation
    if (stage && stage.stage !== 'bound') return this.#negotiate(socket, stage, el)
    if (this.#isIqAnswer(el)) return
    this.#h.stanza(el)
  }

  async #negotiate(socket: SocketLike, state: Negotiation, el: Element): Promise<void> {
    const step = await negotiate(state, el, this.#login!, () => this.nextId())
    if (this.#socket !== socket) return
    this.#negotiation = step.state
    for (const out of step.send) this.#write(out)
    if (step.error) {
      this.#lastError = step.error
      socket.close()
      return
    }
    if (step.jid) {
      const resumed = this.#everOnline
      this.jid = step.jid
      this.#everOnline = true
      // The account exists now: a reconnection only logs in.
      if (this.#login) this.#login = { ...this.#login, register: false }
      this.#attempt = 0
      this.#h.status({ state: 'online', jid: step.jid, url: this.#url! })
      this.#h.online(step.jid, resumed)
    }
  }

  #isIqAnswer(el: Element): boolean {
    const type = el.attr('type')
    if (!el.is('iq', NS_CLIENT) || (type !== 'result' && type !== 'error')) return false
    const pending = this.#settle(el.attr('id') ?? '')
    if (!pending) return false
    const error = el.getChild('error')
    if (type === 'result') pending.resolve(el)
    else pending.reject(error ? StanzaError.fromElement(error) : new Error('IQ error'))
    return true
  }

  #settle(id: string): Pending | undefined {
    const pending = this.#pending.get(id)
    if (!pending) return undefined
    this.#pending.delete(id)
    this.#o.clearTimer(pending.timer)
    return pending
  }

  #closed(socket: SocketLike, opened: boolean): void {
    if (this.#socket !== socket) return
    this.#socket = undefined
    this.#negotiation = undefined
    this.#closing = false
    for (const [id, p] of this.#pending) {
      this.#settle(id)
      p.reject(new Error('connection closed'))
    }
    const error =
      this.#lastError ??
      (opened
        ? new ConnectError('unreachable', 'The connection to the server was lost.')
        : new ConnectError('unreachable', `Server unreachable: could not open ${this.#url}.`))
    // Only a session that was up comes back by itself; a first login that fails says why.
    if (error.fatal || !this.#everOnline) {
      this.#failed(error)
      return
    }
    const delay = backoffDelay(this.#attempt + 1, { random: this.#o.random })
    this.#h.status({
      state: 'reconnecting',
      attempt: this.#attempt + 1,
      at: this.#o.now() + delay,
      reason: error.message,
    })
    this.#timer = this.#o.setTimer(() => this.#open(), delay)
  }

  #failed(error: ConnectError): void {
    this.#socket = undefined
    this.#login = undefined
    this.#h.status({ state: 'failed', error })
  }

  #write(el: Element): void {
    const socket = this.#socket
    if (!socket) return
    this.#h.traffic('out', el)
    socket.send(serialize(el))
  }

  /** Sends text typed in the XML console as it is, once it parses as one element. */
  sendRaw(text: string): Element {
    const el = parseFrame(text, { defaultNs: NS_CLIENT })
    if (!this.#socket) throw new Error('not connected')
    this.#write(el)
    return el
  }

  #stop(): void {
    this.#o.clearTimer(this.#timer)
    const socket = this.#socket
    this.#socket = undefined
    this.#negotiation = undefined
    if (socket) {
      socket.onclose = null
      socket.onmessage = null
    }
    for (const [id, p] of this.#pending) {
      this.#settle(id)
      p.reject(new Error('disconnected'))
    }
  }
}

/** RFC 7395 §3.6: `<close/>` ends the stream. */
function closeElement(): Element {
  return new Element('close', {}, NS_FRAMING)
}
