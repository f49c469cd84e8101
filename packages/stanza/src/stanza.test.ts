import { JidError } from '@tercet/jid'
import { parseFrame } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { Iq, Message, NS_CLIENT, Presence, validateStanza } from './index'

const stanza = (s: string) => parseFrame(s.replace(/^<(\w+)/, `<$1 xmlns="${NS_CLIENT}"`))
const condition = (s: string) => validateStanza(stanza(s))?.condition

describe('Message', () => {
  test('type defaults to normal, and an unknown type is normal (RFC 6121 §5.2.2)', () => {
    expect(new Message(stanza('<message/>')).type).toBe('normal')
    expect(new Message(stanza('<message type="chat"/>')).type).toBe('chat')
    expect(new Message(stanza('<message type="bogus"/>')).type).toBe('normal')
    expect(condition('<message type="bogus"/>')).toBeUndefined()
  })
  test('body and subject by xml:lang (RFC 6121 §5.2.3)', () => {
    const m = new Message(
      stanza(
        '<message><body>Hi</body><body xml:lang="de">Hallo</body><subject>S</subject><thread parent="p1">t1</thread></message>',
      ),
    )
    expect([m.body(), m.body('de'), m.body('fr'), m.subject()]).toEqual(['Hi', 'Hallo', 'Hi', 'S'])
    expect([m.thread, m.threadParent]).toEqual(['t1', 'p1'])
  })
  test('a body in a foreign namespace is not the body', () => {
    expect(
      new Message(stanza('<message><body xmlns="urn:other">x</body></message>')).body(),
    ).toBeUndefined()
  })
  test('addresses are parsed; a malformed one is reported as a JidError', () => {
    const m = new Message(stanza('<message to="Juliet@Example.com/Balcony" from="a@"/>'))
    expect(m.to?.toString()).toBe('juliet@example.com/Balcony')
    expect(m.from).toBeInstanceOf(JidError)
    expect(condition('<message to="a@"/>')).toBe('jid-malformed')
  })
})

describe('Presence', () => {
  test('no type is available; known types pass; an unknown type is bad-request', () => {
    expect(new Presence(stanza('<presence/>')).type).toBe('available')
    expect(new Presence(stanza('<presence type="subscribe"/>')).type).toBe('subscribe')
    expect(new Presence(stanza('<presence type="available"/>')).type).toBeUndefined()
    expect(condition('<presence type="available"/>')).toBe('bad-request')
  })
  test('show: away, chat, dnd, xa; anything else is bad-request (RFC 6121 §4.7.2.1)', () => {
    expect(new Presence(stanza('<presence><show>dnd</show></presence>')).show).toBe('dnd')
    expect(new Presence(stanza('<presence/>')).show).toBeUndefined()
    expect(condition('<presence><show>busy</show></presence>')).toBe('bad-request')
  })
  test('priority: integer −128…127, default 0 (RFC 6121 §4.7.2.3)', () => {
    const p = (s: string) =>
      new Presence(stanza(`<presence><priority>${s}</priority></presence>`)).priority
    expect(new Presence(stanza('<presence/>')).priority).toBe(0)
    expect([p('5'), p('-128'), p('127'), p('+3')]).toEqual([5, -128, 127, 3])
    expect([p('128'), p('-129'), p('1.5'), p('x'), p('')].every(Number.isNaN)).toBe(true)
    expect(condition('<presence><priority>200</priority></presence>')).toBe('bad-request')
    expect(condition('<presence><priority>-1</priority></presence>')).toBeUndefined()
  })
  test('status by language', () => {
    const pr = new Presence(
      stanza('<presence><status xml:lang="fr">Absent</status><status>Away</status></presence>'),
    )
    expect([pr.status(), pr.status('fr')]).toEqual(['Away', 'Absent'])
  })
})

describe('Iq (RFC 6120 §8.2.3)', () => {
  test('type and payload', () => {
    const iq = new Iq(stanza('<iq id="1" type="get"><ping xmlns="urn:xmpp:ping"/></iq>'))
    expect(iq.type).toBe('get')
    expect(iq.payload?.ns).toBe('urn:xmpp:ping')
  })
  test('rule 1: an id is required', () => {
    expect(condition('<iq type="get"><ping xmlns="urn:xmpp:ping"/></iq>')).toBe('bad-request')
  })
  test('rule 2: the type must be get, set, result or error', () => {
    expect(condition('<iq id="1"><ping xmlns="urn:xmpp:ping"/></iq>')).toBe('bad-request')
    expect(condition('<iq id="1" type="fetch"><ping xmlns="urn:xmpp:ping"/></iq>')).toBe(
      'bad-request',
    )
  })
  test('rule 3: get/set carry exactly one child', () => {
    expect(condition('<iq id="1" type="get"/>')).toBe('bad-request')
    expect(condition('<iq id="1" type="set"><a xmlns="x"/><b xmlns="x"/></iq>')).toBe('bad-request')
    expect(condition('<iq id="1" type="set"><a xmlns="x"/></iq>')).toBeUndefined()
  })
  test('rule 4: a result carries zero or one child', () => {
    expect(condition('<iq id="1" type="result"/>')).toBeUndefined()
    expect(condition('<iq id="1" type="result"><a xmlns="x"/><b xmlns="x"/></iq>')).toBe(
      'bad-request',
    )
  })
  test('a malformed to is jid-malformed', () => {
    expect(condition('<iq id="1" type="get" to="@x"><a xmlns="x"/></iq>')).toBe('jid-malformed')
  })
})
