// Stream negotiation over RFC 7395 framing, SASL (RFC 6120 §6) and binding (RFC 6120 §7),
// driven through testHost() exactly as a client would.

import { describe, expect, test } from 'vitest'
import { testHost } from '../src/index'
import { base64Utf8 } from './helpers'

const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing'
const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl'
const STREAMS = 'http://etherx.jabber.org/streams'
const STREAM_ERRORS = 'urn:ietf:params:xml:ns:xmpp-streams'
const open = (to = 'example.test', extra = ' version="1.0"') =>
  `<open xmlns="${FRAMING}" to="${to}"${extra}/>`
const streamError = (condition: string) =>
  `<stream:error xmlns:stream="${STREAMS}"><${condition} xmlns="${STREAM_ERRORS}"/></stream:error>`
const streamErrorWithText = (condition: string) =>
  `<stream:error xmlns:stream="${STREAMS}"><${condition} xmlns="${STREAM_ERRORS}"/><text xmlns="${STREAM_ERRORS}">{{}}</text></stream:error>`
const plain = (user: string, password: string) =>
  `<auth xmlns="${SASL}" mechanism="PLAIN">${base64Utf8(`\0${user}\0${password}`)}</auth>`

describe('RFC 7395 §3.4: opening the stream', () => {
  test('<open/> is answered with <open/> (from, id, version, xml:lang) and the SASL features', async () => {
    const t = testHost()
    const c = t.connect()
    await c.send(open())
    await c.expect(
      `<open xmlns="${FRAMING}" from="example.test" id="{{id}}" version="1.0" xml:lang="en"/>`,
    )
    await c.expect(
      `<stream:features xmlns:stream="${STREAMS}"><mechanisms xmlns="${SASL}">` +
        '<mechanism>SCRAM-SHA-256</mechanism><mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism>' +
        '</mechanisms></stream:features>',
    )
    expect(c.session.streamId).toMatch(/^[0-9a-f]{32}$/)
  })
  test('the stream id is different on every stream (RFC 6120 §4.7.3)', async () => {
    const t = testHost()
    const ids = new Set<string>()
    for (let i = 0; i < 5; i++) {
      const c = t.connect()
      await c.send(open())
      ids.add(c.received()[0]!.attr('id')!)
    }
    expect(ids.size).toBe(5)
  })
  test('a domain the server does not serve: host-unknown, after an <open/> (RFC 6120 §4.9.1.2)', async () => {
    const c = testHost().connect()
    await c.send(open('other.example'))
    await c.expect(
      `<open xmlns="${FRAMING}" from="example.test" id="{{}}" version="1.0" xml:lang="en"/>`,
    )
    await c.expect(streamError('host-unknown'))
    await c.expect(`<close xmlns="${FRAMING}"/>`)
    expect(c.closed).toBe(true)
  })
  test('the domain is compared after preparation', async () => {
    const c = testHost().connect()
    await c.send(open('EXAMPLE.test.'))
    expect(c.received()[0]!.local).toBe('open')
    expect(c.closed).toBe(false)
  })
  test('no version, or a major version other than 1: unsupported-version (RFC 6120 §4.7.5)', async () => {
    for (const extra of ['', ' version="2.0"']) {
      const c = testHost().connect()
      await c.send(open('example.test', extra))
      c.received().shift()
      expect(c.closed).toBe(true)
    }
    const c = testHost().connect()
    await c.send(open('example.test', ''))
    await c.expect(
      `<open xmlns="${FRAMING}" from="example.test" id="{{}}" version="1.0" xml:lang="en"/>`,
    )
    await c.expect(streamError('unsupported-version'))
  })
  test('anything before <open/> is not-authorized', async () => {
    const c = testHost().connect()
    await c.send('<message to="a@example.test"><body>x</body></message>')
    await c.expect(
      `<open xmlns="${FRAMING}" from="example.test" id="{{}}" version="1.0" xml:lang="en"/>`,
    )
    await c.expect(streamErrorWithText('not-authorized'))
    await c.expect(`<close xmlns="${FRAMING}"/>`)
  })
  test('<close/> is answered with <close/> and the connection closes (RFC 7395 §3.6.1)', async () => {
    const c = testHost().connect()
    await c.send(open())
    c.received()
    await c.send(`<close xmlns="${FRAMING}"/>`)
    await c.expect(`<close xmlns="${FRAMING}"/>`)
    expect(c.closed).toBe(true)
    await c.send('<presence/>')
    c.expectNothing()
  })
})

describe('RFC 6120 §6: SASL', () => {
  async function opened() {
    const t = testHost()
    await t.addUser('juliet', 'r0m30myr0m30')
    const c = t.connect()
    await c.send(open())
    c.received()
    return { t, c }
  }
  test('PLAIN with the right password succeeds; the stream must then restart', async () => {
    const { c } = await opened()
    await c.send(plain('juliet', 'r0m30myr0m30'))
    await c.expect(`<success xmlns="${SASL}"/>`)
    expect(c.session.user).toBe('juliet')
    await c.send('<presence/>')
    c.received().shift()
    expect(c.closed).toBe(true)
  })
  test('a wrong password: <failure><not-authorized/></failure>, and the stream stays open', async () => {
    const { c } = await opened()
    await c.send(plain('juliet', 'wrong'))
    await c.expect(`<failure xmlns="${SASL}"><not-authorized/></failure>`)
    expect(c.closed).toBe(false)
  })
  test('an unknown user fails exactly like a wrong password', async () => {
    const { c } = await opened()
    await c.send(plain('nobody', 'wrong'))
    await c.expect(`<failure xmlns="${SASL}"><not-authorized/></failure>`)
  })
  test('the third failure closes the stream with policy-violation', async () => {
    const { c } = await opened()
    for (let i = 0; i < 2; i++) {
      await c.send(plain('juliet', 'wrong'))
      await c.expect(`<failure xmlns="${SASL}"><not-authorized/></failure>`)
    }
    await c.send(plain('juliet', 'wrong'))
    await c.expect(`<failure xmlns="${SASL}"><not-authorized/></failure>`)
    await c.expect(streamErrorWithText('policy-violation'))
    await c.expect(`<close xmlns="${FRAMING}"/>`)
    expect(c.closed).toBe(true)
  })
  test('a mechanism that is not offered: invalid-mechanism (RFC 6120 §6.5.7)', async () => {
    const { c } = await opened()
    await c.send(`<auth xmlns="${SASL}" mechanism="DIGEST-MD5"/>`)
    await c.expect(`<failure xmlns="${SASL}"><invalid-mechanism/></failure>`)
  })
  test('<abort/> gets <failure><aborted/></failure> (RFC 6120 §6.4.5)', async () => {
    const { c } = await opened()
    await c.send(`<auth xmlns="${SASL}" mechanism="PLAIN"/>`)
    await c.expect(`<challenge xmlns="${SASL}"/>`)
    await c.send(`<abort xmlns="${SASL}"/>`)
    await c.expect(`<failure xmlns="${SASL}"><aborted/></failure>`)
  })
  test('a stanza before authentication is not-authorized (RFC 6120 §6.4.1)', async () => {
    const { c } = await opened()
    await c.send('<iq type="get" id="1"><query xmlns="jabber:iq:roster"/></iq>')
    await c.expect(streamError('not-authorized'))
    await c.expect(`<close xmlns="${FRAMING}"/>`)
  })
  test('after the restart: bind and optional session are offered (RFC 6120 §7.4)', async () => {
    const { c } = await opened()
    await c.send(plain('juliet', 'r0m30myr0m30'))
    c.received()
    await c.send(open())
    await c.expect(
      `<open xmlns="${FRAMING}" from="example.test" id="{{}}" version="1.0" xml:lang="en"/>`,
    )
    await c.expect(
      `<stream:features xmlns:stream="${STREAMS}"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/>` +
        '<session xmlns="urn:ietf:params:xml:ns:xmpp-session"><optional/></session></stream:features>',
    )
  })
})

describe('RFC 6120 §7: resource binding', () => {
  const BIND = 'urn:ietf:params:xml:ns:xmpp-bind'
  async function authenticated(t = testHost(), user = 'juliet') {
    await t.addUser(user, 'pw')
    const c = t.connect()
    await c.send(open())
    await c.send(plain(user, 'pw'))
    await c.send(open())
    c.received()
    return { t, c }
  }
  const bind = (resource?: string) =>
    `<iq type="set" id="b1"><bind xmlns="${BIND}">${resource === undefined ? '' : `<resource>${resource}</resource>`}</bind></iq>`

  test('a client-chosen resource is bound as asked', async () => {
    const { c } = await authenticated()
    await c.send(bind('balcony'))
    await c.expect(
      `<iq type="result" id="b1"><bind xmlns="${BIND}"><jid>juliet@example.test/balcony</jid></bind></iq>`,
    )
    expect(c.session.stage).toBe('bound')
  })
  test('the resource is prepared with OpaqueString (RFC 7622 §3.4): NFC, spaces kept', async () => {
    const { c } = await authenticated()
    await c.send(bind('Cafe\u0301 Phone'))
    await c.expect(
      `<iq type="result" id="b1"><bind xmlns="${BIND}"><jid>juliet@example.test/Café Phone</jid></bind></iq>`,
    )
  })
  test('no resource: the server generates one (RFC 6120 §7.6)', async () => {
    const { c } = await authenticated()
    await c.send(bind())
    const result = await c.expect(
      `<iq type="result" id="b1"><bind xmlns="${BIND}"><jid>{{jid}}</jid></bind></iq>`,
    )
    expect(result.getChild('bind', BIND)!.getChildText('jid', BIND)).toMatch(
      /^juliet@example\.test\/[0-9a-z]{18}$/,
    )
  })
  test('a resource that cannot be prepared: bad-request (RFC 6120 §7.7.2.1)', async () => {
    const { c } = await authenticated()
    await c.send(bind('a\u0085b'))
    await c.expect(
      '<iq type="error" id="b1"><error type="modify"><bad-request xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>' +
        '<text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">{{}}</text></error></iq>',
    )
  })
  test('conflict, default policy: the old session is closed with <conflict/> (RFC 6120 §7.7.2.2)', async () => {
    const t = testHost()
    const old = await t.login('juliet@example.test/balcony')
    const { c } = await authenticated(t)
    await c.send(bind('balcony'))
    await c.expect(
      `<iq type="result" id="b1"><bind xmlns="${BIND}"><jid>juliet@example.test/balcony</jid></bind></iq>`,
    )
    await old.expect(streamErrorWithText('conflict'))
    await old.expect(`<close xmlns="${FRAMING}"/>`)
    expect(old.closed).toBe(true)
  })
  test('conflict, refuse_new policy: the new bind gets a conflict error', async () => {
    const t = testHost({ options: { resourceConflict: 'refuse_new' } })
    const old = await t.login('juliet@example.test/balcony')
    const { c } = await authenticated(t)
    await c.send(bind('balcony'))
    await c.expect(
      '<iq type="error" id="b1"><error type="cancel"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>',
    )
    expect(old.closed).toBe(false)
  })
  test('more resources than allowed: resource-constraint (RFC 6120 §7.6.2.1)', async () => {
    const t = testHost({ options: { maxResources: 2 } })
    await t.login('juliet@example.test/one')
    await t.login('juliet@example.test/two')
    const { c } = await authenticated(t)
    await c.send(bind('three'))
    await c.expect(
      '<iq type="error" id="b1"><error type="wait"><resource-constraint xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>',
    )
  })
  test('a stanza before binding ends the stream with not-authorized', async () => {
    const { c } = await authenticated()
    await c.send('<message to="romeo@example.test"><body>x</body></message>')
    await c.expect(streamErrorWithText('not-authorized'))
  })
  test('the legacy session IQ is answered with a result (RFC 3921 §3)', async () => {
    const t = testHost()
    const c = await t.login('juliet@example.test/balcony')
    await c.send(
      '<iq type="set" id="s1" to="example.test"><session xmlns="urn:ietf:params:xml:ns:xmpp-session"/></iq>',
    )
    await c.expect(
      '<iq type="result" id="s1" from="example.test" to="juliet@example.test/balcony"/>',
    )
  })
})
