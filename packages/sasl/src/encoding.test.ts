import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { decodeBase64, encodeBase64, fromUtf8, utf8 } from './encoding'

describe('base64 (RFC 4648 §4)', () => {
  test('encodes like node:crypto Buffer and decodes back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        const text = encodeBase64(bytes)
        expect(text).toBe(Buffer.from(bytes).toString('base64'))
        expect(decodeBase64(text)).toEqual(bytes)
      }),
    )
  })

  test('RFC 4648 §10 test vectors', () => {
    const vectors = ['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy']
    const plain = ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar']
    vectors.forEach((v, i) => {
      expect(encodeBase64(utf8(plain[i]!))).toBe(v)
      expect(fromUtf8(decodeBase64(v)!)).toBe(plain[i])
    })
  })

  test.each([
    ['whitespace (RFC 6120 §6.4.2)', 'Zm9v Yg=='],
    ['a line break', 'Zm9v\nYmFy'],
    ['missing padding', 'Zm9vYg'],
    ['too much padding', 'Zg==='],
    ['padding in the middle', 'Zg==Zm9v'],
    ['padding only', '===='],
    ['a character outside the alphabet', 'Zm9-'],
    ['the URL-safe alphabet', 'Zm9_'],
    ['non-ASCII', 'Zm9é'],
    ['non-zero pad bits after one byte (RFC 4648 §3.5)', 'Zh=='],
    ['non-zero pad bits after two bytes (RFC 4648 §3.5)', 'Zm9='],
    ['a lone "="', '='],
  ])('rejects %s', (_, text) => {
    expect(decodeBase64(text)).toBeNull()
  })
})

describe('UTF-8 (RFC 3629)', () => {
  test('round-trips any string of scalar values', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(fromUtf8(utf8(s))).toBe(s)
      }),
    )
  })

  test.each([
    ['a lone continuation byte', [0x80]],
    ['an overlong "/"', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
  ])('refuses %s', (_, bytes) => {
    expect(fromUtf8(new Uint8Array(bytes))).toBeNull()
  })

  test('keeps a leading BOM as U+FEFF instead of dropping it', () => {
    expect(fromUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('\uFEFFa')
  })
})
