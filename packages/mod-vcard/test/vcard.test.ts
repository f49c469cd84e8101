import { testHost } from '@tercet/testing'
import { describe, expect, test } from 'vitest'
import { vcard } from '../src/index'
import * as conversations from './conversations'

const env = (options?: Record<string, unknown>) =>
  testHost({ modules: [vcard], ...(options ? { options } : {}) })

describe('XEP-0054 vcard-temp', () => {
  test('§3.1: no vCard yet is an empty <vCard/>', () => conversations.ownEmptyVCard(env()))
  test('§3.2, §3.1, §3.3: publish, read back, read by another user', () =>
    conversations.publishAndRead(env()))
  test('§3.2: a set replaces the whole vCard; to may be the own bare JID', () =>
    conversations.setReplacesWholeCard(env()))
  test('the vCard belongs to the account, not the session', () =>
    conversations.survivesTheSession(env()))
  test('an empty set clears the vCard', () => conversations.emptySetClears(env()))
  test('§3.3: another user without a vCard is item-not-found', () =>
    conversations.otherWithoutVCard(env()))
  test('§3.3, RFC 6121 §8.5.1: a nonexistent user is service-unavailable', () =>
    conversations.noSuchUser(env()))
  test('§3.2: setting another user’s vCard is forbidden', () =>
    conversations.setOthersIsForbidden(env()))
  test('vcardMaxSize: a larger vCard is not-acceptable', () =>
    conversations.tooLarge(env({ vcardMaxSize: 200 }), { maxSize: 200 }))
  test('the default limit is 32 KiB', () => conversations.tooLarge(env(), { maxSize: 32 * 1024 }))
  test('§4: vcard-temp is advertised', async () => {
    const t = env()
    const alice = await t.login('alice@example.test/phone')
    expect(t.hostOf(alice).features).toContain('vcard-temp')
  })
})
