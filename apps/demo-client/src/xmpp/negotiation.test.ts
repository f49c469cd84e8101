import { deriveCredentialSet, type ServerState, start, step } from '@tercet/sasl'
import { type Element, parseFrame, serialize } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { beginNegotiation, type Login, type Negotiation, negotiate } from './negotiation'

const login: Login = {
  local: 'alice',
  domain: 'localhost',
  password: 'correct horse',
  resource: 'web',
  register: false,
}
const OPEN =
  '<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="localhost" id="s1" version="1.0"/>'
const features = (inner: string) =>
  parseFrame(
    `<stream:features xmlns:stream="http://etherx.jabber.org/streams">${inner}</stream:features>`,
  )
const MECHANISMS =
  '<mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>SCRAM-SHA-1</mechanism>' +
  '<mechanism>SCRAM-SHA-256</mechanism><mechanism>PLAIN</mechanism></mechanisms>'
const REGISTER = '<register xmlns="http://jabber.org/features/iq-register"/>'

let n = 0
const ids = () => `id${++n}`

async function feed(state: Negotiation, frame: string | Element, l = login) {
  return negotiate(state, typeof frame === 'string' ? parseFrame(frame) : frame, l, ids)
}

/** Runs SCRAM against @tercet/sasl's own server steps, as Tercet does. */
async function scramServer(password: string) {
  const creds = await deriveCredentialSet(password, { iterations: 4096 })
  let state: ServerState = start('SCRAM-SHA-256')
  return async (text: string) => {
    const r = await step(state, text, () => creds)
    state = r.state
    return r
  }
}

describe('client stream negotiation', () => {
  test('open, SCRAM-SHA-256 (preferred), restart, bind', async () => {
    const begin = beginNegotiation(login)
    expect(serialize(begin.send[0]!)).toBe(
      '<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0" xml:lang="en"/>',
    )
    let s = await feed(begin.state, OPEN)
    s = await feed(s.state, features(MECHANISMS))
    const auth = s.send[0]!
    expect(auth.attr('mechanism')).toBe('SCRAM-SHA-256')
    const server = await scramServer('correct horse')
    const first = await server(auth.text())
    s = await feed(
      s.state,
      `<challenge xmlns="urn:ietf:params:xml:ns:xmpp-sasl">${first.challenge}</challenge>`,
    )
    expect(s.send[0]!.local).toBe('response')
    const final = await server(s.send[0]!.text())
    expect(final.success?.username).toBe('alice')
    s = await feed(
      s.state,
      `<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl">${final.success!.additionalData}</success>`,
    )
    expect(s.send.map((e) => e.local)).toEqual(['open']) // RFC 6120 §6.4.6 restart
    s = await feed(s.state, OPEN)
    s = await feed(s.state, features('<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/>'))
    const bind = s.send[0]!
    expect(serialize(bind)).toBe(
      `<iq xmlns="jabber:client" type="set" id="${bind.attr('id')}"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>web</resource></bind></iq>`,
    )
    s = await feed(
      s.state,
      `<iq xmlns="jabber:client" type="result" id="${bind.attr('id')}"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>alice@localhost/web</jid></bind></iq>`,
    )
    expect(s.jid).toBe('alice@localhost/web')
    expect(s.state).toEqual({ stage: 'bound', jid: 'alice@localhost/web' })
  })

  test('a wrong password is reported as such, and is fatal', async () => {
    let s = await feed({ stage: 'await-features', authenticated: false }, features(MECHANISMS))
    const server = await scramServer('another password')
    const first = await server(s.send[0]!.text())
    s = await feed(
      s.state,
      `<challenge xmlns="urn:ietf:params:xml:ns:xmpp-sasl">${first.challenge}</challenge>`,
    )
    const final = await server(s.send[0]!.text())
    expect(final.failure?.condition).toBe('not-authorized')
    s = await feed(
      s.state,
      '<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><not-authorized/></failure>',
    )
    expect(s.error?.kind).toBe('not-authorized')
    expect(s.error?.message).toBe('Wrong username or password.')
    expect(s.error?.fatal).toBe(true)
  })

  test('a server that cannot prove the password is refused (SCRAM mutual auth)', async () => {
    let s = await feed({ stage: 'await-features', authenticated: false }, features(MECHANISMS))
    const server = await scramServer('correct horse')
    const first = await server(s.send[0]!.text())
    s = await feed(
      s.state,
      `<challenge xmlns="urn:ietf:params:xml:ns:xmpp-sasl">${first.challenge}</challenge>`,
    )
    s = await feed(
      s.state,
      `<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl">${btoa('v=AAAA')}</success>`,
    )
    expect(s.error?.kind).toBe('server-not-verified')
  })

  test('temporary-auth-failure says to wait, and may be retried', async () => {
    const s = await feed(
      { stage: 'authenticating', sasl: { step: 'plain-sent', mechanism: 'PLAIN' } },
      '<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><temporary-auth-failure/></failure>',
    )
    expect(s.error?.kind).toBe('auth-throttled')
    expect(s.error?.fatal).toBe(false)
  })

  test('host-unknown (RFC 6120 §4.9.3.6) becomes an unknown-host error', async () => {
    const s = await feed(
      { stage: 'await-features', authenticated: false },
      '<stream:error xmlns:stream="http://etherx.jabber.org/streams"><host-unknown xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></stream:error>',
      { ...login, domain: 'nowhere.test' },
    )
    expect(s.error?.kind).toBe('host-unknown')
    expect(s.error?.message).toContain('"nowhere.test"')
  })

  describe('XEP-0077 registration before authentication', () => {
    const reg = { ...login, register: true }

    test('registers, then authenticates on the same stream', async () => {
      let s = await feed(
        { stage: 'await-features', authenticated: false },
        features(MECHANISMS + REGISTER),
        reg,
      )
      const iq = s.send[0]!
      expect(serialize(iq)).toBe(
        `<iq xmlns="jabber:client" type="set" id="${iq.attr('id')}"><query xmlns="jabber:iq:register"><username>alice</username><password>correct horse</password></query></iq>`,
      )
      s = await feed(
        s.state,
        `<iq xmlns="jabber:client" type="result" id="${iq.attr('id')}"/>`,
        reg,
      )
      expect(s.send[0]!.local).toBe('auth')
      expect(s.send[0]!.attr('mechanism')).toBe('SCRAM-SHA-256')
    })

    test('a taken name is a conflict', async () => {
      let s = await feed(
        { stage: 'await-features', authenticated: false },
        features(MECHANISMS + REGISTER),
        reg,
      )
      s = await feed(
        s.state,
        `<iq xmlns="jabber:client" type="error" id="${s.send[0]!.attr('id')}"><error type="cancel"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
        reg,
      )
      expect(s.error?.kind).toBe('registration-conflict')
      expect(s.error?.message).toBe('The username "alice" is already taken.')
    })

    test('a server without the feature says so', async () => {
      const s = await feed(
        { stage: 'await-features', authenticated: false },
        features(MECHANISMS),
        reg,
      )
      expect(s.error?.kind).toBe('registration-unavailable')
    })
  })

  test('no mechanism in common', async () => {
    const s = await feed(
      { stage: 'await-features', authenticated: false },
      features(
        '<mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>X-OAUTH2</mechanism></mechanisms>',
      ),
    )
    expect(s.error?.message).toContain('X-OAUTH2')
  })

  test('an unexpected element is a protocol error', async () => {
    const s = await feed(
      { stage: 'await-open', authenticated: false },
      '<message xmlns="jabber:client"/>',
    )
    expect(s.error?.kind).toBe('protocol')
  })
})
