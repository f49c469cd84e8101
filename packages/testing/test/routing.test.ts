// Routing rules: RFC 6120 §8 and §10, RFC 6121 §8.5, each rule a conversation through testHost().
import { defineModule, type IqEvent } from '@tercet/router'
import { StanzaError } from '@tercet/stanza'
import { Element } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { type TestClient, testHost } from '../src/index'

const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas'
const errorOf = (condition: string, type = 'cancel') =>
  `<error type="${type}"><${condition} xmlns="${STANZAS}"/></error>`

/** Logs in `jid` and sends initial presence with `priority`; clears what it received. */
async function online(
  t: ReturnType<typeof testHost>,
  jid: string,
  priority = 0,
): Promise<TestClient> {
  const c = await t.login(jid)
  await c.send(`<presence><priority>${priority}</priority></presence>`)
  c.received()
  return c
}

const chat = (to: string, body = 'hi', type = 'chat') =>
  `<message to="${to}" type="${type}" id="m1"><body>${body}</body></message>`

describe('RFC 6121 §8.5.2: messages to a bare JID', () => {
  test('§8.5.2.1.1: chat goes to the highest-priority resource only', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    const low = await online(t, 'bob@example.test/low', 1)
    const high = await online(t, 'bob@example.test/high', 5)
    await alice.send(chat('bob@example.test'))
    await high.expect(
      `<message to="bob@example.test" from="alice@example.test/phone" type="chat" id="m1"><body>hi</body></message>`,
    )
    low.expectNothing()
    alice.expectNothing()
  })
  test('§8.5.2.1.1: normal goes to every resource sharing the highest priority', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    const a = await online(t, 'bob@example.test/a', 3)
    const b = await online(t, 'bob@example.test/b', 3)
    const c = await online(t, 'bob@example.test/c', 1)
    await alice.send('<message to="bob@example.test" id="n1"><body>note</body></message>')
    const expected =
      '<message to="bob@example.test" from="alice@example.test/phone" id="n1"><body>note</body></message>'
    await a.expect(expected)
    await b.expect(expected)
    c.expectNothing()
  })
  test('§4.7.2.3: a negative priority never receives bare-JID messages; with no other resource the message bounces', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    const bob = await online(t, 'bob@example.test/bot', -1)
    await alice.send(chat('bob@example.test'))
    bob.expectNothing()
    // §8.5.2.2.1: no offline storage module, so service-unavailable.
    await alice.expect(
      `<message type="error" id="m1" to="alice@example.test/phone" from="bob@example.test">${errorOf('service-unavailable')}</message>`,
    )
  })
  test('§8.5.2.2.1: bound but never available resources do not receive bare-JID messages', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    const bob = await t.login('bob@example.test/quiet')
    await alice.send(chat('bob@example.test'))
    bob.expectNothing()
    await alice.expect(
      `<message type="error" id="m1" to="alice@example.test/phone" from="bob@example.test">${errorOf('service-unavailable')}</message>`,
    )
  })
  test('§8.5.2.1.1: headline goes to every non-negative resource', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    const a = await online(t, 'bob@example.test/a', 0)
    const b = await online(t, 'bob@example.test/b', 7)
    const n = await online(t, 'bob@example.test/n', -5)
    await alice.send(chat('bob@example.test', 'news', 'headline'))
    const expected = `<message to="bob@example.test" from="alice@example.test/phone" type="headline" id="m1"><body>news</body></message>`
    await a.expect(expected)
    await b.expect(expected)
    n.expectNothing()
  })
  test('§8.5.2.1.1: groupchat to a user is service-unavailable', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    const bob = await online(t, 'bob@example.test/a')
    await alice.send(chat('bob@example.test', 'room', 'groupchat'))
    bob.expectNothing()
    await alice.expect(
      `<message type="error" id="m1" to="alice@example.test/phone" from="bob@example.test">${errorOf('service-unavailable')}</message>`,
    )
  })
  test('§8.5.2.1.1: a message of type error is dropped', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    const bob = await online(t, 'bob@example.test/a')
    await alice.send(
      `<message to="bob@example.test" type="error" id="e1">${errorOf('item-not-found')}</message>`,
    )
    bob.expectNothing()
    alice.expectNothing()
  })
  test('a message offered to offline storage is taken by a message/offline handler', async () => {
    const stored: string[] = []
    const offline = defineModule('offline-test', (mod) => {
      mod.hook('message/offline', (e) => {
        stored.push(e.stanza.getChildText('body') ?? '')
        return true
      })
    })
    const t = testHost({ modules: [offline] })
    const alice = await online(t, 'alice@example.test/phone')
    await t.addUser('bob', 'pw')
    await alice.send(chat('bob@example.test', 'later'))
    expect(stored).toEqual(['later'])
    alice.expectNothing()
  })
})

describe('RFC 6121 §8.5.3: stanzas to a full JID', () => {
  test('§8.5.3.1: an online resource gets the stanza even with negative priority', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    const bot = await online(t, 'bob@example.test/bot', -1)
    await alice.send(chat('bob@example.test/bot'))
    await bot.expect(
      `<message to="bob@example.test/bot" from="alice@example.test/phone" type="chat" id="m1"><body>hi</body></message>`,
    )
  })
  test('§8.5.3.1: an IQ to an online full JID is delivered to that client', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    const bob = await online(t, 'bob@example.test/laptop')
    await alice.send(
      '<iq to="bob@example.test/laptop" type="get" id="v1"><query xmlns="jabber:iq:version"/></iq>',
    )
    await bob.expect(
      '<iq to="bob@example.test/laptop" from="alice@example.test/phone" type="get" id="v1"><query xmlns="jabber:iq:version"/></iq>',
    )
    await bob.send(
      '<iq to="alice@example.test/phone" type="result" id="v1"><query xmlns="jabber:iq:version"><name>x</name></query></iq>',
    )
    await alice.expect(
      '<iq to="alice@example.test/phone" from="bob@example.test/laptop" type="result" id="v1"><query xmlns="jabber:iq:version"><name>x</name></query></iq>',
    )
  })
  test('§8.5.3.2.1: chat to a resource that is not online is handled as if sent to the bare JID', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    const bob = await online(t, 'bob@example.test/laptop')
    await alice.send(chat('bob@example.test/gone'))
    await bob.expect(
      `<message to="bob@example.test/gone" from="alice@example.test/phone" type="chat" id="m1"><body>hi</body></message>`,
    )
  })
  test('§8.5.3.2.1: headline to a resource that is not online is dropped; groupchat bounces', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    const bob = await online(t, 'bob@example.test/laptop')
    await alice.send(chat('bob@example.test/gone', 'x', 'headline'))
    bob.expectNothing()
    alice.expectNothing()
    await alice.send(chat('bob@example.test/gone', 'x', 'groupchat'))
    await alice.expect(
      `<message type="error" id="m1" to="alice@example.test/phone" from="bob@example.test/gone">${errorOf('service-unavailable')}</message>`,
    )
  })
  test('§8.5.3.2.3: an IQ to a resource that is not online is service-unavailable', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    await t.addUser('bob', 'pw')
    await alice.send(
      '<iq to="bob@example.test/gone" type="get" id="q1"><ping xmlns="urn:xmpp:ping"/></iq>',
    )
    await alice.expect(
      `<iq type="error" id="q1" to="alice@example.test/phone" from="bob@example.test/gone">${errorOf('service-unavailable')}</iq>`,
    )
  })
  test('§8.5.3.2.2: available presence to a resource that is not online is dropped', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    const bob = await online(t, 'bob@example.test/laptop')
    await alice.send('<presence to="bob@example.test/gone"/>')
    bob.expectNothing()
    alice.expectNothing()
  })
})

describe('RFC 6121 §8.5.1: no such user', () => {
  test('an IQ gets service-unavailable', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send(
      '<iq to="nobody@example.test" type="get" id="q1"><query xmlns="vcard-temp"/></iq>',
    )
    await alice.expect(
      `<iq type="error" id="q1" to="alice@example.test/phone" from="nobody@example.test">${errorOf('service-unavailable')}</iq>`,
    )
  })
  test('a message bounces with service-unavailable by default', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send(chat('nobody@example.test'))
    await alice.expect(
      `<message type="error" id="m1" to="alice@example.test/phone" from="nobody@example.test">${errorOf('service-unavailable')}</message>`,
    )
  })
  test('a message is silently dropped with noSuchUserMessages: drop', async () => {
    const t = testHost({ options: { noSuchUserMessages: 'drop' } })
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send(chat('nobody@example.test'))
    alice.expectNothing()
  })
  test('available presence is dropped', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send('<presence to="nobody@example.test/r"/>')
    await alice.send('<presence to="nobody@example.test" type="unavailable"/>')
    alice.expectNothing()
  })
  test('a subscription request or probe is answered with unsubscribed from the bare JID (RFC 6121 §3.1.3, §4.3.2)', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send('<presence to="nobody@example.test" type="subscribe"/>')
    await alice.expect(
      '<presence type="unsubscribed" from="nobody@example.test" to="alice@example.test"/>',
    )
  })
})

describe('RFC 6120 §8.2.3 and §8.4: IQ rules', () => {
  test('a get with no child is bad-request', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send('<iq type="get" id="x1" to="example.test"/>')
    await alice.expect(
      `<iq type="error" id="x1" to="alice@example.test/phone" from="example.test"><error type="modify"><bad-request xmlns="${STANZAS}"/><text xmlns="${STANZAS}">{{}}</text></error></iq>`,
    )
  })
  test('a set with two children is bad-request', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send('<iq type="set" id="x2"><a xmlns="urn:a"/><b xmlns="urn:b"/></iq>')
    await alice.expect(
      `<iq type="error" id="x2" to="alice@example.test/phone"><error type="modify"><bad-request xmlns="${STANZAS}"/><text xmlns="${STANZAS}">{{}}</text></error></iq>`,
    )
  })
  test('an unhandled get to the server is service-unavailable', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send('<iq type="get" id="x3" to="example.test"><query xmlns="urn:unknown"/></iq>')
    await alice.expect(
      `<iq type="error" id="x3" to="alice@example.test/phone" from="example.test">${errorOf('service-unavailable')}</iq>`,
    )
  })
  test('an unhandled set to the own account (no to) is service-unavailable, and the reply has no from', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send('<iq type="set" id="x4"><query xmlns="urn:unknown"/></iq>')
    await alice.expect(
      `<iq type="error" id="x4" to="alice@example.test/phone">${errorOf('service-unavailable')}</iq>`,
    )
  })
  test('results and errors to the server are never answered', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send('<iq type="result" id="x5" to="example.test"/>')
    await alice.send(
      `<iq type="error" id="x6" to="example.test">${errorOf('bad-request', 'modify')}</iq>`,
    )
    alice.expectNothing()
  })
  test('a malformed to is jid-malformed', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send(
      '<iq type="get" id="x7" to="a@b@example.test"><ping xmlns="urn:xmpp:ping"/></iq>',
    )
    await alice.expect(
      `<iq type="error" id="x7" to="alice@example.test/phone" from="a@b@example.test"><error type="modify"><jid-malformed xmlns="${STANZAS}"/><text xmlns="${STANZAS}">{{}}</text></error></iq>`,
    )
  })
})

describe('RFC 6120 §8.1.2.1 and §10: addresses', () => {
  test('from is stamped with the full JID', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    const bob = await online(t, 'bob@example.test/laptop')
    await alice.send('<message to="bob@example.test/laptop" id="s1"><body>x</body></message>')
    expect(
      (
        await bob.expect(
          '<message to="bob@example.test/laptop" from="alice@example.test/phone" id="s1"><body>x</body></message>',
        )
      ).attr('from'),
    ).toBe('alice@example.test/phone')
  })
  test('a from naming the sender itself (bare or full) is accepted and stamped', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    const bob = await online(t, 'bob@example.test/laptop')
    await alice.send(
      '<message from="alice@example.test" to="bob@example.test/laptop" id="s2"><body>x</body></message>',
    )
    await bob.expect(
      '<message from="alice@example.test/phone" to="bob@example.test/laptop" id="s2"><body>x</body></message>',
    )
  })
  test('a from naming anyone else ends the stream with invalid-from', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send(
      '<message from="mallory@example.test/x" to="bob@example.test"><body>x</body></message>',
    )
    await alice.expect(
      '<stream:error xmlns:stream="http://etherx.jabber.org/streams"><invalid-from xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></stream:error>',
    )
    expect(alice.closed).toBe(true)
  })
  test('a message without to goes to the sender’s own bare JID (RFC 6120 §10.3.1)', async () => {
    const t = testHost()
    const phone = await online(t, 'alice@example.test/phone', 1)
    const laptop = await online(t, 'alice@example.test/laptop', 2)
    await phone.send('<message type="chat" id="self"><body>note to self</body></message>')
    await laptop.expect(
      '<message to="alice@example.test" from="alice@example.test/phone" type="chat" id="self"><body>note to self</body></message>',
    )
  })
  test('a remote domain is remote-server-not-found (no server-to-server yet)', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send(
      '<message to="romeo@montague.example" type="chat" id="r1"><body>x</body></message>',
    )
    await alice.expect(
      `<message type="error" id="r1" to="alice@example.test/phone" from="romeo@montague.example">${errorOf('remote-server-not-found')}</message>`,
    )
  })
  test('unknown extension elements are routed unmodified', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    const bob = await online(t, 'bob@example.test/laptop')
    const ext =
      '<x xmlns="urn:example:ext" a="1"><y b="&lt;2&gt;">t<z/></y></x><active xmlns="http://jabber.org/protocol/chatstates"/>'
    await alice.send(`<message to="bob@example.test/laptop" id="u1">${ext}</message>`)
    await bob.expect(
      `<message to="bob@example.test/laptop" from="alice@example.test/phone" id="u1">${ext}</message>`,
    )
  })
  test('unsupported first-level elements end the stream (RFC 6120 §4.9.3.24)', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send('<note xmlns="jabber:client"/>')
    await alice.expect(
      '<stream:error xmlns:stream="http://etherx.jabber.org/streams"><unsupported-stanza-type xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></stream:error>',
    )
  })
  test('a stanza in another namespace ends the stream with invalid-namespace', async () => {
    const t = testHost()
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send('<message xmlns="jabber:server" to="bob@example.test"/>')
    await alice.expect(
      '<stream:error xmlns:stream="http://etherx.jabber.org/streams"><invalid-namespace xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></stream:error>',
    )
  })
})

describe('modules', () => {
  const ping = defineModule('ping', (mod) => {
    mod.addFeature('urn:xmpp:ping')
    const pong = (e: IqEvent) => e.reply()
    mod.hook('iq-get/host/urn:xmpp:ping:ping', pong)
    mod.hook('iq-get/bare/urn:xmpp:ping:ping', pong)
  })
  test('STYLE.md’s ping: answered for the host and for a bare JID', async () => {
    const t = testHost({ modules: [ping] })
    const alice = await online(t, 'alice@example.test/phone')
    await t.addUser('bob', 'pw')
    await alice.send('<iq type="get" id="p1" to="example.test"><ping xmlns="urn:xmpp:ping"/></iq>')
    await alice.expect(
      '<iq type="result" id="p1" from="example.test" to="alice@example.test/phone"/>',
    )
    await alice.send(
      '<iq type="get" id="p2" to="bob@example.test"><ping xmlns="urn:xmpp:ping"/></iq>',
    )
    await alice.expect(
      '<iq type="result" id="p2" from="bob@example.test" to="alice@example.test/phone"/>',
    )
    expect(t.hostOf(alice).features).toEqual(['urn:xmpp:ping'])
  })
  test('handlers run by priority and the first returning true stops propagation', async () => {
    const calls: string[] = []
    const m = defineModule('order', (mod) => {
      mod.hook(
        'iq-get/host/urn:x:q',
        () => {
          calls.push('low')
        },
        -5,
      )
      mod.hook(
        'iq-get/host/urn:x:q',
        (e) => {
          calls.push('high')
          return e.reply()
        },
        10,
      )
      mod.hook(
        'iq-get/host/urn:x:q',
        () => {
          calls.push('middle')
        },
        0,
      )
    })
    const t = testHost({ modules: [m] })
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send('<iq type="get" id="o1" to="example.test"><q xmlns="urn:x"/></iq>')
    expect(calls).toEqual(['high'])
    await alice.expect(
      '<iq type="result" id="o1" from="example.test" to="alice@example.test/phone"/>',
    )
  })
  test('a throwing handler yields internal-server-error and the session lives on', async () => {
    const m = defineModule('broken', (mod) => {
      mod.hook('iq-get/host/urn:x:boom', () => {
        throw new Error('bug')
      })
    })
    const t = testHost({ modules: [m, ping] })
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send('<iq type="get" id="b1" to="example.test"><boom xmlns="urn:x"/></iq>')
    await alice.expect(
      `<iq type="error" id="b1" from="example.test" to="alice@example.test/phone">${errorOf('internal-server-error')}</iq>`,
    )
    await alice.send('<iq type="get" id="p3" to="example.test"><ping xmlns="urn:xmpp:ping"/></iq>')
    await alice.expect(
      '<iq type="result" id="p3" from="example.test" to="alice@example.test/phone"/>',
    )
  })
  test('a handler may throw a StanzaError to answer with it', async () => {
    const m = defineModule('forbid', (mod) => {
      mod.hook('iq-set/self/urn:x:secret', () => {
        throw new StanzaError('auth', 'forbidden')
      })
    })
    const t = testHost({ modules: [m] })
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send('<iq type="set" id="f1"><secret xmlns="urn:x"/></iq>')
    await alice.expect(
      `<iq type="error" id="f1" to="alice@example.test/phone">${errorOf('forbidden', 'auth')}</iq>`,
    )
  })
  test('a reply payload is carried in the result', async () => {
    const m = defineModule('version', (mod) => {
      mod.hook('iq-get/host/jabber:iq:version:query', (e) =>
        e.reply(
          new Element('query', {}, 'jabber:iq:version', [
            new Element('name', {}, 'jabber:iq:version', ['Tercet']),
          ]),
        ),
      )
    })
    const t = testHost({ modules: [m] })
    const alice = await online(t, 'alice@example.test/phone')
    await alice.send(
      '<iq type="get" id="v1" to="example.test"><query xmlns="jabber:iq:version"/></iq>',
    )
    await alice.expect(
      '<iq type="result" id="v1" from="example.test" to="alice@example.test/phone"><query xmlns="jabber:iq:version"><name>Tercet</name></query></iq>',
    )
  })
})

describe('RFC 6120 §10.1: in-order processing', () => {
  test('stanzas sent without waiting are handled strictly in order', async () => {
    const slow = defineModule('slow', (mod) => {
      mod.hook('iq-get/host/urn:x:slow', async (e) => {
        await new Promise((r) => setTimeout(r, 20))
        return e.reply()
      })
      mod.hook('iq-get/host/urn:x:fast', (e) => e.reply())
    })
    const t = testHost({ modules: [slow] })
    const alice = await online(t, 'alice@example.test/phone')
    await Promise.all([
      alice.send('<iq type="get" id="1" to="example.test"><slow xmlns="urn:x"/></iq>'),
      alice.send('<iq type="get" id="2" to="example.test"><fast xmlns="urn:x"/></iq>'),
      alice.send('<iq type="get" id="3" to="example.test"><slow xmlns="urn:x"/></iq>'),
    ])
    expect(alice.received().map((e) => e.attr('id'))).toEqual(['1', '2', '3'])
  })
})
