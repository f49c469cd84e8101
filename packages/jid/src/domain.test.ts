import { domainToASCII } from 'node:url'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { domainToAscii, JidError, parseJid, prepareDomainpart } from './index'

function refusal(domain: string): string {
  try {
    prepareDomainpart(domain)
  } catch (e) {
    if (e instanceof JidError && e.part === 'domainpart') return e.reason
    throw e
  }
  throw new Error(`expected ${JSON.stringify(domain)} to be refused`)
}

describe('domainpart: DNS names (RFC 7622 §3.2, IDNA2008)', () => {
  test('case is mapped and a trailing dot removed', () => {
    expect(prepareDomainpart('Example.COM.')).toBe('example.com')
    expect(parseJid('juliet@example.com./x').toString()).toBe('juliet@example.com/x')
  })
  test('fullwidth letters and ideographic full stops are mapped (RFC 5895 §2)', () => {
    expect(prepareDomainpart('ｅｘａｍｐｌｅ。ｃｏｍ')).toBe('example.com')
    expect(prepareDomainpart('example．com')).toBe('example.com')
  })
  test('A-labels are decoded and compare equal to their U-label form', () => {
    expect(prepareDomainpart('xn--bcher-kva.example')).toBe('bücher.example')
    expect(prepareDomainpart('XN--BCHER-KVA.example')).toBe('bücher.example')
    expect(parseJid('a@xn--bcher-kva.example').equals(parseJid('a@Bücher.example'))).toBe(true)
  })
  test('an A-label that is not valid Punycode, or decodes to ASCII, is refused', () => {
    expect(refusal('xn--.example')).toMatch(/not a valid A-label/)
    expect(refusal('xn--abc-.example')).toMatch(/not a valid A-label/)
    // "xn--a" is valid Punycode for U+0080, a control: IDNA2008 refuses the U-label.
    expect(refusal('xn--a.example')).toMatch(/U\+0080 is DISALLOWED/)
  })
  test('an A-label whose U-label is not valid IDNA2008 is refused', () => {
    // xn--n3h is U+2603 SNOWMAN: a symbol, DISALLOWED (RFC 5892 §3).
    expect(refusal('xn--n3h.example')).toMatch(/U\+2603 is DISALLOWED/)
  })
  test('a U-label with a symbol is refused', () => {
    expect(refusal('☃.example')).toMatch(/U\+2603 is DISALLOWED/)
  })
  test('ASCII labels are LDH only', () => {
    expect(refusal('ex_ample.com')).toMatch(/U\+005F is not allowed/)
    expect(refusal('exa mple.com')).toMatch(/U\+0020/)
    expect(refusal('-example.com')).toMatch(/hyphen/)
    expect(refusal('example-.com')).toMatch(/hyphen/)
    expect(refusal('ab--cd.example')).toMatch(/positions 3 and 4/)
  })
  test('hyphen rules apply to U-labels too', () => {
    expect(refusal('-bücher.example')).toMatch(/hyphen/)
    expect(refusal('bü--cher.example')).toMatch(/positions 3 and 4/)
  })
  test('a U-label may not start with a combining mark (RFC 5891 §4.2.3.2)', () => {
    expect(refusal('\u0301a.example')).toMatch(/combining mark/)
  })
  test('empty labels are refused', () => {
    expect(refusal('example..com')).toMatch(/empty label/)
    expect(refusal('.example.com')).toMatch(/empty label/)
    expect(refusal('.')).toMatch(/empty label/)
  })
  test('labels are at most 63 octets (as A-labels for IDNs)', () => {
    expect(prepareDomainpart(`${'a'.repeat(63)}.example`)).toHaveLength(71)
    expect(refusal(`${'a'.repeat(64)}.example`)).toMatch(/63 octets/)
    // 57 "ü" encode to "xn--" + 64 characters of Punycode.
    expect(refusal(`${'ü'.repeat(60)}.example`)).toMatch(/63 octets as an A-label/)
  })
  test('uppercase U-labels are mapped before IDNA2008 validation', () => {
    expect(prepareDomainpart('BÜCHER.example')).toBe('bücher.example')
  })
  test('contextual rules: Catalan middle dot between two l (RFC 5892 A.3)', () => {
    expect(prepareDomainpart('col·lecció.example')).toBe('col·lecció.example')
    expect(refusal('a·b.example')).toMatch(/U\+00B7 is not allowed in this context/)
  })
  test('contextual rules: KATAKANA MIDDLE DOT needs Japanese script (A.7)', () => {
    expect(prepareDomainpart('ア・イ.example')).toBe('ア・イ.example')
    expect(refusal('a・b.example')).toMatch(/U\+30FB/)
  })
  test('contextual rules: Arabic-Indic and extended digits do not mix (A.8, A.9)', () => {
    expect(prepareDomainpart('\u0628\u0661\u0662.example')).toBe('\u0628\u0661\u0662.example')
    expect(refusal('\u0628\u0661\u06f2.example')).toMatch(/not allowed in this context/)
  })
  test('a Bidi domain name applies the Bidi Rule to every label (RFC 5893)', () => {
    expect(prepareDomainpart('مثال.إختبار')).toBe('مثال.إختبار')
    // An LTR label ending in a digit is fine alone, and in a Bidi name (condition 6: EN allowed).
    expect(prepareDomainpart('a1.مثال')).toBe('a1.مثال')
    // A label starting with a digit in a Bidi domain name breaks condition 1.
    expect(refusal('1a.مثال')).toMatch(/Bidi Rule \(RFC 5893 §2, 1\)/)
    // Without any RTL label the rule does not apply: "1a.example" is fine.
    expect(prepareDomainpart('1a.example')).toBe('1a.example')
  })
})

describe('domainpart: IP literals (RFC 7622 §3.2.1)', () => {
  test('IPv4 in dotted decimal', () => {
    expect(prepareDomainpart('192.0.2.1')).toBe('192.0.2.1')
    expect(refusal('192.0.2.256')).toMatch(/IPv4/)
    expect(refusal('192.0.02.1')).toMatch(/IPv4/)
  })
  test('IPv6 in brackets, in RFC 5952 canonical form', () => {
    expect(prepareDomainpart('[::1]')).toBe('[::1]')
    expect(prepareDomainpart('[2001:DB8:0:0:0:0:0:1]')).toBe('[2001:db8::1]')
    expect(parseJid('a@[2001:db8::1]/r').equals(parseJid('a@[2001:0db8::0001]/r'))).toBe(true)
  })
  test('malformed IPv6 literals and zone identifiers are refused', () => {
    expect(refusal('[::1::2]')).toMatch(/IPv6/)
    expect(refusal('[fe80::1%eth0]')).toMatch(/IPv6/)
    expect(refusal('[example.com]')).toMatch(/IPv6/)
  })
})

describe('domainToAscii', () => {
  test('encodes U-labels as A-labels and leaves the rest', () => {
    expect(domainToAscii(prepareDomainpart('bücher.example'))).toBe('xn--bcher-kva.example')
    expect(domainToAscii('example.com')).toBe('example.com')
    expect(domainToAscii('[::1]')).toBe('[::1]')
  })
  test('agrees with Node’s WHATWG domainToASCII on lowercase IDNs', () => {
    const letters = fc.constantFrom(...Array.from('abcdezäöüßéñçøåдждлятьあいう中国字'))
    const labelArb = fc.array(letters, { minLength: 1, maxLength: 12 }).map((a) => a.join(''))
    fc.assert(
      fc.property(fc.array(labelArb, { minLength: 1, maxLength: 3 }), (labels) => {
        const name = `${labels.join('.')}.example`
        // UTS #46 (Node) maps ß to "ss" in transitional processing only; Node uses nontransitional.
        return domainToAscii(prepareDomainpart(name)) === domainToASCII(name)
      }),
      { numRuns: 1000 },
    )
  })
})
