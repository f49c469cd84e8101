// testHost(): the router with in-memory stores and in-process delivery, wired exactly like the
// Durable Object topology: one host per session (the Session object) and one per account (the
// Account object), talking through the Network interface with serialised stanzas.
import { parseJid } from '@tercet/jid'
import {
  type AccountDirectory,
  createHost,
  createSession,
  type Host,
  type Logger,
  type Module,
  type Network,
  newThrottle,
  type Output,
  type SessionRecord,
  type ThrottleState,
  throttleAllows,
  throttleRecord,
} from '@tercet/router'
import {
  type CredentialSet,
  clientFinish,
  clientStep,
  deriveCredentialSet,
  startClient,
} from '@tercet/sasl'
import { NS_BIND, NS_CLIENT, NS_FRAMING, NS_SASL, type StreamErrorCondition } from '@tercet/stanza'
import { Element, parseFrame, serialize } from '@tercet/xml'
import { memoryStorage } from './memory-storage'
import { assertNothing, assertStanza, clientXml } from './xml-match'

export interface TestHostOptions {
  domain?: string
  modules?: readonly Module[]
  options?: Record<string, unknown>
  /** Receives the hosts' structured log lines. */
  log?: Logger
}

export interface TestClient {
  readonly session: SessionRecord
  /** Everything the server has sent to this client and nobody has looked at yet. */
  received(): Element[]
  /** Sends one element (a string or an `xml` element; no namespace means jabber:client) and
   * waits until the server has done everything it caused. */
  send(stanza: Element | string): Promise<void>
  /** Takes the next received element and checks it against `expected` (placeholders allowed). */
  expect(expected: Element | string): Promise<Element>
  /** Asserts nothing more has been received. */
  expectNothing(): void
  /** The connection was closed by the server. */
  readonly closed: boolean
  /** Drops the connection without `<close/>`, as a dead socket would. */
  disconnect(): Promise<void>
  readonly jid: string
}

export interface TestHost {
  readonly domain: string
  addUser(user: string, password: string): Promise<void>
  /** A raw connection that has sent nothing yet. */
  connect(): TestClient
  /** Creates the account if needed, then opens, authenticates (SCRAM-SHA-256) and binds. */
  login(
    fullJid: string,
    options?: { password?: string; sendPresence?: boolean },
  ): Promise<TestClient>
  /** The session-side host of a client, to call host APIs directly in tests. */
  hostOf(client: TestClient): Host
}

interface Connection {
  client: TestClient
  host: Host
  record: SessionRecord
  inbox: Element[]
  closed: boolean
}

export function testHost(options: TestHostOptions = {}): TestHost {
  const domain = options.domain ?? 'example.test'
  const modules = options.modules ?? []
  const credentials = new Map<string, CredentialSet>()
  const throttles = new Map<string, ThrottleState>()
  const accounts: AccountDirectory = {
    exists: async (user) => credentials.has(user),
    credentials: async (user) => {
      const throttle = throttles.get(user)
      if (throttle && !throttleAllows(throttle)) throw new Error('throttled')
      return credentials.get(user)
    },
    recordAuthentication: async (user, success) => {
      if (credentials.has(user))
        throttles.set(user, throttleRecord(throttles.get(user) ?? newThrottle(), success))
    },
    create: async (user, set) => {
      if (credentials.has(user)) return false
      credentials.set(user, set)
      return true
    },
    setCredentials: async (user, set) => {
      credentials.set(user, set)
    },
    remove: async (user) => {
      credentials.delete(user)
      accountHosts.delete(`${user}@${domain}`)
    },
  }
  const connections = new Map<string, Connection>()
  const accountHosts = new Map<string, Host>()
  let nextId = 1

  const network: Network = {
    account(bare) {
      const host = accountHost(bare)
      return {
        bind: (request) => host.account.bind(bare, request),
        unbind: (sessionId) => host.account.unbind(bare, sessionId),
        stanza: (xml, origin, head) => host.account.stanza(bare, xml, origin, head),
        outbound: (xml, origin) => host.account.outbound(bare, xml, origin),
      }
    },
    session(id) {
      return {
        push: async (xml) => {
          const c = connections.get(id)
          if (c) await c.host.push(c.record, xml)
        },
        close: async (condition: StreamErrorCondition, text?: string) => {
          const c = connections.get(id)
          if (c) c.record = await c.host.kick(c.record, condition, text)
        },
      }
    },
  }

  /** A host like every Durable Object gets: its own stores, the shared network and options. */
  function newHost(output?: Output): Host {
    return createHost({
      domain,
      modules,
      storage: memoryStorage(),
      network,
      accounts,
      ...(options.options ? { options: options.options } : {}),
      ...(options.log ? { log: options.log } : {}),
      ...(output ? { output } : {}),
    })
  }

  function accountHost(bare: string): Host {
    let host = accountHosts.get(bare)
    if (!host) {
      host = newHost()
      accountHosts.set(bare, host)
    }
    return host
  }

  /** Waits until no account has work queued (delivery finished everywhere). */
  async function settle(): Promise<void> {
    while ([...accountHosts.values()].some((h) => h.busy)) {
      await Promise.all([...accountHosts.values()].map((h) => h.idle()))
    }
  }

  function connect(): TestClient {
    const id = `session-${nextId++}`
    const conn = {} as Connection
    conn.inbox = []
    conn.closed = false
    conn.record = createSession(id)
    conn.host = newHost({
      send: (_session, text) => {
        conn.inbox.push(parseFrame(text))
      },
      close: () => {
        conn.closed = true
      },
    })
    conn.client = {
      get session() {
        return conn.record
      },
      get jid() {
        return conn.record.jid ?? ''
      },
      get closed() {
        return conn.closed
      },
      received: () => conn.inbox.splice(0),
      send: async (stanza) => {
        const element = typeof stanza !== 'string' && stanza.ns !== '' ? stanza : clientXml(stanza)
        // The frame's text goes with it, as the Session object passes the WebSocket message.
        const frame = serialize(element)
        conn.record = await conn.host.receive(conn.record, parseFrame(frame), frame)
        await settle()
      },
      expect: async (expected) => {
        const actual = conn.inbox.shift()
        const want =
          typeof expected !== 'string' && expected.ns !== '' ? expected : clientXml(expected)
        if (!actual) throw new Error(`expected ${serialize(want)}, but nothing was received`)
        return assertStanza(actual, want)
      },
      expectNothing: () => assertNothing(conn.inbox),
      disconnect: async () => {
        conn.closed = true
        conn.record = await conn.host.closed(conn.record, 'disconnected')
        await settle()
      },
    }
    connections.set(id, conn)
    return conn.client
  }

  const t: TestHost = {
    domain,
    async addUser(user, password) {
      credentials.set(user, await deriveCredentialSet(password, { iterations: 4096 }))
    },
    connect,
    async login(fullJid, loginOptions = {}) {
      const jid = parseJid(fullJid)
      const password = loginOptions.password ?? 'password'
      if (!credentials.has(jid.local!)) await t.addUser(jid.local!, password)
      const client = connect()
      await negotiate(client, domain, jid.local!, password, jid.resource)
      if (loginOptions.sendPresence) {
        await client.send('<presence/>')
      }
      return client
    },
    hostOf(client) {
      return connections.get(client.session.id)!.host
    },
  }
  return t
}

async function negotiate(
  client: TestClient,
  domain: string,
  user: string,
  password: string,
  resource?: string,
) {
  const open = `<open xmlns="${NS_FRAMING}" to="${domain}" version="1.0"/>`
  await client.send(open)
  client.received()
  const first = startClient('SCRAM-SHA-256', { username: user, password })
  let state = first.state
  await client.send(`<auth xmlns="${NS_SASL}" mechanism="SCRAM-SHA-256">${first.response}</auth>`)
  let reply = client.received()[0]
  while (reply?.local === 'challenge') {
    const next = await clientStep(state, reply.text())
    state = next.state
    await client.send(`<response xmlns="${NS_SASL}">${next.response}</response>`)
    reply = client.received()[0]
  }
  if (reply?.local !== 'success')
    throw new Error(`login failed: ${reply ? serialize(reply) : 'no answer'}`)
  clientFinish(state, reply.text() || null)
  await client.send(open)
  client.received()
  const bind = new Element('iq', { type: 'set', id: 'bind-1' }, NS_CLIENT, [
    new Element(
      'bind',
      {},
      NS_BIND,
      resource ? [new Element('resource', {}, NS_BIND, [resource])] : [],
    ),
  ])
  await client.send(bind)
  const bound = client.received()[0]
  if (bound?.attr('type') !== 'result')
    throw new Error(`bind failed: ${bound ? serialize(bound) : 'no answer'}`)
}
