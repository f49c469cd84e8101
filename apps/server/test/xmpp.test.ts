// The real Worker inside workerd: upgrade rules, negotiation, and delivery across
// Session → Account → Session objects.

import { env, runInDurableObject } from 'cloudflare:test'
import { exports } from 'cloudflare:workers'
import { describe, expect, test } from 'vitest'
import { connect, createUser, login, OPEN, plainAuth } from './ws-client'

let n = 0
const unique = (name: string) => `${name}${Date.now().toString(36)}${n++}`

describe('GET /xmpp-websocket (RFC 7395 §3.1)', () => {
  test('without an Upgrade header: 426', async () => {
    const res = await exports.default.fetch('http://localhost/xmpp-websocket')
    expect(res.status).toBe(426)
  })
  test('without the xmpp subprotocol: 400', async () => {
    const res = await exports.default.fetch('http://localhost/xmpp-websocket', {
      headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': 'chat' },
    })
    expect(res.status).toBe(400)
  })
  test('with it: 101 and the subprotocol echoed', async () => {
    const res = await exports.default.fetch('http://localhost/xmpp-websocket', {
      headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': 'xmpp' },
    })
    expect(res.status).toBe(101)
    expect(res.headers.get('Sec-WebSocket-Protocol')).toBe('xmpp')
    res.webSocket?.accept()
    res.webSocket?.close()
  })
})

describe('XEP-0156 host-meta', () => {
  test('JRD lists the WebSocket endpoint, readable cross-origin', async () => {
    const res = await exports.default.fetch('http://localhost:8787/.well-known/host-meta.json')
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(await res.json()).toEqual({
      links: [
        { rel: 'urn:xmpp:alt-connections:websocket', href: 'ws://localhost:8787/xmpp-websocket' },
      ],
    })
  })
  test('XRD too, with wss:// behind https', async () => {
    const res = await exports.default.fetch('https://chat.example/.well-known/host-meta')
    expect(res.headers.get('Content-Type')).toBe('application/xrd+xml; charset=utf-8')
    expect(await res.text()).toContain(
      '<Link rel="urn:xmpp:alt-connections:websocket" href="wss://chat.example/xmpp-websocket"/>',
    )
  })
})

/** Two new accounts logged in; bob available (his initial presence has come back to him). */
async function aliceAndBob() {
  const alice = unique('alice')
  const bob = unique('bob')
  await createUser(`${alice}@localhost`, 'pw')
  await createUser(`${bob}@localhost`, 'pw')
  const a = await connect()
  const b = await connect()
  await login(a, alice, 'pw', 'phone')
  await login(b, bob, 'pw', 'laptop')
  b.send('<presence xmlns="jabber:client"/>')
  // RFC 6121 §4.2.2: the server echoes initial presence; once it is back, bob is available
  // (before that a message would rightly go to offline storage).
  await b.nextMatching('<presence')
  return { alice, bob, a, b }
}

describe('XMPP over the real objects', () => {
  test('the stream opens and offers SASL', async () => {
    const c = await connect()
    c.send(OPEN)
    expect(await c.next()).toMatch(
      /^<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="localhost" id="[0-9a-f]{32}" version="1.0" xml:lang="en"\/>$/,
    )
    expect(await c.next()).toContain('<mechanism>SCRAM-SHA-256</mechanism>')
    await c.close()
  })
  test('invalid XML ends the stream with the parser’s condition, then <close/>, then the socket closes', async () => {
    const c = await connect()
    c.send(OPEN)
    await c.next()
    await c.next()
    c.send('<message><body>unclosed</message>')
    expect(await c.next()).toBe(
      '<stream:error xmlns:stream="http://etherx.jabber.org/streams"><not-well-formed xmlns="urn:ietf:params:xml:ns:xmpp-streams"/>' +
        '<text xmlns="urn:ietf:params:xml:ns:xmpp-streams">expected &lt;/body&gt;, got &lt;/message&gt;</text></stream:error>',
    )
    expect(await c.next()).toBe('<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>')
    expect(await c.closed).toBe(1000)
  })
  test('a wrong password fails, the right one binds', async () => {
    const user = unique('juliet')
    await createUser(`${user}@localhost`, 'balcony')
    const c = await connect()
    c.send(OPEN)
    await c.next()
    await c.next()
    c.send(plainAuth(user, 'wrong'))
    expect(await c.next()).toBe(
      '<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><not-authorized/></failure>',
    )
    await c.close()
    const d = await connect()
    expect(await login(d, user, 'balcony', 'phone')).toBe(`${user}@localhost/phone`)
    await d.close()
  })
  test('a chat message crosses Session → Account → Session', async () => {
    const { alice, bob, a, b } = await aliceAndBob()
    a.send(
      `<message xmlns="jabber:client" to="${bob}@localhost" type="chat" id="m1"><body>Hello 👋</body></message>`,
    )
    expect(await b.nextMatching('<message')).toBe(
      // The client's frame as sent, with the stamped from written in (RFC 6120 §8.1.2.1).
      `<message from="${alice}@localhost/phone" xmlns="jabber:client" to="${bob}@localhost" type="chat" id="m1"><body>Hello 👋</body></message>`,
    )
    await a.close()
    await b.close()
  })
})

describe('eviction', () => {
  test('an Account object evicted mid-conversation: the next stanza is still delivered', async () => {
    const { alice, bob, a, b } = await aliceAndBob()
    a.send(
      `<message xmlns="jabber:client" to="${bob}@localhost" type="chat" id="m1"><body>one</body></message>`,
    )
    expect(await b.nextMatching('<message')).toContain('<body>one</body>')
    // Evict bob's Account object: its in-memory state is gone, its SQLite is not.
    await runInDurableObject(env.ACCOUNT.getByName(`${bob}@localhost`), (_instance, state) => {
      state.abort('evicted by the test')
    }).catch(() => {})
    a.send(
      `<message xmlns="jabber:client" to="${bob}@localhost" type="chat" id="m2"><body>two</body></message>`,
    )
    expect(await b.nextMatching('<message')).toBe(
      // The client's frame as sent, with the stamped from written in (RFC 6120 §8.1.2.1).
      `<message from="${alice}@localhost/phone" xmlns="jabber:client" to="${bob}@localhost" type="chat" id="m2"><body>two</body></message>`,
    )
    await a.close()
    await b.close()
  })
})
