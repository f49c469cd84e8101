// The routing fast paths (JID cache, `to` parsed once, the arriving text delivered as is) must
// give exactly what the plain path gives. A minimal in-process setup, as in the benchmark (the
// conversation tests live in @tercet/testing, which depends on this package).
import { JidError, parseJid } from '@tercet/jid'
import { errorReply, validateStanza } from '@tercet/stanza'
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
    expect(bob.out).toEqual([
      '<message xmlns="jabber:client" to="bob@example.test" type="chat" id="m1" from="alice@example.test/phone" tagged="yes"/>',
      '<message xmlns="jabber:client" to="bob@example.test/laptop" id="m2" from="alice@example.test/phone" tagged="yes"/>',
    ])
  })
})
