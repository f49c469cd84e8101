import { domainToASCII, domainToUnicode } from 'node:url'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { punycodeDecode, punycodeEncode } from './punycode'

describe('Punycode (RFC 3492)', () => {
  // RFC 3492 §7.1 sample strings, and well-known IDNs.
  const samples: [string, string][] = [
    ['bücher', 'bcher-kva'],
    ['münchen', 'mnchen-3ya'],
    ['中国', 'fiqs8s'],
    ['中國', 'fiqz9s'],
    ['3年B組金八先生', '3B-ww4c5e180e575a65lsy2b'],
    ['安室奈美恵-with-SUPER-MONKEYS', '-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n'],
    ['ドメイン名例', 'eckwd4c7cu47r2wf'],
  ]
  for (const [unicode, encoded] of samples) {
    test(`${unicode} <-> ${encoded}`, () => {
      expect(punycodeEncode(unicode)).toBe(encoded)
      expect(punycodeDecode(encoded)).toBe(unicode)
    })
  }
  test('invalid input decodes to undefined', () => {
    expect(punycodeDecode('é-abc')).toBeUndefined() // non-basic before the delimiter
    expect(punycodeDecode('abc-!')).toBeUndefined() // not a digit
    expect(punycodeDecode('99999999999')).toBeUndefined() // overflow
    expect(punycodeDecode('a-b')).toBeUndefined() // the digit run ends before its last digit
  })
  test('round trip and agreement with Node’s WHATWG URL implementation', () => {
    const cp = fc.integer({ min: 0x80, max: 0x2fff }).map((c) => String.fromCodePoint(c))
    const ascii = fc.constantFrom(...'abcxyz0189'.split(''))
    fc.assert(
      fc.property(fc.array(fc.oneof(cp, ascii), { minLength: 1, maxLength: 20 }), (chars) => {
        const s = chars.join('')
        const encoded = punycodeEncode(s)
        return punycodeDecode(encoded) === s
      }),
      { numRuns: 2000 },
    )
    expect(domainToUnicode(`xn--${punycodeEncode('bücher')}`)).toBe('bücher')
    expect(domainToASCII('münchen')).toBe(`xn--${punycodeEncode('münchen')}`)
  })
})
