// The routing fast paths (JID cache, `to` parsed once, the arriving text delivered as is) must
// give exactly what the plain path gives. A minimal in-process setup, as in the benchmark (the
// conversation tests live in @tercet/testing, which depends on this package).
import { JidError, parseJid } from '@tercet/jid'
import { errorReply, validateStanza } from '@tercet/stanza'
import { parseFrame, serialize } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { cachedJid } from './core'
import {
  createHost,
  defineModule,
  type Host,
  type Module,
  type Network,
  type Storage,
} from './index'
import { createSession, type SessionRecord } from './session'

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
const accounts = {
  exists: async () => true,
  credentials: async () => undefined,
  create: async () => false,
  setCredentials: async () => {},
  remove: async () => {},
}

async function world(modules: Module[] = []) {
  const sessions = new Map<string, { host: Host; record: SessionRecord; out: string[] }>()
  const accountHosts = new Map<string, Host>()
  const network: Network = {
    account(bare) {
      let host = accountHosts.get(bare)
      if (!host) {
        host = createHost({ domain, modules, storage: mapStorage(), network, accounts })
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
  const idle = () => Promise.all([...accountHosts.values()].map((h) => h.idle()))
  async function bound(user: string, resource: string) {
    const out: string[] = []
    const host = createHost({
      domain,
      modules,
      storage: mapStorage(),
      network,
      accounts: accounts as never,
      output: { send: (_s, text) => void out.push(text), close: () => {} },
    })
    const record = Object.assign(createSession(`${user}-${resource}`), { stage: 'binding', user })
    const s = { host, record: record as SessionRecord, out }
    sessions.set(record.id, s)
    const bind = `<iq xmlns="jabber:client" type="set" id="b"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>${resource}</resource></bind></iq>`
    s.record = await host.receive(s.record, parseFrame(bind))
    s.record = await host.receive(s.record, parseFrame('<presence xmlns="jabber:client"/>'))
    await idle()
    out.length = 0
    return {
      out,
      async send(frame: string) {
        s.record = await host.receive(s.record, parseFrame(frame))
        await idle()
      },
    }
  }
  return { bound }
}

describe('the JID cache', () => {
  test('gives an address equal to parseJid, the same object for the same string', () => {
    const a = cachedJid('Alice@Example.Test/phone')
    expect(a.equals(parseJid('Alice@Example.Test/phone'))).toBe(true)
    expect(cachedJid('Alice@Example.Test/phone')).toBe(a)
  })
  test('throws the JidError of parseJid every time for a malformed address', () => {
    for (let i = 0; i < 2; i++) expect(() => cachedJid('a@b@example.test')).toThrow(JidError)
  })
  test('parses a long address correctly without keeping it', () => {
    const long = `alice@example.test/${'r'.repeat(300)}`
    expect(cachedJid(long).resource).toBe('r'.repeat(300))
    expect(cachedJid(long).equals(parseJid(long))).toBe(true)
  })
  test('stays bounded and correct past its capacity', () => {
    for (let i = 0; i < 3000; i++) expect(cachedJid(`u${i}@${domain}`).local).toBe(`u${i}`)
  })
})

describe('routing fast paths', () => {
  test('a message with a malformed to gets the error validateStanza gives (RFC 6120 §8.3.3.8)', async () => {
    const { bound } = await world()
    const alice = await bound('alice', 'phone')
    const frame =
      '<message xmlns="jabber:client" to="a@b@example.test" id="m1"><body>x</body></message>'
    await alice.send(frame)
    const expected = parseFrame(frame)
    expected.attrs.from = 'alice@example.test/phone'
    const reply = errorReply(expected, validateStanza(expected)!)!
    expect(alice.out).toEqual([serialize(reply)])
  })

  test('an untouched message is delivered as the account side received it', async () => {
    const { bound } = await world()
    const alice = await bound('alice', 'phone')
    const bob = await bound('bob', 'laptop')
    await alice.send(
      '<message xmlns="jabber:client" to="Bob@example.test" type="chat" id="m1"><body>a &amp; b &lt; c</body></message>',
    )
    expect(bob.out).toEqual([
      '<message xmlns="jabber:client" to="bob@example.test" type="chat" id="m1" from="alice@example.test/phone"><body>a &amp; b &lt; c</body></message>',
    ])
  })

  test('a handler that changes the stanza and lets it through is seen in what is delivered', async () => {
    const tag = defineModule('tag', (mod) => {
      for (const name of ['message/bare', 'message/full'] as const) {
        mod.hook(name, (e) => {
          e.stanza.attrs.tagged = 'yes'
          return false
        })
      }
    })
    const { bound } = await world([tag])
    const alice = await bound('alice', 'phone')
    const bob = await bound('bob', 'laptop')
    await alice.send('<message xmlns="jabber:client" to="bob@example.test" type="chat" id="m1"/>')
    await alice.send('<message xmlns="jabber:client" to="bob@example.test/laptop" id="m2"/>')
    expect(bob.out).toEqual([
      '<message xmlns="jabber:client" to="bob@example.test" type="chat" id="m1" from="alice@example.test/phone" tagged="yes"/>',
      '<message xmlns="jabber:client" to="bob@example.test/laptop" id="m2" from="alice@example.test/phone" tagged="yes"/>',
    ])
  })
})
