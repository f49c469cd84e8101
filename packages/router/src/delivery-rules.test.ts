import { describe, expect, test } from 'vitest'
import {
  type LiveResource,
  messageToBare,
  presenceToBare,
  toNonexistent,
  toUnavailableFull,
} from './delivery-rules'

const r = (resource: string, priority: number, available = true): LiveResource => ({
  resource,
  sessionId: `s-${resource}`,
  priority,
  available,
})
const names = (d: ReturnType<typeof messageToBare>) =>
  d.action === 'deliver' ? d.to.map((x) => x.resource) : d.action

describe('messageToBare (RFC 6121 §8.5.2.1.1, §8.5.2.2.1)', () => {
  const resources = [r('a', 1), r('b', 5), r('c', 5), r('neg', -1), r('quiet', 9, false)]
  test('chat and normal: every resource sharing the highest non-negative priority', () => {
    expect(names(messageToBare('chat', resources))).toEqual(['b', 'c'])
    expect(names(messageToBare('normal', resources))).toEqual(['b', 'c'])
  })
  test('an unavailable resource is ignored even with a higher priority', () => {
    expect(names(messageToBare('chat', [r('quiet', 9, false), r('a', 0)]))).toEqual(['a'])
  })
  test('only negative or unavailable resources: offline', () => {
    expect(messageToBare('chat', [r('neg', -1), r('quiet', 3, false)])).toEqual({
      action: 'offline',
    })
    expect(messageToBare('normal', [])).toEqual({ action: 'offline' })
  })
  test('headline: all non-negative available resources; none → dropped', () => {
    expect(names(messageToBare('headline', resources))).toEqual(['a', 'b', 'c'])
    expect(messageToBare('headline', [r('neg', -1)])).toEqual({ action: 'drop' })
  })
  test('groupchat bounces with service-unavailable, error is dropped', () => {
    expect(messageToBare('groupchat', resources)).toEqual({
      action: 'error',
      condition: 'service-unavailable',
    })
    expect(messageToBare('error', resources)).toEqual({ action: 'drop' })
  })
})

describe('presenceToBare (RFC 6121 §8.5.2.1.2)', () => {
  test('available and unavailable go to every available resource, negative priority included', () => {
    const d = presenceToBare('available', [r('a', 0), r('neg', -3), r('quiet', 0, false)])
    expect(d.action === 'deliver' && d.to.map((x) => x.resource)).toEqual(['a', 'neg'])
    expect(presenceToBare('unavailable', [])).toEqual({ action: 'drop' })
  })
  test('probes are never delivered to clients', () => {
    expect(presenceToBare('probe', [r('a', 0)])).toEqual({ action: 'drop' })
  })
})

describe('toUnavailableFull (RFC 6121 §8.5.3.2)', () => {
  test.each([
    ['message', 'chat', { action: 'bare' }],
    ['message', 'normal', { action: 'bare' }],
    ['message', 'groupchat', { action: 'error', condition: 'service-unavailable' }],
    ['message', 'headline', { action: 'drop' }],
    ['message', 'error', { action: 'drop' }],
    ['iq', 'get', { action: 'error', condition: 'service-unavailable' }],
    ['iq', 'set', { action: 'error', condition: 'service-unavailable' }],
    ['iq', 'result', { action: 'drop' }],
    ['presence', 'available', { action: 'drop' }],
    ['presence', 'unavailable', { action: 'drop' }],
    ['presence', 'subscribe', { action: 'bare' }],
    ['presence', 'probe', { action: 'bare' }],
  ] as const)('%s of type %s', (kind, type, expected) => {
    expect(toUnavailableFull(kind, type)).toEqual(expected)
  })
})

describe('toNonexistent (RFC 6121 §8.5.1)', () => {
  test('IQ get/set: service-unavailable; result/error: dropped', () => {
    expect(toNonexistent('iq', 'get', 'drop')).toEqual({
      action: 'error',
      condition: 'service-unavailable',
    })
    expect(toNonexistent('iq', 'result', 'service-unavailable')).toEqual({ action: 'drop' })
  })
  test('messages follow the policy, errors are always dropped', () => {
    expect(toNonexistent('message', 'chat', 'drop')).toEqual({ action: 'drop' })
    expect(toNonexistent('message', 'chat', 'service-unavailable')).toEqual({
      action: 'error',
      condition: 'service-unavailable',
    })
    expect(toNonexistent('message', 'error', 'service-unavailable')).toEqual({ action: 'drop' })
  })
  test('presence of any type is dropped', () => {
    for (const type of ['available', 'subscribe', 'probe', 'unsubscribed']) {
      expect(toNonexistent('presence', type, 'service-unavailable')).toEqual({ action: 'drop' })
    }
  })
})
