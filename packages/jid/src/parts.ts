// Preparation and enforcement of each JID part (RFC 7622 §3.2–3.4). ASCII input, the common
// case, takes a fast path that applies the same rules without touching the Unicode tables.
import { DomainError, prepareDomainName } from './domain'
import { codePointName, JidError } from './errors'
import { opaqueString, PrecisError, usernameCaseMapped } from './precis'
import { isAscii } from './unicode'

const encoder = new TextEncoder()
const MAX_OCTETS = 1023

// RFC 7622 §3.1: each part is 1 to 1023 octets of UTF-8 after preparation. A JS string of
// n UTF-16 code units encodes to at most 3n octets, so short strings are never encoded.
type Part = 'localpart' | 'domainpart' | 'resourcepart'

function checkLength(part: Part, s: string): void {
  if (s.length === 0) throw new JidError(part, 'must not be empty (RFC 7622 §3.1)', s)
  if (s.length * 3 > MAX_OCTETS && encoder.encode(s).length > MAX_OCTETS) {
    throw new JidError(part, 'longer than 1023 octets (RFC 7622 §3.1)', s)
  }
}

// The full (non-ASCII) preparation of one part: its rule errors become JidErrors naming the
// part, and the prepared result is held to the length limit again.
function slowPath(part: Part, input: string, prepare: (s: string) => string): string {
  let prepared: string
  try {
    prepared = prepare(input)
  } catch (e) {
    if (e instanceof PrecisError || e instanceof DomainError) {
      throw new JidError(part, e.message, input)
    }
    throw e
  }
  checkLength(part, prepared)
  return prepared
}

// RFC 7622 §3.3.1: on top of UsernameCaseMapped, a localpart must not contain
// " & ' / : < > @ (space is already excluded by the IdentifierClass).
const LOCAL_FORBIDDEN = new Set([0x22, 0x26, 0x27, 0x2f, 0x3a, 0x3c, 0x3e, 0x40])

function asciiLocalpart(s: string): string {
  let lower = true
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    // IdentifierClass: printable ASCII (ASCII7, RFC 8264 §9.11) is PVALID; space and controls not.
    if (c < 0x21 || c > 0x7e || LOCAL_FORBIDDEN.has(c)) {
      throw new JidError('localpart', localpartReason(c), s)
    }
    if (c >= 0x41 && c <= 0x5a) lower = false
  }
  return lower ? s : s.toLowerCase()
}

function localpartReason(c: number): string {
  if (c === 0x20) return 'space is not allowed (RFC 7622 §3.3.1; XEP-0106 escapes it as \\20)'
  if (LOCAL_FORBIDDEN.has(c)) {
    return `${codePointName(c)} ${String.fromCharCode(c)} is not allowed (RFC 7622 §3.3.1; XEP-0106 can escape it)`
  }
  return `${codePointName(c)} is not allowed (RFC 8264 §9.11, control character)`
}

/** Localpart: UsernameCaseMapped (RFC 8265 §3.3) plus the exclusions of RFC 7622 §3.3.1. */
export function prepareLocalpart(input: string): string {
  checkLength('localpart', input)
  if (isAscii(input)) return asciiLocalpart(input)
  return slowPath('localpart', input, (s) => {
    const prepared = usernameCaseMapped(s)
    for (const ch of prepared) {
      const c = ch.charCodeAt(0)
      if (LOCAL_FORBIDDEN.has(c)) throw new JidError('localpart', localpartReason(c), input)
    }
    return prepared
  })
}

// ASCII domain fast path: already lowercase LDH labels, no "xn--", no IP literal, no trailing
// dot. Anything else goes through the full preparation, which gives the exact reason.
function isPlainAsciiDomain(s: string): boolean {
  let labelStart = 0
  let allDigits = true
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0x2e
    if (c === 0x2e) {
      const length = i - labelStart
      if (length === 0 || length > 63) return false
      if (s.charCodeAt(labelStart) === 0x2d || s.charCodeAt(i - 1) === 0x2d) return false
      if (
        length >= 4 &&
        s.charCodeAt(labelStart + 2) === 0x2d &&
        s.charCodeAt(labelStart + 3) === 0x2d
      ) {
        return false
      }
      labelStart = i + 1
      continue
    }
    if (c >= 0x61 && c <= 0x7a) allDigits = false
    else if (c === 0x2d) allDigits = false
    else if (c < 0x30 || c > 0x39) return false
  }
  // All-numeric names may be IPv4 literals: let the full path decide.
  return !allDigits
}

/** Domainpart: IDNA2008 or an IP literal (RFC 7622 §3.2). */
export function prepareDomainpart(input: string): string {
  checkLength('domainpart', input)
  if (isPlainAsciiDomain(input)) return input
  return slowPath('domainpart', input, prepareDomainName)
}

/** Resourcepart: OpaqueString (RFC 8265 §4.2), case and spaces preserved (RFC 7622 §3.4). */
export function prepareResourcepart(input: string): string {
  checkLength('resourcepart', input)
  if (isAscii(input)) {
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i)
      // FreeformClass: ASCII7 is PVALID and U+0020 is FREE_PVAL; controls are DISALLOWED.
      if (c < 0x20 || c === 0x7f) {
        throw new JidError(
          'resourcepart',
          `${codePointName(c)} is not allowed (RFC 8264 §9.11, control character)`,
          input,
        )
      }
    }
    return input
  }
  return slowPath('resourcepart', input, opaqueString)
}
