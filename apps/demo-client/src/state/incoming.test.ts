import { parseFrame, serialize } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { interpretStanza } from './incoming'

const SELF = 'alice@localhost/web'
const read = (xml: string, now = 1000) => interpretStanza(parseFrame(xml), SELF, now)

describe('interpretStanza', () => {
  test('RFC 6121 §2.1.6: a roster push from our account is applied and acknowledged', () => {
    const r = read(
      '<iq xmlns="jabber:client" type="set" id="p1"><query xmlns="jabber:iq:roster"><item jid="bob@localhost" subscription="to"/><item jid="eve@localhost" subscription="remove"/></query></iq>',
    )
    expect(r.actions).toEqual([
      {
        type: 'roster/push',
        item: { jid: 'bob@localhost', subscription: 'to', ask: false, groups: [] },
      },
      { type: 'roster/remove', jid: 'eve@localhost' },
    ])
    expect(r.replies.map((e) => serialize(e))).toEqual([
      '<iq xmlns="jabber:client" type="result" id="p1"/>',
    ])
  })

  test('a roster push from someone else is ignored and refused', () => {
    const r = read(
      '<iq xmlns="jabber:client" type="set" id="p2" from="mallory@evil.test"><query xmlns="jabber:iq:roster"><item jid="x@y"/></query></iq>',
    )
    expect(r.actions).toEqual([])
    expect(serialize(r.replies[0]!)).toContain('<service-unavailable')
  })

  test('XEP-0199 pings are answered; unknown IQs get service-unavailable', () => {
    expect(
      serialize(
        read(
          '<iq xmlns="jabber:client" type="get" id="g" from="localhost"><ping xmlns="urn:xmpp:ping"/></iq>',
        ).replies[0]!,
      ),
    ).toBe('<iq xmlns="jabber:client" type="result" id="g" to="localhost"/>')
    const r = read(
      '<iq xmlns="jabber:client" type="get" id="v" from="bob@localhost/x"><query xmlns="jabber:iq:version"/></iq>',
    )
    expect(r.replies[0]!.attr('type')).toBe('error')
    expect(read('<iq xmlns="jabber:client" type="result" id="zz"/>').replies).toEqual([])
  })

  test('presence: available with show/status/priority, unavailable per resource', () => {
    expect(
      read(
        '<presence xmlns="jabber:client" from="bob@localhost/phone"><show>away</show><status>out</status><priority>3</priority></presence>',
      ).actions,
    ).toEqual([
      {
        type: 'presence/available',
        jid: 'bob@localhost',
        resource: 'phone',
        show: 'away',
        status: 'out',
        priority: 3,
      },
    ])
    expect(
      read('<presence xmlns="jabber:client" from="bob@localhost/phone" type="unavailable"/>')
        .actions,
    ).toEqual([{ type: 'presence/unavailable', jid: 'bob@localhost', resource: 'phone' }])
  })

  test('presence: subscription requests; our own resources are not contacts', () => {
    expect(
      read('<presence xmlns="jabber:client" from="bob@localhost" type="subscribe"/>').actions,
    ).toEqual([{ type: 'subscription/request', jid: 'bob@localhost' }])
    expect(read('<presence xmlns="jabber:client" from="alice@localhost/phone"/>').actions).toEqual(
      [],
    )
    expect(
      read('<presence xmlns="jabber:client" from="bob@localhost" type="subscribed"/>').actions,
    ).toEqual([])
  })

  test('messages: chat with body; XEP-0203 delayed ones keep their stamp', () => {
    expect(
      read(
        '<message xmlns="jabber:client" from="bob@localhost/x" type="chat" id="m1"><body>hi</body></message>',
        42,
      ).actions,
    ).toEqual([
      {
        type: 'chat/incoming',
        jid: 'bob@localhost',
        message: { id: 'm1', dir: 'in', body: 'hi', at: 42 },
      },
    ])
    const stored = read(
      '<message xmlns="jabber:client" from="bob@localhost/x" type="chat" id="m2"><body>while you were out</body><delay xmlns="urn:xmpp:delay" from="localhost" stamp="2026-11-21T10:00:00Z"/></message>',
    )
    expect(stored.actions[0]).toEqual({
      type: 'chat/incoming',
      jid: 'bob@localhost',
      message: {
        id: 'm2',
        dir: 'in',
        body: 'while you were out',
        at: Date.UTC(2026, 10, 21, 10),
        delayed: true,
      },
    })
  })

  test('messages: no body (chat states) is ignored; errors are attributed', () => {
    expect(
      read(
        '<message xmlns="jabber:client" from="bob@localhost/x" type="chat"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>',
      ).actions,
    ).toEqual([])
    expect(
      read(
        '<message xmlns="jabber:client" from="nobody@localhost" type="error" id="m9"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>',
        7,
      ).actions,
    ).toEqual([
      {
        type: 'chat/error',
        jid: 'nobody@localhost',
        id: 'm9',
        error: 'Not delivered (service-unavailable)',
        at: 7,
      },
    ])
  })
})
