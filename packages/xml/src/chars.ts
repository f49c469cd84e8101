/**
 * Character classes of XML 1.0 (Fifth Edition) §2.2 (Char) and §2.3 (NameStartChar, NameChar),
 * as lookup tables for ASCII and range checks above it. Namespaces in XML 1.0 §3 forbids a
 * colon inside an NCName; the tokenizer tracks colons itself, so `:` is a plain name character
 * in these tables.
 */

/** Name class of an ASCII code unit: not a name character, a NameChar, or a NameStartChar. */
export enum NameClass {
  None = 0,
  Char = 1,
  Start = 2,
}

function asciiNameTable(): Uint8Array {
  const table = new Uint8Array(128)
  for (let c = 0x30; c <= 0x39; c++) table[c] = NameClass.Char // 0-9
  table[0x2d] = NameClass.Char // -
  table[0x2e] = NameClass.Char // .
  for (let c = 0x41; c <= 0x5a; c++) table[c] = NameClass.Start // A-Z
  for (let c = 0x61; c <= 0x7a; c++) table[c] = NameClass.Start // a-z
  table[0x5f] = NameClass.Start // _
  table[0x3a] = NameClass.Start // :
  return table
}

/** XML 1.0 §2.3 for code units below 0x80. */
export const NAME_ASCII: Uint8Array = asciiNameTable()

/** XML 1.0 §2.3 NameStartChar for a BMP code unit at or above 0x80 (surrogates excluded). */
export function isNameStartBmp(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  )
}

/** XML 1.0 §2.3 NameChar for a BMP code unit at or above 0x80 (surrogates excluded). */
export function isNameCharBmp(c: number): boolean {
  return (
    isNameStartBmp(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040
  )
}

/**
 * NameStartChar includes [#x10000-#xEFFFF]: as UTF-16, a high surrogate D800–DB7F followed
 * by any low surrogate.
 */
export function isNameHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdb7f
}

export function isHighSurrogate(c: number): boolean {
  return (c & 0xfc00) === 0xd800
}

export function isLowSurrogate(c: number): boolean {
  return (c & 0xfc00) === 0xdc00
}

/** XML 1.0 §2.3 S: space, tab, CR, LF. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d
}

/** Whether every code unit of `s` is XML whitespace. */
export function isAllSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false
  return true
}

/** XML 1.0 §2.2 Char for a whole code point (for character references). */
export function isCharCodePoint(cp: number): boolean {
  return (
    cp === 0x09 ||
    cp === 0x0a ||
    cp === 0x0d ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  )
}

/**
 * Whether `s` is a QName (Namespaces in XML 1.0 §4): an NCName, or two joined by one colon.
 * Used by the builder and serializer, not by the tokenizer, which checks names as it scans.
 */
export function isQName(s: string): boolean {
  let colon = -1
  let start = true
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x3a) {
      if (colon !== -1 || start) return false
      colon = i
      start = true
      continue
    }
    let ok: boolean
    if (c < 0x80) {
      const k = NAME_ASCII[c]!
      ok = start ? k === NameClass.Start : k !== NameClass.None
    } else if (isNameHighSurrogate(c) && isLowSurrogate(s.charCodeAt(i + 1))) {
      ok = true
      i++
    } else {
      ok = start ? isNameStartBmp(c) : isNameCharBmp(c)
    }
    if (!ok) return false
    start = false
  }
  return !start
}

/** U+XXXX notation for error reasons. */
export function codeUnitName(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`
}
