// End to end, the IM features through @xmpp/client against `wrangler dev`: registration
// (XEP-0077, raw frames), roster and subscriptions both ways, presence, offline delivery with a
// delay stamp, unavailable when a socket drops, disco#info, ping, vCard.
import { client, xml } from '@xmpp/client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import { adminCreate, type DevServer, startDevServer } from '../scripts/dev-server.mjs'
import { connection, scramLogin } from '../scripts/raw-client.mjs'

;(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket

type Stanza = ReturnType<typeof xml>
let server: DevServer

beforeAll(async () => {
  server = await startDevServer()
}, 90_000)
afterAll(async () => {
  await server?.stop()
})

async function online(username: string, password: string, resource: string, presence = true) {
  const xmpp = client({ service: server.wsUrl, domain: 'localhost', username, password, resource })
  xmpp.on('error', () => {})
  const stanzas: Stanza[] = []
  xmpp.on('stanza', (s: Stanza) => stanzas.push(s))
  await xmpp.start()
  if (presence) await xmpp.send(xml('presence'))
  return { xmpp, stanzas }
}

/** Waits for a received stanza matching `pick` (already received ones count). */
async function waitFor(
  c: { stanzas: Stanza[] },
  pick: (s: Stanza) => boolean,
  ms = 5000,
): Promise<Stanza> {
  const deadline = Date.now() + ms
  for (;;) {
    const i = c.stanzas.findIndex(pick)
    if (i >= 0) return c.stanzas.splice(i, 1)[0]!
    if (Date.now() > deadline) throw new Error('timed out waiting for a stanza')
    await new Promise((r) => setTimeout(r, 20))
  }
}

const presenceFrom = (jid: string, type?: string) => (s: Stanza) =>
  s.is('presence') && String(s.attrs.from).startsWith(jid) && s.attrs.type === type

describe('IM end to end', () => {
  test('XEP-0077: an account registered in-band can log in', async () => {
    const c = connection(server.wsUrl)
    await c.opened
    c.send('<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0"/>')
    await c.next()
    expect(await c.next()).toContain('<register xmlns="http://jabber.org/features/iq-register"/>')
    c.send(
      '<iq xmlns="jabber:client" type="set" id="reg1"><query xmlns="jabber:iq:register">' +
        '<username>carol</username><password>carol-secret</password></query></iq>',
    )
    expect(await c.next()).toBe('<iq xmlns="jabber:client" type="result" id="reg1"/>')
    c.ws.close()
    const { xmpp } = await online('carol', 'carol-secret', 'web', false)
    expect(xmpp.jid?.toString()).toBe('carol@localhost/web')
    await xmpp.stop()
  })

  test('roster, subscriptions both ways, presence, disco, ping, vCard', async () => {
    await adminCreate(server, 'romeo@localhost', 'r')
    await adminCreate(server, 'juliet@localhost', 'j')
    const romeo = await online('romeo', 'r', 'orchard')
    const juliet = await online('juliet', 'j', 'balcony')

    // RFC 6121 §2.3: roster add, pushed back to the (interested) resource.
    await romeo.xmpp.iqCaller.request(
      xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })),
    )
    await romeo.xmpp.iqCaller.request(
      xml(
        'iq',
        { type: 'set' },
        xml(
          'query',
          { xmlns: 'jabber:iq:roster' },
          xml('item', { jid: 'juliet@localhost', name: 'Juliet' }),
        ),
      ),
    )
    // RFC 6121 §3.1: romeo subscribes, juliet approves and subscribes back, romeo approves.
    await romeo.xmpp.send(xml('presence', { to: 'juliet@localhost', type: 'subscribe' }))
    await waitFor(juliet, presenceFrom('romeo@localhost', 'subscribe'))
    await juliet.xmpp.send(xml('presence', { to: 'romeo@localhost', type: 'subscribed' }))
    await juliet.xmpp.send(xml('presence', { to: 'romeo@localhost', type: 'subscribe' }))
    await waitFor(romeo, presenceFrom('juliet@localhost', 'subscribed'))
    await waitFor(romeo, presenceFrom('juliet@localhost', 'subscribe'))
    await romeo.xmpp.send(xml('presence', { to: 'juliet@localhost', type: 'subscribed' }))
    // Both now see each other's availability.
    await waitFor(romeo, presenceFrom('juliet@localhost/balcony'))
    await waitFor(juliet, presenceFrom('romeo@localhost/orchard'))
    const roster = await romeo.xmpp.iqCaller.request(
      xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })),
    )
    const item = roster.getChild('query')!.getChild('item')!
    expect([item.attrs.jid, item.attrs.subscription, item.attrs.name]).toEqual([
      'juliet@localhost',
      'both',
      'Juliet',
    ])

    // XEP-0030 disco#info of the server, XEP-0199 ping.
    const info = await romeo.xmpp.iqCaller.request(
      xml(
        'iq',
        { type: 'get', to: 'localhost' },
        xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }),
      ),
    )
    const features = info
      .getChild('query')!
      .getChildren('feature')
      .map((f: Stanza) => f.attrs.var)
    expect(features).toEqual(
      expect.arrayContaining(['jabber:iq:roster', 'urn:xmpp:ping', 'vcard-temp', 'msgoffline']),
    )
    expect(info.getChild('query')!.getChild('identity')!.attrs).toMatchObject({
      category: 'server',
      type: 'im',
    })
    const pong = await romeo.xmpp.iqCaller.request(
      xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })),
    )
    expect(pong.attrs.type).toBe('result')

    // XEP-0054: set own vCard, read it from the other account.
    await juliet.xmpp.iqCaller.request(
      xml(
        'iq',
        { type: 'set' },
        xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'Juliet Capulet')),
      ),
    )
    const card = await romeo.xmpp.iqCaller.request(
      xml('iq', { type: 'get', to: 'juliet@localhost' }, xml('vCard', { xmlns: 'vcard-temp' })),
    )
    expect(card.getChild('vCard')!.getChildText('FN')).toBe('Juliet Capulet')

    await romeo.xmpp.stop()
    // RFC 6121 §4.5: juliet sees romeo go.
    await waitFor(juliet, presenceFrom('romeo@localhost/orchard', 'unavailable'))
    await juliet.xmpp.stop()
  }, 60_000)

  test('a message to an offline user arrives at next login with a delay stamp; a dropped socket is seen as unavailable', async () => {
    await adminCreate(server, 'alice@localhost', 'a')
    await adminCreate(server, 'bob@localhost', 'b')
    const alice = await online('alice', 'a', 'phone')
    // An interested resource (RFC 6121 §2.1.6) is told about subscription approvals.
    await alice.xmpp.iqCaller.request(
      xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })),
    )
    // Mutual subscription so bob's departure is visible to alice.
    const bobRaw = await scramLogin(server.wsUrl, 'bob', 'b', 'laptop')
    await alice.xmpp.send(xml('presence', { to: 'bob@localhost', type: 'subscribe' }))
    bobRaw.send('<presence xmlns="jabber:client" to="alice@localhost" type="subscribed"/>')
    await waitFor(alice, presenceFrom('bob@localhost', 'subscribed'))
    bobRaw.send('<presence xmlns="jabber:client"/>')
    await waitFor(alice, presenceFrom('bob@localhost/laptop'))
    // The socket dies without </close>: RFC 6121 §4.5.2, the server sends unavailable for bob.
    bobRaw.ws.terminate()
    await waitFor(alice, presenceFrom('bob@localhost/laptop', 'unavailable'))

    await alice.xmpp.send(
      xml(
        'message',
        { to: 'bob@localhost', type: 'chat', id: 'off1' },
        xml('body', {}, 'while you were away'),
      ),
    )
    await new Promise((r) => setTimeout(r, 300))
    const bob = await online('bob', 'b', 'laptop')
    const stored = await waitFor(bob, (s) => s.is('message'))
    expect(stored.getChildText('body')).toBe('while you were away')
    const delay = stored.getChild('delay', 'urn:xmpp:delay')!
    expect(delay.attrs.from).toBe('localhost')
    expect(Date.now() - Date.parse(delay.attrs.stamp)).toBeLessThan(60_000)
    await alice.xmpp.stop()
    await bob.xmpp.stop()
  }, 60_000)
})
