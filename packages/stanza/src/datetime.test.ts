import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  formatDate,
  formatDateTime,
  formatTzd,
  parseDate,
  parseDateTime,
  parseTzd,
} from './datetime'

describe('DateTime profile (XEP-0082 §3.2)', () => {
  test('reads the examples of §3.2, both naming the same instant', () => {
    const utc = parseDateTime('1969-07-21T02:56:15Z')
    const houston = parseDateTime('1969-07-20T21:56:15-05:00')
    expect(utc?.toISOString()).toBe('1969-07-21T02:56:15.000Z')
    expect(houston?.getTime()).toBe(utc?.getTime())
  })

  test('reads fractions of any length, to the millisecond', () => {
    expect(parseDateTime('2002-09-10T23:08:25.1Z')?.toISOString()).toBe('2002-09-10T23:08:25.100Z')
    expect(parseDateTime('2002-09-10T23:08:25.123Z')?.toISOString()).toBe(
      '2002-09-10T23:08:25.123Z',
    )
    expect(parseDateTime('2002-09-10T23:08:25.123456Z')?.toISOString()).toBe(
      '2002-09-10T23:08:25.123Z',
    )
    expect(parseDateTime('2002-09-10T23:08:25.999999+01:30')?.toISOString()).toBe(
      '2002-09-10T21:38:25.999Z',
    )
  })

  test('reads early years without mapping 0–99 to the 1900s', () => {
    expect(parseDateTime('0099-12-31T23:00:00-02:00')?.toISOString()).toBe(
      '0100-01-01T01:00:00.000Z',
    )
  })

  test.each([
    '2002-09-10T23:08:25', // §3.2: the time zone is mandatory
    '2002-09-10 23:08:25Z',
    '2002-09-10t23:08:25z',
    '20020910T23:08:25Z', // the XEP-0091 legacy format (§4) is not this profile
    '2002-09-10T23:08Z',
    '2002-09-10T24:00:00Z', // §2.1: hh is 00 through 23
    '2002-09-10T23:60:00Z',
    '2002-09-10T23:08:60Z', // §2.1: ss is 00 through 59
    '2002-13-10T23:08:25Z',
    '2002-00-10T23:08:25Z',
    '2002-02-29T00:00:00Z', // not a leap year
    '1900-02-29T00:00:00Z',
    '2002-04-31T00:00:00Z',
    '2002-09-10T23:08:25.Z',
    '2002-09-10T23:08:25+0100',
    '2002-09-10T23:08:25+15:00',
    '2002-09-10T23:08:25+01:60',
    ' 2002-09-10T23:08:25Z',
    '',
  ])('refuses %j', (text) => {
    expect(parseDateTime(text)).toBeUndefined()
  })

  test('accepts leap days that exist', () => {
    expect(parseDateTime('2000-02-29T00:00:00Z')?.toISOString()).toBe('2000-02-29T00:00:00.000Z')
    expect(parseDateTime('2024-02-29T12:00:00+14:00')?.toISOString()).toBe(
      '2024-02-28T22:00:00.000Z',
    )
  })

  test('writes UTC, with milliseconds only when there are some', () => {
    expect(formatDateTime(new Date('2002-09-10T23:08:25Z'))).toBe('2002-09-10T23:08:25Z')
    expect(formatDateTime(new Date('2002-09-10T23:08:25.5Z'))).toBe('2002-09-10T23:08:25.500Z')
    expect(formatDateTime(new Date('2002-09-10T23:08:25Z'), { ms: true })).toBe(
      '2002-09-10T23:08:25.000Z',
    )
  })

  test('refuses to write what has no four-digit year', () => {
    expect(() => formatDateTime(new Date(Number.NaN))).toThrow(RangeError)
    expect(() => formatDateTime(new Date('+010000-01-01T00:00:00Z'))).toThrow(RangeError)
    expect(() => formatDateTime(new Date('-000001-01-01T00:00:00Z'))).toThrow(RangeError)
  })

  test('format then parse is the identity on instants of years 0000–9999', () => {
    const min = Date.parse('0000-01-01T00:00:00.000Z')
    const max = Date.parse('9999-12-31T23:59:59.999Z')
    const instants = fc.integer({ min, max })
    fc.assert(
      fc.property(instants, (t) => {
        const date = new Date(t)
        expect(parseDateTime(formatDateTime(date))?.getTime()).toBe(t)
      }),
    )
  })
})

describe('Date profile (XEP-0082 §3.1)', () => {
  test('reads and writes the example of §3.1', () => {
    const date = parseDate('1776-07-04')
    expect(date?.toISOString()).toBe('1776-07-04T00:00:00.000Z')
    expect(formatDate(date!)).toBe('1776-07-04')
    expect(formatDate(new Date('2002-09-10T23:59:59.999Z'))).toBe('2002-09-10')
    expect(parseDate('0001-01-01')?.toISOString()).toBe('0001-01-01T00:00:00.000Z')
  })

  test.each(['1776-7-4', '1776-07-32', '1776-02-30', '1776-07-04Z', '17760704'])(
    'refuses %j',
    (text) => {
      expect(parseDate(text)).toBeUndefined()
    },
  )
})

describe('Time Zone Definition (XEP-0082 §2.1)', () => {
  test('writes and reads offsets in minutes', () => {
    expect([0, 60, -300, 330, -14 * 60].map(formatTzd)).toEqual([
      'Z',
      '+01:00',
      '-05:00',
      '+05:30',
      '-14:00',
    ])
    expect(['Z', '+01:00', '-05:00', '+05:30', '-00:00'].map(parseTzd)).toEqual([
      0, 60, -300, 330, -0,
    ])
    expect(parseTzd('+1:00')).toBeUndefined()
    expect(parseTzd('UTC')).toBeUndefined()
    expect(() => formatTzd(15 * 60)).toThrow(RangeError)
    expect(() => formatTzd(1.5)).toThrow(RangeError)
  })
})
