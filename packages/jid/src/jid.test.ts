import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { isValidJid, JidError, type JidPart, jid, parseJid } from './index'

function parts(s: string) {
  const j = parseJid(s)
  return { local: j.local, domain: j.domain, resource: j.resource }
}

function failure(s: string): { part: JidPart; reason: string } {
  try {
    parseJid(s)
  } catch (e) {
    if (e instanceof JidError) return { part: e.part, reason: e.reason }
    throw e
  }
  throw new Error(`expected ${JSON.stringify(s)} to be refused`)
}

// RFC 7622 §3.5.1: each example of a valid JID, with the parts it must prepare to.
describe('RFC 7622 §3.5.1 valid JIDs', () => {
  const cases: [string, string | undefined, string, string | undefined][] = [
    ['juliet@example.com', 'juliet', 'example.com', undefined],
    ['juliet@example.com/foo', 'juliet', 'example.com', 'foo'],
    ['juliet@example.com/foo bar', 'juliet', 'example.com', 'foo bar'],
    ['juliet@example.com/foo@bar', 'juliet', 'example.com', 'foo@bar'],
    ['foo\\20bar@example.com', 'foo\\20bar', 'example.com', undefined],
    ['fussball@example.com', 'fussball', 'example.com', undefined],
    ['fußball@example.com', 'fußball', 'example.com', undefined],
    ['π@example.com', 'π', 'example.com', undefined],
    ['Σ@example.com/foo', 'σ', 'example.com', 'foo'],
    ['σ@example.com/foo', 'σ', 'example.com', 'foo'],
    ['ς@example.com/foo', 'ς', 'example.com', 'foo'],
    ['king@example.com/♚', 'king', 'example.com', '♚'],
    ['example.com', undefined, 'example.com', undefined],
    ['example.com/foobar', undefined, 'example.com', 'foobar'],
    ['a.example.com/b@example.net', undefined, 'a.example.com', 'b@example.net'],
  ]
  for (const [input, local, domain, resource] of cases) {
    test(input, () => {
      expect(parts(input)).toEqual({ local, domain, resource })
    })
  }
})

// RFC 7622 §3.5.2: each example of an invalid JID, with the part that must be blamed.
describe('RFC 7622 §3.5.2 invalid JIDs', () => {
  const cases: [string, JidPart, RegExp][] = [
    ['"juliet"@example.com', 'localpart', /U\+0022 " is not allowed/],
    ['foo bar@example.com', 'localpart', /space is not allowed/],
    ['juliet@example.com/', 'resourcepart', /must not be empty/],
    ['@example.com/', 'localpart', /must not be empty/],
    ['henryⅣ@example.com', 'localpart', /U\+2173 is ID_DIS/],
    ['♚@example.com', 'localpart', /U\+265A is ID_DIS/],
    ['juliet@', 'domainpart', /must not be empty/],
    ['/foobar', 'domainpart', /must not be empty/],
  ]
  for (const [input, part, reason] of cases) {
    test(input, () => {
      const f = failure(input)
      expect(f.part).toBe(part)
      expect(f.reason).toMatch(reason)
    })
  }
})

describe('splitting (RFC 7622 §3.1)', () => {
  test('"@domain" has an empty localpart', () => {
    expect(failure('@example.com')).toMatchObject({ part: 'localpart' })
  })
  test('"a@b@c": the domainpart would hold "@"', () => {
    expect(failure('a@b@c').part).toBe('domainpart')
  })
  test('"/res" alone has no domainpart', () => {
    expect(failure('/res').part).toBe('domainpart')
  })
  test('the resourcepart starts at the first "/" and may hold "/" and "@"', () => {
    expect(parts('a@b/c/d@e')).toEqual({ local: 'a', domain: 'b', resource: 'c/d@e' })
  })
  test('the empty string is refused', () => {
    expect(failure('').part).toBe('domainpart')
  })
  test('a fullwidth commercial at is not a separator, and is refused in the localpart', () => {
    // U+FF20 maps to "@" by width mapping after splitting, which the localpart forbids.
    const f = failure('a＠b@example.com')
    expect(f.part).toBe('localpart')
  })
})

describe('lengths (RFC 7622 §3.1: 1 to 1023 octets per part)', () => {
  test('a 1023-octet localpart is accepted, 1024 is refused', () => {
    expect(parseJid(`${'a'.repeat(1023)}@example.com`).local).toHaveLength(1023)
    expect(failure(`${'a'.repeat(1024)}@example.com`)).toMatchObject({
      part: 'localpart',
      reason: expect.stringMatching(/1023 octets/),
    })
  })
  test('octets, not characters, are counted: 341 × "π" (682 octets) fits, 512 (1024) does not', () => {
    expect(parseJid(`${'π'.repeat(511)}@example.com`).local).toHaveLength(511)
    expect(failure(`${'π'.repeat(512)}@example.com`).part).toBe('localpart')
  })
  test('a 1023-octet resourcepart is accepted, 1024 is refused', () => {
    expect(parseJid(`example.com/${'r'.repeat(1023)}`).resource).toHaveLength(1023)
    expect(failure(`example.com/${'r'.repeat(1024)}`).part).toBe('resourcepart')
  })
  test('a 1024-octet domainpart of short labels is refused', () => {
    const domain = Array.from({ length: 256 }, () => 'abc').join('.') // 1023 octets
    expect(parseJid(domain).domain).toHaveLength(1023)
    expect(failure(`${domain}d`).part).toBe('domainpart')
  })
})

describe('localpart: UsernameCaseMapped (RFC 8265 §3.3)', () => {
  test('ASCII upper case is mapped to lower case', () => {
    expect(parseJid('Juliet@Example.COM/Balcony').toString()).toBe('juliet@example.com/Balcony')
  })
  test('fullwidth letters are width-mapped', () => {
    expect(parseJid('ＪＵＬＩＥＴ@example.com').local).toBe('juliet')
  })
  test('Turkish dotless ı stays distinct from i; dotted İ maps to i + U+0307', () => {
    expect(parseJid('ı@example.com').local).toBe('ı')
    expect(parseJid('İ@example.com').local).toBe('i\u0307')
    expect(parseJid('ı@example.com').equals(parseJid('i@example.com'))).toBe(false)
  })
  test('NFC: a decomposed é equals the precomposed one', () => {
    expect(parseJid('e\u0301@example.com').equals(parseJid('\u00e9@example.com'))).toBe(true)
  })
  test('compatibility characters (ﬁ ligature, superscript two) are refused, not folded', () => {
    expect(failure('ﬁ@example.com').reason).toMatch(/U\+FB01 is ID_DIS/)
    expect(failure('x²@example.com').reason).toMatch(/U\+00B2 is ID_DIS/)
  })
  test('each character RFC 7622 §3.3.1 forbids is refused', () => {
    for (const ch of ['"', '&', "'", '/', ':', '<', '>']) {
      const input = ch === '/' ? 'a/b' : `a${ch}b@example.com`
      if (ch === '/') continue // "/" starts the resourcepart: covered by the splitting tests
      expect(failure(input)).toMatchObject({ part: 'localpart' })
    }
  })
  test('controls and non-ASCII spaces are refused', () => {
    expect(failure('a\tb@example.com').reason).toMatch(/U\+0009/)
    expect(failure('a\u00a0b@example.com').reason).toMatch(/U\+00A0 is ID_DIS/)
  })
  test('zero width joiner: only after a virama (RFC 5892 A.2)', () => {
    expect(failure('a\u200db@example.com').reason).toMatch(/U\+200D is not allowed in this context/)
    // DEVANAGARI KSSA written with an explicit virama + ZWJ: क्‍ष
    expect(parseJid('\u0915\u094d\u200d\u0937@example.com').local).toBe('\u0915\u094d\u200d\u0937')
  })
  test('zero width non-joiner: after a virama or between joining letters (RFC 5892 A.1)', () => {
    expect(failure('a\u200cb@example.com').reason).toMatch(/U\+200C/)
    // Persian "می‌خواهم": ZWNJ between a dual-joining YEH and a KHAH.
    const persian = '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645'
    expect(parseJid(`${persian}@example.com`).local).toBe(persian)
  })
  test('unassigned code points are refused', () => {
    expect(failure('a\u0378@example.com').reason).toMatch(/U\+0378 is UNASSIGNED/)
  })
  test('the Bidi Rule applies to localparts with right-to-left characters', () => {
    expect(parseJid('שלום@example.com').local).toBe('שלום')
    // A right-to-left string may not start with a European digit (RFC 5893 §2 condition 1).
    expect(failure('1שלום@example.com').reason).toMatch(/Bidi Rule/)
    // Latin followed by Hebrew mixes directions (condition 5).
    expect(failure('aש@example.com').reason).toMatch(/Bidi Rule \(RFC 5893 §2, 5\)/)
  })
})

describe('resourcepart: OpaqueString (RFC 8265 §4.2)', () => {
  test('case and inner spaces are preserved', () => {
    expect(parseJid('a@example.com/ My Phone ').resource).toBe(' My Phone ')
  })
  test('non-ASCII spaces map to U+0020', () => {
    expect(parseJid('a@example.com/a\u3000b\u00a0c').resource).toBe('a b c')
  })
  test('fullwidth characters are kept (no width mapping), symbols and emoji are allowed', () => {
    expect(parseJid('a@example.com/ＡＢ🍺').resource).toBe('ＡＢ🍺')
  })
  test('NFC is applied', () => {
    expect(parseJid('a@example.com/e\u0301').resource).toBe('\u00e9')
  })
  test('control characters are refused', () => {
    expect(failure('a@example.com/a\u0000b')).toMatchObject({ part: 'resourcepart' })
    expect(failure('a@example.com/a\u007fb')).toMatchObject({ part: 'resourcepart' })
    expect(failure('a@example.com/a\u0085b').reason).toMatch(/U\+0085 is DISALLOWED/)
  })
  test('default-ignorable code points are refused', () => {
    expect(failure('a@example.com/a\u00adb').reason).toMatch(/U\+00AD is DISALLOWED/)
  })
  test('a lone surrogate is refused', () => {
    expect(failure('a@example.com/a\ud800b').part).toBe('resourcepart')
  })
})

describe('Jid', () => {
  test('bare() drops the resource and keeps identity when already bare', () => {
    const full = parseJid('juliet@example.com/balcony')
    expect(full.isBare).toBe(false)
    expect(full.bare().toString()).toBe('juliet@example.com')
    expect(full.bare().isBare).toBe(true)
    expect(full.bare().bare()).toBe(full.bare())
  })
  test('equals compares prepared parts', () => {
    expect(parseJid('JULIET@EXAMPLE.COM/x').equals(parseJid('juliet@example.com/x'))).toBe(true)
    expect(parseJid('juliet@example.com/X').equals(parseJid('juliet@example.com/x'))).toBe(false)
    expect(parseJid('example.com').equals(parseJid('example.com/x'))).toBe(false)
    expect(parseJid('example.com').equals(undefined)).toBe(false)
  })
  test('is immutable', () => {
    const j = parseJid('juliet@example.com') as { local: string | undefined }
    expect(() => {
      j.local = 'romeo'
    }).toThrow(TypeError)
  })
  test('serialises to JSON as its string form', () => {
    expect(JSON.stringify({ to: parseJid('a@b.example/c') })).toBe('{"to":"a@b.example/c"}')
  })
  test('jid() prepares each part and treats empty parts as absent', () => {
    expect(jid('Juliet', 'EXAMPLE.com', 'Balcony').toString()).toBe('juliet@example.com/Balcony')
    expect(jid(undefined, 'example.com').toString()).toBe('example.com')
    expect(jid('', 'example.com', '').toString()).toBe('example.com')
    expect(jid('a', 'example.com', 'x/y@z').resource).toBe('x/y@z')
  })
  test('jid() refuses separators inside a part instead of re-splitting', () => {
    expect(() => jid('a@b', 'example.com')).toThrow(JidError)
    expect(() => jid('a', 'example.com/x')).toThrow(/domainpart/)
  })
  test('JidError maps to the jid-malformed stanza error', () => {
    try {
      parseJid('juliet@')
    } catch (e) {
      expect(e).toBeInstanceOf(JidError)
      expect((e as JidError).condition).toBe('jid-malformed')
      expect((e as JidError).input).toBe('')
    }
  })
  test('isValidJid', () => {
    expect(isValidJid('a@example.com')).toBe(true)
    expect(isValidJid('a@')).toBe(false)
  })
})

// Arbitrary valid JIDs, ASCII and not, drawn from parts that prepare successfully.
const localChars = fc.constantFrom(...Array.from('abcxyzABCXYZ019._-+ßπσςéÉıüøДжあ字'))
const resourceChars = fc.constantFrom(...Array.from('aZ09 ./@:!?-_ßπΣÉ♚🍺字'))
const label = fc
  .stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/)
  .filter((l) => l.slice(2, 4) !== '--')
const domainArb = fc
  .array(fc.oneof(label, fc.constantFrom('bücher', 'münchen', '中国', 'xn--bcher-kva')), {
    minLength: 1,
    maxLength: 4,
  })
  .map((labels) => `${labels.join('.')}.example`)
const jidString = fc
  .tuple(
    fc.option(fc.array(localChars, { minLength: 1, maxLength: 20 }).map((a) => a.join(''))),
    domainArb,
    fc.option(fc.array(resourceChars, { minLength: 1, maxLength: 20 }).map((a) => a.join(''))),
  )
  .map(([l, d, r]) => `${l === null ? '' : `${l}@`}${d}${r === null ? '' : `/${r}`}`)

describe('properties (fast-check)', () => {
  test('parseJid(j.toString()) equals j', () => {
    fc.assert(
      fc.property(jidString, (s) => {
        const j = parseJid(s)
        const again = parseJid(j.toString())
        return again.equals(j) && again.toString() === j.toString()
      }),
      { numRuns: 2000 },
    )
  })
  test('preparation is idempotent on every part', () => {
    fc.assert(
      fc.property(jidString, (s) => {
        const j = parseJid(s)
        return jid(j.local, j.domain, j.resource).equals(j)
      }),
      { numRuns: 2000 },
    )
  })
  test('arbitrary strings either parse or throw JidError, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        try {
          const j = parseJid(s)
          return parseJid(j.toString()).equals(j)
        } catch (e) {
          return e instanceof JidError
        }
      }),
      { numRuns: 5000 },
    )
  })
})
