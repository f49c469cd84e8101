// In-process routing throughput: chat messages between two logged-in sessions through the
// full core (session side → account side → recipient's session), parse and serialise included,
// next to a parse + serialise-only baseline of the same frames in the same run.
// Run with `pnpm --filter @tercet/router bench`.
import { deriveCredentialSet } from '@tercet/sasl'
import { parseFrame, serialize } from '@tercet/xml'
import { bench, describe } from 'vitest'
import {
  createHost,
  createSession,
  type Host,
  type Network,
  type SessionRecord,
  type Storage,
} from '../src/index'

// A minimal Map-backed Storage (the bench cannot depend on @tercet/testing, which depends on us).
function mapStorage(): Storage {
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

const domain = 'example.test'
const credentials = await deriveCredentialSet('pw', { iterations: 4096 })
const accounts = {
  exists: async () => true,
  credentials: async () => credentials,
  create: async () => false,
  setCredentials: async () => {},
  remove: async () => {},
}
const sessions = new Map<string, { host: Host; record: SessionRecord }>()
const accountHosts = new Map<string, Host>()
let delivered = 0
let routed = 0
const network: Network = {
  account(bare) {
    let host = accountHosts.get(bare)
    if (!host) {
      host = createHost({ domain, modules: [], storage: mapStorage(), network, accounts })
      accountHosts.set(bare, host)
    }
    const h = host
    return {
      bind: (r) => h.account.bind(bare, r),
      unbind: (id) => h.account.unbind(bare, id),
      stanza: (xml, origin) => h.account.stanza(bare, xml, origin),
      outbound: (xml, origin) => h.account.outbound(bare, xml, origin),
    }
  },
  session(id) {
    const s = sessions.get(id)!
    return { push: (xml) => s.host.push(s.record, xml), close: async () => {} }
  },
}

async function bound(
  user: string,
  resource: string,
): Promise<{ host: Host; record: SessionRecord }> {
  const record = createSession(`${user}-${resource}`)
  const host = createHost({
    domain,
    modules: [],
    storage: mapStorage(),
    network,
    accounts,
    // No rate limit here: the benchmark measures routing, not the abuse guard.
    options: { stanzaRate: 1e9, stanzaBurst: 1e9 },
    output: {
      send: (_s, text) => void (text.startsWith('<message') && delivered++),
      close: () => {},
    },
  })
  // Skip SASL (benchmarked in @tercet/sasl): the record after authentication, then bind.
  Object.assign(record, { stage: 'binding', user })
  const s = { host, record }
  sessions.set(record.id, s)
  s.record = await host.receive(
    record,
    parseFrame(
      `<iq xmlns="jabber:client" type="set" id="b"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>${resource}</resource></bind></iq>`,
    ),
  )
  s.record = await host.receive(s.record, parseFrame('<presence xmlns="jabber:client"/>'))
  return s
}

const alice = await bound('alice', 'phone')
await bound('bob', 'laptop')
const frame =
  '<message xmlns="jabber:client" to="bob@example.test" type="chat" id="m1"><body>Hello, Bob! Wie geht’s? 👋</body><active xmlns="http://jabber.org/protocol/chatstates"/></message>'

describe('a chat message, client frame in to client frame out', () => {
  bench('route through the core (session → account → session)', async () => {
    alice.record = await alice.host.receive(alice.record, parseFrame(frame))
    routed++
    // The account side accepts the stanza at once and delivers it from its queue.
    await Promise.all([...accountHosts.values()].map((h) => h.idle()))
  })
  bench('baseline: parse + serialise the frame once (what any server must do)', () => {
    serialize(parseFrame(frame))
  })
  bench('baseline: parse + serialise twice (the Durable Object hop serialises once more)', () => {
    serialize(parseFrame(serialize(parseFrame(frame))))
  })
})

describe('sanity', () => {
  bench('every routed message reached bob', () => {
    if (delivered < routed)
      throw new Error(`only ${delivered} of ${routed} messages were delivered`)
  })
})
