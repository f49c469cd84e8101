// Limits and abuse: bad input from one client never hurts anyone else.
import { describe, expect, test } from 'vitest'
import { testHost } from '../src/index'
import { base64Utf8 } from './helpers'

const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl'
const OPEN = '<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="example.test" version="1.0"/>'
const plain = (user: string, password: string) =>
  `<auth xmlns="${SASL}" mechanism="PLAIN">${base64Utf8(`\0${user}\0${password}`)}</auth>`

describe('per-session stanza rate limit (token bucket)', () => {
  test('over the burst a stanza gets resource-constraint (wait); other users are unaffected', async () => {
    const t = testHost({ options: { stanzaRate: 0.001, stanzaBurst: 2, stanzaAbuse: 1000 } })
    const alice = await t.login('alice@example.test/phone')
    const bob = await t.login('bob@example.test/laptop')
    await bob.send('<presence/>') // bob's own token: his bucket is separate
    for (let i = 1; i <= 2; i++) {
      await alice.send(
        `<message to="bob@example.test" type="chat" id="m${i}"><body>${i}</body></message>`,
      )
    }
    await alice.send('<message to="bob@example.test" type="chat" id="m3"><body>3</body></message>')
    await alice.expect(
      '<message type="error" id="m3" from="bob@example.test" to="alice@example.test/phone"><error type="wait">' +
        '<resource-constraint xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">{{}}</text></error></message>',
    )
    expect(bob.received().map((m) => m.attr('id'))).toEqual(['m1', 'm2'])
  })
  test('persistent abuse ends the stream with policy-violation', async () => {
    const t = testHost({ options: { stanzaRate: 0.001, stanzaBurst: 1, stanzaAbuse: 2 } })
    const alice = await t.login('alice@example.test/phone')
    for (let i = 0; i < 4; i++) await alice.send(`<presence id="p${i}"/>`)
    const frames = alice.received()
    expect(frames.map((f) => f.local)).toEqual(
      ['stream:error', 'close'].map((n) => n.replace('stream:', '')),
    )
    expect(frames[0]!.getChildElements()[0]!.local).toBe('policy-violation')
    expect(alice.closed).toBe(true)
  })
})

describe('failed authentications are throttled per account, across connections', () => {
  test('after five failures in a minute even the right password gets temporary-auth-failure', async () => {
    const t = testHost({ options: { maxAuthFailures: 100 } })
    await t.addUser('juliet', 'right')
    for (let i = 0; i < 5; i++) {
      const c = t.connect()
      await c.send(OPEN)
      c.received()
      await c.send(plain('juliet', 'wrong'))
      await c.expect(`<failure xmlns="${SASL}"><not-authorized/></failure>`)
    }
    const c = t.connect()
    await c.send(OPEN)
    c.received()
    await c.send(plain('juliet', 'right'))
    const failure = c.received()[0]!
    expect(failure.local).toBe('failure')
    expect(failure.getChildElements().map((e) => e.local)).toEqual(['temporary-auth-failure'])
  })
  test('another account is not affected', async () => {
    const t = testHost({ options: { maxAuthFailures: 100 } })
    await t.addUser('juliet', 'right')
    await t.addUser('romeo', 'right')
    const c = t.connect()
    await c.send(OPEN)
    c.received()
    for (let i = 0; i < 5; i++) {
      await c.send(plain('juliet', 'wrong'))
      c.received()
    }
    await c.send(plain('romeo', 'right'))
    await c.expect(`<success xmlns="${SASL}"/>`)
  })
})

describe('logging', () => {
  test('one structured line per stanza error the server answers with, without the body', async () => {
    const lines: { message: string; fields?: Record<string, unknown> }[] = []
    const log = {
      debug() {},
      info: (message: string, fields?: Record<string, unknown>) =>
        lines.push({ message, ...(fields ? { fields } : {}) }),
      warn() {},
      error() {},
    }
    const t = testHost({ options: {}, log })
    const alice = await t.login('alice@example.test/phone')
    await alice.send(
      '<message to="nobody@example.test" type="chat" id="x"><body>secret words</body></message>',
    )
    const errors = lines.filter((l) => l.message === 'stanza error')
    expect(errors).toEqual([
      {
        message: 'stanza error',
        fields: { kind: 'message', condition: 'service-unavailable', type: 'cancel' },
      },
    ])
    expect(JSON.stringify(lines)).not.toContain('secret words')
  })
})
