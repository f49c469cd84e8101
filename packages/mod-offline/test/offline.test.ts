import { testHost } from '@tercet/testing'
import { describe, expect, test } from 'vitest'
import { offline } from '../src/index'
import * as conversations from './conversations'

const env = (options?: Record<string, unknown>) =>
  testHost({ modules: [offline], ...(options ? { options } : {}) })

describe('XEP-0160 offline messages', () => {
  test('§2: stored, then delivered in order with XEP-0203 delays at initial presence', () =>
    conversations.storedThenDeliveredInOrder(env()))
  test('§2: delivered to the resource that sent the presence only', () =>
    conversations.deliveredToThePresentResource(env()))
  test('§2: negative priority waits; raising it to ≥ 0 delivers', () =>
    conversations.negativePriorityWaits(env()))
  test('§3: headline and error are never stored', () =>
    conversations.headlineAndErrorAreDropped(env()))
  test('§3: groupchat is never stored and bounces', () => conversations.groupchatBounces(env()))
  test('§3: standalone chat states are not stored (and bounce); with a body they are', () =>
    conversations.chatStatesAreNotStored(env()))
  test('a delay forged in the server’s name is replaced', () =>
    conversations.forgedServerDelayIsReplaced(env()))
  test('§2: a full queue refuses with service-unavailable (offlineMaxMessages)', () =>
    conversations.fullQueueRefuses(env({ offlineMaxMessages: 3 }), { max: 3 }))
  test('offlinePolicy drop-oldest: a full queue forgets its oldest', () =>
    conversations.fullQueueDropsOldest(
      env({ offlineMaxMessages: 3, offlinePolicy: 'drop-oldest' }),
      { max: 3 },
    ))
  test('the default limit is 100 messages', () =>
    conversations.fullQueueRefuses(env(), { max: 100 }))
  test('RFC 6121 §8.5.1: nothing is stored for a nonexistent account', () =>
    conversations.noSuchUser(env()))
  test('§4: msgoffline is advertised', async () => {
    const t = env()
    const alice = await t.login('alice@example.test/phone')
    expect(t.hostOf(alice).features).toContain('msgoffline')
  })
})
