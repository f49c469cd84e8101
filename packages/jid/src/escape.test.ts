import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { escapeLocal, JidError, parseJid, unescapeLocal } from './index'

// XEP-0106 §5, the table of examples: unescaped localpart and its escaped form.
const EXAMPLES: [string, string][] = [
  ['space cadet', 'space\\20cadet'],
  ['call me "ishmael"', 'call\\20me\\20\\22ishmael\\22'],
  ['at&t guy', 'at\\26t\\20guy'],
  ["d'artagnan", 'd\\27artagnan'],
  ['/.fanboy', '\\2f.fanboy'],
  ['::foo::', '\\3a\\3afoo\\3a\\3a'],
  ['<foo>', '\\3cfoo\\3e'],
  ['user@host', 'user\\40host'],
  ['c:\\net', 'c\\3a\\net'],
  ['c:\\\\net', 'c\\3a\\\\net'],
  ['c:\\cool stuff', 'c\\3a\\cool\\20stuff'],
  ['c:\\5commas', 'c\\3a\\5c5commas'],
]

describe('XEP-0106 JID escaping', () => {
  for (const [plain, escaped] of EXAMPLES) {
    test(`${plain} <-> ${escaped}`, () => {
      expect(escapeLocal(plain)).toBe(escaped)
      expect(unescapeLocal(escaped)).toBe(plain)
      // The escaped form is a valid localpart.
      expect(parseJid(`${escaped}@example.com`).local).toBe(escaped)
    })
  }
  test('leading or trailing spaces are refused', () => {
    expect(() => escapeLocal(' alice')).toThrow(JidError)
    expect(() => escapeLocal('alice ')).toThrow(/must not begin or end with a space/)
  })
  test('sequences that are not escapes are left alone when unescaping', () => {
    expect(unescapeLocal('a\\41b\\2F')).toBe('a\\41b\\2F')
  })
  test('escape then unescape is the identity', () => {
    const ch = fc.constantFrom(...Array.from(' "&\'/:<>@\\abc2035fé'))
    fc.assert(
      fc.property(fc.array(ch, { minLength: 1, maxLength: 20 }), (chars) => {
        const s = chars.join('')
        if (s.startsWith(' ') || s.endsWith(' ')) return true
        return unescapeLocal(escapeLocal(s)) === s
      }),
      { numRuns: 3000 },
    )
  })
})
