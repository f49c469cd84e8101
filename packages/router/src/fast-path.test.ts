// The routing fast paths (JID cache, `to` parsed once, the arriving text delivered as is) must
// give exactly what the plain path gives. A minimal in-process setup, as in the benchmark (the
// conversation tests live in @tercet/testing, which depends on this package).
import { JidError, parseJid } from '@tercet/jid'
import { errorReply, stanzaError, validateStanza } from '@tercet/stanza'
import { parseFrame, serialize } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { inProcessWorld } from '../test/in-process'
import { cachedJid } from './core'
import { defineModule, type Module } from './index'

const domain = 'example.test'
const world = (modules: Module[] = []) => inProcessWorld({ domain, modules })

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
    // The hop carried the client's text with `from` stamped first; the handler's change made
    // the account side serialise what it parsed from that.
    expect(bob.out).toEqual([
      '<message xmlns="jabber:client" from="alice@example.test/phone" to="bob@example.test" type="chat" id="m1" tagged="yes"/>',
      '<message xmlns="jabber:client" from="alice@example.test/phone" to="bob@example.test/laptop" id="m2" tagged="yes"/>',
    ])
  })
})

describe('the client frame travels as its own text (from stamped, RFC 6120 §8.1.2.1)', () => {
  test('an untouched message arrives as the client wrote it, with from written in', async () => {
    const { bound } = await world()
    const alice = await bound('alice', 'phone')
    const bob = await bound('bob', 'laptop')
    const frame =
      "<message xmlns='jabber:client' to='bob@example.test' type='chat' id='m1'><body>&#x41; &amp; 👋</body></message>"
    await alice.send(frame)
    expect(bob.out).toEqual([
      `<message from="alice@example.test/phone"${frame.slice('<message'.length)}`,
    ])
  })

  test('a full JID with quote and ampersand is escaped in the stamped from', async () => {
    const { bound } = await world()
    const alice = await bound('alice', 'a&quot;&amp;b')
    const bob = await bound('bob', 'laptop')
    await alice.send('<message xmlns="jabber:client" to="bob@example.test/laptop" id="m1"/>')
    expect(bob.out).toEqual([
      '<message from="alice@example.test/a&quot;&amp;b" xmlns="jabber:client" to="bob@example.test/laptop" id="m1"/>',
    ])
    expect(parseFrame(bob.out[0]!).attrs.from).toBe('alice@example.test/a"&b')
  })

  test('a frame with CDATA is serialised again, so recipients never see CDATA', async () => {
    const { bound } = await world()
    const alice = await bound('alice', 'phone')
    const bob = await bound('bob', 'laptop')
    await alice.send(
      '<message xmlns="jabber:client" to="bob@example.test" id="m1"><body><![CDATA[a < b]]></body></message>',
    )
    expect(bob.out).toEqual([
      '<message xmlns="jabber:client" to="bob@example.test" id="m1" from="alice@example.test/phone"><body>a &lt; b</body></message>',
    ])
  })

  test('a client-supplied from (its own bare JID) is replaced by the full JID', async () => {
    const { bound } = await world()
    const alice = await bound('alice', 'phone')
    const bob = await bound('bob', 'laptop')
    await alice.send(
      '<message xmlns="jabber:client" from="alice@example.test" to="bob@example.test" id="m1"/>',
    )
    expect(bob.out).toEqual([
      '<message xmlns="jabber:client" from="alice@example.test/phone" to="bob@example.test" id="m1"/>',
    ])
  })

  test('a pre-message handler that changes the stanza is seen by the recipient', async () => {
    const mark = defineModule('mark', (mod) => {
      mod.hook('pre-message/bare', (e) => {
        e.stanza.attrs.marked = 'yes'
        return false
      })
    })
    const { bound } = await world([mark])
    const alice = await bound('alice', 'phone')
    const bob = await bound('bob', 'laptop')
    await alice.send('<message xmlns="jabber:client" to="bob@example.test" id="m1"/>')
    expect(bob.out).toEqual([
      '<message xmlns="jabber:client" to="bob@example.test" id="m1" from="alice@example.test/phone" marked="yes"/>',
    ])
  })

  test('a message for an account without live resources reaches message/offline whole', async () => {
    const seen: string[] = []
    const offline = defineModule('offline', (mod) => {
      mod.hook('message/offline', (e) => {
        seen.push(serialize(e.stanza))
        return true
      })
    })
    const { bound } = await world([offline])
    const alice = await bound('alice', 'phone')
    await alice.send(
      '<message xmlns="jabber:client" to="carol@example.test" type="chat" id="m1"><body>hi</body></message>',
    )
    expect(seen).toEqual([
      '<message xmlns="jabber:client" from="alice@example.test/phone" to="carol@example.test" type="chat" id="m1"><body>hi</body></message>',
    ])
  })

  test('groupchat to a user still bounces with service-unavailable (RFC 6121 §8.5.2.1.1)', async () => {
    const { bound } = await world()
    const alice = await bound('alice', 'phone')
    const bob = await bound('bob', 'laptop')
    const frame =
      '<message xmlns="jabber:client" to="bob@example.test" type="groupchat" id="g1"><body>x</body></message>'
    await alice.send(frame)
    expect(bob.out).toEqual([])
    const sent = parseFrame(frame)
    sent.attrs.from = 'alice@example.test/phone'
    const reply = errorReply(sent, stanzaError('service-unavailable'))!
    expect(alice.out.map((x) => parseFrame(x).equals(reply))).toEqual([true])
  })

  test('a message to an account that does not exist gets service-unavailable (RFC 6121 §8.5.1)', async () => {
    const { bound } = inProcessWorld({
      domain,
      accounts: { exists: async (user) => user !== 'nobody' },
    })
    const alice = await bound('alice', 'phone')
    await alice.send('<message xmlns="jabber:client" to="nobody@example.test" id="n1"/>')
    expect(
      alice.out.map((x) => parseFrame(x).getChild('error')?.getChildElements()[0]?.local),
    ).toEqual(['service-unavailable'])
  })
})
