import { parseJid } from '@tercet/jid'
import { parseFrame, xml } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { expectXml } from '../test/xml-equal'
import { buildDelay, findDelay, parseDelay } from './delay'
import { StanzaError } from './errors'

describe('buildDelay (XEP-0203 §2)', () => {
  test('writes from, a UTC stamp and the reason', () => {
    const delay = buildDelay({
      from: 'capulet.com',
      stamp: new Date('2002-09-10T23:08:25Z'),
      reason: 'Offline Storage',
    })
    expectXml(
      delay,
      xml`<delay xmlns='urn:xmpp:delay' from='capulet.com' stamp='2002-09-10T23:08:25Z'>Offline Storage</delay>`,
    )
    expect(delay.toString()).toBe(
      '<delay xmlns="urn:xmpp:delay" from="capulet.com" stamp="2002-09-10T23:08:25Z">Offline Storage</delay>',
    )
  })

  test('writes only the stamp when that is all there is, with milliseconds when set', () => {
    expectXml(
      buildDelay({ stamp: new Date('2002-09-10T23:41:07.250Z') }),
      xml`<delay xmlns='urn:xmpp:delay' stamp='2002-09-10T23:41:07.250Z'/>`,
    )
  })

  test('takes a Jid as from', () => {
    const from = parseJid('Juliet@Capulet.com/balcony')
    expect(buildDelay({ from, stamp: new Date(0) }).attr('from')).toBe('juliet@capulet.com/balcony')
  })
})

describe('parseDelay', () => {
  test('reads what buildDelay writes', () => {
    const delay = {
      from: 'coven@macbeth.shakespeare.lit',
      stamp: new Date('2002-09-10T23:05:37Z'),
      reason: 'history',
    }
    expect(parseDelay(buildDelay(delay))).toEqual(delay)
    expect(parseDelay(buildDelay({ stamp: new Date(1) }))).toEqual({ stamp: new Date(1) })
  })

  test('reads a stamp with an offset as the instant it names', () => {
    const delay = parseDelay(xml`<delay xmlns='urn:xmpp:delay' stamp='2002-09-10T18:08:25-05:00'/>`)
    expect(delay.stamp.toISOString()).toBe('2002-09-10T23:08:25.000Z')
  })

  test.each([
    [`<delay xmlns='urn:xmpp:delay'/>`, "invalid delay stamp ''"],
    [
      `<delay xmlns='urn:xmpp:delay' stamp='20020910T23:08:25'/>`,
      "invalid delay stamp '20020910T23:08:25'",
    ],
    [`<delay xmlns='jabber:x:delay' stamp='2002-09-10T23:08:25Z'/>`, 'not a delay element'],
  ])('refuses %s with bad-request', (text, message) => {
    try {
      parseDelay(parseFrame(text))
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(StanzaError)
      expect((e as StanzaError).condition).toBe('bad-request')
      expect((e as StanzaError).text).toBe(message)
    }
  })
})

describe('findDelay', () => {
  const message = xml`<message xmlns='jabber:client'><body>hi</body><delay xmlns='urn:xmpp:delay' from='a.example' stamp='2002-09-10T23:08:25Z'/><delay xmlns='urn:xmpp:delay' from='b.example' stamp='2003-01-01T00:00:00Z'/></message>`

  test('reads the first delay, or the one added by an entity', () => {
    expect(findDelay(message)?.from).toBe('a.example')
    expect(findDelay(message, 'b.example')?.stamp.toISOString()).toBe('2003-01-01T00:00:00.000Z')
    expect(findDelay(message, parseJid('c.example'))).toBeUndefined()
    expect(findDelay(xml`<message xmlns='jabber:client'/>`)).toBeUndefined()
  })
})
