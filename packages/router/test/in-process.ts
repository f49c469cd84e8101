// A minimal in-process world for the router's own tests and benchmark: Map-backed stores and a
// Network of one host per account and per session, as in the Durable Object topology. (The full
// testHost() lives in @tercet/testing, which depends on this package and so cannot be used here.)
import { parseFrame } from '@tercet/xml'
import {
  type AccountDirectory,
  type AccountEndpoint,
  createHost,
  createSession,
  type Host,
  type Module,
  type Network,
  type SessionEndpoint,
  type SessionRecord,
  type Storage,
} from '../src/index'

export function mapStorage(): Storage {
  const stores = new Map<string, unknown>()
  return {
    open(name, kind) {
      const key = `${kind}:${name}`
      if (!stores.has(key)) {
        const data = new Map<string, Map<string, unknown>>()
        const of = (u: string) => data.get(u) ?? data.set(u, new Map()).get(u)!
        stores.set(key, {
          get: async (u: string, k = '') => of(u).get(k),
          set: async (u: string, k: unknown, v?: unknown) =>
            void (v === undefined ? of(u).set('', k) : of(u).set(k as string, v)),
          delete: async (u: string, k = '') => void of(u).delete(k),
          keys: async (u: string) => [...of(u).keys()].sort(),
        })
      }
      return stores.get(key) as never
    },
  }
}

export interface WorldOptions {
  domain?: string
  modules?: Module[]
  options?: Record<string, unknown>
  accounts?: Partial<AccountDirectory>
}

/** A bound, available session: what it was sent, and a way to send frames as its client. */
export interface BoundClient {
  readonly out: string[]
  send(frame: string): Promise<void>
}

export function inProcessWorld(config: WorldOptions = {}) {
  const domain = config.domain ?? 'example.test'
  const modules = config.modules ?? []
  const accounts: AccountDirectory = {
    exists: async () => true,
    credentials: async () => undefined,
    create: async () => false,
    setCredentials: async () => {},
    remove: async () => {},
    ...config.accounts,
  }
  const options = config.options ?? {}
  const sessions = new Map<string, { host: Host; record: SessionRecord }>()
  const accountHosts = new Map<string, Host>()
  // Endpoints are made once per account and per session, as an adapter would keep its stubs.
  const accountEndpoints = new Map<string, AccountEndpoint>()
  const sessionEndpoints = new Map<string, SessionEndpoint>()
  const network: Network = {
    account(bare) {
      let endpoint = accountEndpoints.get(bare)
      if (!endpoint) {
        const h = createHost({ domain, modules, storage: mapStorage(), network, accounts, options })
        accountHosts.set(bare, h)
        endpoint = {
          bind: (r) => h.account.bind(bare, r),
          unbind: (id) => h.account.unbind(bare, id),
          stanza: (xml, origin, head) => h.account.stanza(bare, xml, origin, head),
          outbound: (xml, origin) => h.account.outbound(bare, xml, origin),
        }
        accountEndpoints.set(bare, endpoint)
      }
      return endpoint
    },
    session(id) {
      let endpoint = sessionEndpoints.get(id)
      if (!endpoint) {
        const s = sessions.get(id)!
        endpoint = { push: (xml) => s.host.push(s.record, xml), close: async () => {} }
        sessionEndpoints.set(id, endpoint)
      }
      return endpoint
    },
  }
  /** Until no account host has work left (work on one may queue work on another). */
  const idle = async () => {
    for (let waited = true; waited; ) {
      waited = false
      for (const h of accountHosts.values()) {
        if (h.busy) {
          await h.idle()
          waited = true
        }
      }
    }
  }

  /** A session past SASL (benchmarked in @tercet/sasl), bound and available. */
  async function bound(user: string, resource: string): Promise<BoundClient> {
    const out: string[] = []
    const host = createHost({
      domain,
      modules,
      storage: mapStorage(),
      network,
      accounts,
      options,
      output: { send: (_s, text) => void out.push(text), close: () => {} },
    })
    const record = Object.assign(createSession(`${user}-${resource}`), { stage: 'binding', user })
    const s = { host, record: record as SessionRecord }
    sessions.set(record.id, s)
    const send = async (frame: string) => {
      s.record = await host.receive(s.record, parseFrame(frame), frame)
      await idle()
    }
    await send(
      `<iq xmlns="jabber:client" type="set" id="b"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>${resource}</resource></bind></iq>`,
    )
    await send('<presence xmlns="jabber:client"/>')
    out.length = 0
    return { out, send }
  }
  return { bound, idle }
}
