import { parseFrame, serialize, xml } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import {
  errorReply,
  NS_CLIENT,
  STANZA_ERROR_TYPES,
  StanzaError,
  type StanzaErrorCondition,
  stanzaError,
} from './index'

const NS = 'urn:ietf:params:xml:ns:xmpp-stanzas'
const client = (s: string) => parseFrame(s.replace('<iq ', `<iq xmlns="${NS_CLIENT}" `))

describe('RFC 6120 §8.3.3: every condition, serialised as the RFC shows it', () => {
  for (const [condition, type] of Object.entries(STANZA_ERROR_TYPES)) {
    test(`${condition} (type ${type})`, () => {
      const error = stanzaError(condition as StanzaErrorCondition)
      expect(error.type).toBe(type)
      expect(serialize(error.toElement(NS_CLIENT), { defaultNs: NS_CLIENT })).toBe(
        `<error type="${type}"><${condition} xmlns="${NS}"/></error>`,
      )
    })
  }
  test('gone carries the new address as the condition text (§8.3.3.5)', () => {
    const error = stanzaError('gone', { uri: 'xmpp:romeo@afterlife.example.net' })
    expect(serialize(error.toElement(NS_CLIENT), { defaultNs: NS_CLIENT })).toBe(
      `<error type="cancel"><gone xmlns="${NS}">xmpp:romeo@afterlife.example.net</gone></error>`,
    )
  })
  test('redirect likewise (§8.3.3.14)', () => {
    const error = stanzaError('redirect', { uri: 'xmpp:rosencrantz@example.com' })
    expect(serialize(error.toElement(NS_CLIENT), { defaultNs: NS_CLIENT })).toBe(
      `<error type="modify"><redirect xmlns="${NS}">xmpp:rosencrantz@example.com</redirect></error>`,
    )
  })
  test('text with xml:lang, an application-specific condition and by (§8.3.2, §8.3.4)', () => {
    const app = xml`<too-many-parameters xmlns="application-ns"/>`
    const error = new StanzaError('modify', 'bad-request', {
      text: 'Too many parameters',
      lang: 'en',
      appSpecific: app,
      by: 'example.net',
    })
    expect(serialize(error.toElement(NS_CLIENT), { defaultNs: NS_CLIENT })).toBe(
      `<error type="modify" by="example.net"><bad-request xmlns="${NS}"/>` +
        `<text xmlns="${NS}" xml:lang="en">Too many parameters</text>` +
        `<too-many-parameters xmlns="application-ns"/></error>`,
    )
  })
})

describe('StanzaError.fromElement', () => {
  test('reads type, condition, text, lang, app condition and by', () => {
    const el = parseFrame(
      `<error xmlns="${NS_CLIENT}" type="wait" by="pubsub.example"><resource-constraint xmlns="${NS}"/>` +
        `<text xmlns="${NS}" xml:lang="de">Zu viele</text><x xmlns="urn:app"/></error>`,
    )
    const e = StanzaError.fromElement(el)
    expect([e.type, e.condition, e.text, e.lang, e.by]).toEqual([
      'wait',
      'resource-constraint',
      'Zu viele',
      'de',
      'pubsub.example',
    ])
    expect(e.appSpecific?.name).toBe('x')
  })
  test('an error without a known condition is undefined-condition; a bad type takes the default', () => {
    const e = StanzaError.fromElement(
      parseFrame(`<error xmlns="${NS_CLIENT}" type="bogus"><nope xmlns="${NS}"/></error>`),
    )
    expect([e.type, e.condition]).toEqual(['cancel', 'undefined-condition'])
  })
  test('round trip through the element for every condition', () => {
    for (const condition of Object.keys(STANZA_ERROR_TYPES) as StanzaErrorCondition[]) {
      const e = StanzaError.fromElement(
        stanzaError(condition, { text: 'why' }).toElement(NS_CLIENT),
      )
      expect([e.condition, e.type, e.text]).toEqual([
        condition,
        STANZA_ERROR_TYPES[condition],
        'why',
      ])
    }
  })
})

describe('errorReply (RFC 6120 §8.3.1)', () => {
  test('swaps to and from, keeps the id and element name, sets type="error"', () => {
    const iq = client(
      '<iq from="juliet@im.example.com/balcony" id="xj3b2v76" to="im.example.com" type="get"><query xmlns="jabber:iq:roster"/></iq>',
    )
    const reply = errorReply(iq, stanzaError('service-unavailable'))!
    expect(serialize(reply, { defaultNs: NS_CLIENT })).toBe(
      '<iq type="error" to="juliet@im.example.com/balcony" from="im.example.com" id="xj3b2v76">' +
        `<error type="cancel"><service-unavailable xmlns="${NS}"/></error></iq>`,
    )
  })
  test('never answers an error with an error', () => {
    const iq = client('<iq id="a" type="error"/>')
    expect(errorReply(iq, stanzaError('bad-request'))).toBeUndefined()
  })
  test('a stanza without addresses gets a reply without them', () => {
    const reply = errorReply(
      client('<iq id="b" type="set"><x xmlns="y"/></iq>'),
      stanzaError('forbidden'),
    )!
    expect(reply.attrs).toEqual({ type: 'error', id: 'b' })
  })
})
