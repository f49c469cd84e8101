import { describe, expect, test } from 'vitest'
import { newThrottle, throttleAllows, throttleRecord } from './auth-throttle'

describe('per-account authentication throttle', () => {
  test('four failures in a minute do not lock; the fifth locks for 1 s, the sixth for 2 s', () => {
    let s = newThrottle()
    for (let i = 0; i < 4; i++) s = throttleRecord(s, false, {}, 1000 + i)
    expect(throttleAllows(s, 1004)).toBe(true)
    s = throttleRecord(s, false, {}, 1004)
    expect(throttleAllows(s, 1005)).toBe(false)
    expect(throttleAllows(s, 2004)).toBe(true)
    s = throttleRecord(s, false, {}, 2004)
    expect(s.lockedUntil).toBe(4004)
  })
  test('failures older than the window are forgotten', () => {
    let s = newThrottle()
    for (let i = 0; i < 4; i++) s = throttleRecord(s, false, {}, i * 1000)
    s = throttleRecord(s, false, {}, 70_000)
    expect(s.failures).toEqual([10_000, 70_000].filter((t) => 70_000 - t < 60_000))
    expect(throttleAllows(s, 70_001)).toBe(true)
  })
  test('the delay grows but is capped, and a success clears everything', () => {
    let s = newThrottle()
    for (let i = 0; i < 30; i++) s = throttleRecord(s, false, { maxDelayMs: 10_000 }, 100 + i)
    expect(s.lockedUntil).toBe(129 + 10_000)
    s = throttleRecord(s, true, {}, 200)
    expect(s).toEqual(newThrottle())
  })
})
