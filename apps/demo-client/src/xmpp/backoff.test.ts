import { describe, expect, test } from 'vitest'
import { backoffDelay } from './backoff'

describe('backoffDelay', () => {
  test('doubles from the base up to the ceiling, jitter in the upper half', () => {
    const low = (n: number) => backoffDelay(n, { random: () => 0 })
    const high = (n: number) => backoffDelay(n, { random: () => 0.999999 })
    expect([1, 2, 3, 4, 5, 6, 7].map(low)).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000])
    expect([1, 2, 3, 6].map(high)).toEqual([1000, 2000, 4000, 30000])
  })

  test('options move the base and the ceiling', () => {
    expect(backoffDelay(3, { base: 100, max: 250, random: () => 0.5 })).toBe(188)
  })

  test('real jitter stays within bounds', () => {
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(4)
      expect(d).toBeGreaterThanOrEqual(4000)
      expect(d).toBeLessThanOrEqual(8000)
    }
  })
})
