import { isCharCodePoint, NAME_ASCII, NameClass } from './chars'

/** Where `decodeEntity` puts its result: the replacement text (or the failure reason) and end. */
export interface EntityResult {
  value: string
  end: number
}

/** Entity decoding outcomes. */
export enum EntityStatus {
  Ok = 0,
  NeedMore = -1,
  NotWellFormed = 1,
  Restricted = 2,
}

// Module-local aliases: see the note at the top of tokenizer.ts.
const NAME_TABLE = NAME_ASCII
const NAME_NONE = NameClass.None
const NAME_START = NameClass.Start

/** Entity names past this length cannot be predefined; refusing them early bounds buffering. */
const MAX_ENTITY_NAME = 32
/** A character reference longer than this is padding with zeros; refusing bounds buffering. */
const MAX_CHAR_REF = 32

/**
 * Decodes the reference starting with `&` at `i` (XML 1.0 §4.1 Reference). On success, fills
 * `out.value` with the replacement and `out.end` with the index after `;`. On failure, puts
 * the reason in `out.value`.
 */
export function decodeEntity(buf: string, i: number, out: EntityResult): EntityStatus {
  if (i + 1 >= buf.length) return EntityStatus.NeedMore
  const first = buf.charCodeAt(i + 1)
  if (first === 0x23) return decodeCharRef(buf, i, out)
  if (first >= 0x80 || NAME_TABLE[first] !== NAME_START) {
    // Not ASCII, or not a name: either way not one of the five, and `&` alone is not allowed.
    out.value = first >= 0x80 ? 'undeclared entity reference' : "'&' must be escaped as &amp;"
    return first >= 0x80 ? EntityStatus.Restricted : EntityStatus.NotWellFormed
  }
  let j = i + 2
  for (; j < buf.length; j++) {
    const c = buf.charCodeAt(j)
    if (c === 0x3b) break
    if (c >= 0x80) {
      out.value = 'undeclared entity reference'
      return EntityStatus.Restricted
    }
    if (NAME_TABLE[c] === NAME_NONE) {
      out.value = 'entity reference without ;'
      return EntityStatus.NotWellFormed
    }
    if (j - i > MAX_ENTITY_NAME) {
      out.value = 'undeclared entity reference'
      return EntityStatus.Restricted
    }
  }
  if (j >= buf.length) return EntityStatus.NeedMore
  const value = predefinedAt(buf, i + 1, j)
  if (value === undefined) {
    const name = buf.slice(i + 1, j)
    out.value = `undeclared entity &${name.length > 16 ? `${name.slice(0, 16)}…` : name};`
    return EntityStatus.Restricted
  }
  out.value = value
  out.end = j + 1
  return EntityStatus.Ok
}

/**
 * The five predefined entities of XML 1.0 §4.6 (RFC 6120 §11.1 forbids DTDs, so no other
 * named entity can be declared and every other reference is refused): the replacement of the
 * one named by `buf[start, end)`, undefined for any other name. Compares code units in place:
 * no slice and no keyed lookup per reference (the slice and lookup were a visible line of the
 * parse profile).
 */
function predefinedAt(buf: string, start: number, end: number): string | undefined {
  const a = buf.charCodeAt(start)
  const b = buf.charCodeAt(start + 1)
  switch (end - start) {
    case 2:
      if (b !== 0x74) return undefined // t
      return a === 0x6c ? '<' : a === 0x67 ? '>' : undefined // lt, gt
    case 3:
      return a === 0x61 && b === 0x6d && buf.charCodeAt(start + 2) === 0x70 ? '&' : undefined // amp
    case 4: {
      const c = buf.charCodeAt(start + 2)
      const d = buf.charCodeAt(start + 3)
      if (a === 0x61 && b === 0x70 && c === 0x6f && d === 0x73) return "'" // apos
      if (a === 0x71 && b === 0x75 && c === 0x6f && d === 0x74) return '"' // quot
      return undefined
    }
    default:
      return undefined
  }
}

/** XML 1.0 §4.1 CharRef: `&#` digits `;` or `&#x` hex digits `;`, naming a legal Char (§2.2). */
function decodeCharRef(buf: string, i: number, out: EntityResult): EntityStatus {
  let j = i + 2
  const hex = buf.charCodeAt(j) === 0x78
  if (hex) j++
  let cp = 0
  const digitsStart = j
  for (; j < buf.length; j++) {
    const c = buf.charCodeAt(j)
    if (c === 0x3b) break
    const d = digitValue(c, hex)
    if (d < 0 || j - i > MAX_CHAR_REF) {
      out.value = 'malformed character reference'
      return EntityStatus.NotWellFormed
    }
    cp = cp * (hex ? 16 : 10) + d
    if (cp > 0x10ffff) {
      out.value = 'character reference out of range'
      return EntityStatus.NotWellFormed
    }
  }
  if (j >= buf.length) return EntityStatus.NeedMore
  if (j === digitsStart) {
    out.value = 'malformed character reference'
    return EntityStatus.NotWellFormed
  }
  if (!isCharCodePoint(cp)) {
    out.value = `character reference to an illegal character (${cp})`
    return EntityStatus.NotWellFormed
  }
  out.value = String.fromCodePoint(cp)
  out.end = j + 1
  return EntityStatus.Ok
}

function digitValue(c: number, hex: boolean): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30
  if (!hex) return -1
  if (c >= 0x61 && c <= 0x66) return c - 0x57
  if (c >= 0x41 && c <= 0x46) return c - 0x37
  return -1
}
