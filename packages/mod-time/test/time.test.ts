import { testHost } from '@tercet/testing'
import { describe, expect, test } from 'vitest'
import { entityTime, time } from '../src/index'
import * as conversations from './conversations'

const env = () => testHost({ modules: [time] })

describe('XEP-0202 entity time', () => {
  test('§2: the server reports its UTC time and offset', () => conversations.serverTime(env()))
  test('RFC 6120 §8.4: a set is service-unavailable', () => conversations.setIsRefused(env()))
  test('a bare JID is not answered for (service-unavailable)', () =>
    conversations.bareJidIsNotAnswered(env()))
  test('a full JID’s query goes to that client', () => conversations.fullJidGoesToTheClient(env()))
  test('urn:xmpp:time is advertised', async () => {
    const t = env()
    const alice = await t.login('alice@example.test/phone')
    expect(t.hostOf(alice).features).toContain('urn:xmpp:time')
  })
})

describe('entityTime()', () => {
  test('writes the XEP-0202 §3 example instant in UTC, milliseconds only when present', () => {
    const whole = entityTime(new Date('2006-12-19T17:58:35Z'))
    expect(whole.getChildText('tzo')).toBe('+00:00')
    expect(whole.getChildText('utc')).toBe('2006-12-19T17:58:35Z')
    expect(entityTime(new Date('2006-12-19T17:58:35.250Z')).getChildText('utc')).toBe(
      '2006-12-19T17:58:35.250Z',
    )
  })
})
