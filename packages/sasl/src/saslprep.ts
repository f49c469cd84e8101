// SASLprep (RFC 4013): the stringprep profile (RFC 3454) for user names and passwords, used by
// PLAIN (RFC 4616 §2) and SCRAM (RFC 5802 §2.2, §5.1).
import {
  L_CAT,
  MAPPED_TO_NOTHING,
  NON_ASCII_SPACE,
  PROHIBITED,
  RAND_AL_CAT,
  UNASSIGNED,
} from './stringprep-tables'

export type SaslprepReason = 'prohibited' | 'unassigned' | 'bidi'

/** The input cannot be prepared; `reason` names the failed step of RFC 4013 §2. */
export class SaslprepError extends Error {
  override readonly name = 'SaslprepError'

  constructor(
    readonly reason: SaslprepReason,
    message: string,
  ) {
    super(message)
  }
}

export interface SaslprepOptions {
  /**
   * RFC 3454 §7: a "query" may contain code points unassigned in Unicode 3.2, a "stored
   * string" may not. Default false (stored). RFC 5802 §5.1 prepares the SCRAM username as a
   * query; RFC 5802 §2.2 prepares passwords as stored strings.
   */
  allowUnassigned?: boolean
}

interface Ranges {
  starts: Uint32Array
  ends: Uint32Array
}

function decode(text: string): Ranges {
  const tokens = text.split(',')
  const starts = new Uint32Array(tokens.length)
  const ends = new Uint32Array(tokens.length)
  let prev = 0
  tokens.forEach((token, i) => {
    const [gap, extra] = token.split(':')
    const start = prev + Number.parseInt(gap!, 36)
    prev = start + (extra === undefined ? 0 : Number.parseInt(extra, 36))
    starts[i] = start
    ends[i] = prev
  })
  return { starts, ends }
}

function has(table: Ranges, cp: number): boolean {
  let lo = 0
  let hi = table.starts.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (cp < table.starts[mid]!) hi = mid - 1
    else if (cp > table.ends[mid]!) lo = mid + 1
    else return true
  }
  return false
}

interface Tables {
  unassigned: Ranges
  nothing: Ranges
  space: Ranges
  prohibited: Ranges
  randAL: Ranges
  l: Ranges
}

// Decoded on the first non-ASCII input, so ASCII credentials never pay for the tables.
let tables: Tables | undefined
function getTables(): Tables {
  tables ??= {
    unassigned: decode(UNASSIGNED),
    nothing: decode(MAPPED_TO_NOTHING),
    space: decode(NON_ASCII_SPACE),
    prohibited: decode(PROHIBITED),
    randAL: decode(RAND_AL_CAT),
    l: decode(L_CAT),
  }
  return tables
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`

// Code points of a JS string; a lone surrogate stays a code point of its own (table C.5).
function codePoints(s: string): number[] {
  return Array.from(s, (ch) => ch.codePointAt(0)!)
}

/**
 * Prepares `input` with SASLprep (RFC 4013 §2) and returns it, or throws `SaslprepError`.
 * An empty result is returned as is: whether that is acceptable is the mechanism's call.
 */
export function saslprep(input: string, options: SaslprepOptions = {}): string {
  // ASCII fast path: no ASCII code point is mapped (B.1, C.1.2), changed by NFKC, unassigned
  // (A.1) or RandALCat (D.1); only the controls of C.2.1 are prohibited.
  let ascii = true
  for (let i = 0; i < input.length && ascii; i++) {
    const c = input.charCodeAt(i)
    if (c < 0x20 || c === 0x7f) throw prohibited(input[i]!)
    ascii = c < 0x80
  }
  if (ascii) return input
  const t = getTables()
  // RFC 4013 §2.1: non-ASCII spaces (C.1.2) become U+0020; B.1 characters are removed.
  // U+200B is in both tables (a space in Unicode 3.2); §2.1 lists the space mapping first, as
  // PostgreSQL's saslprep.c applies it, so it becomes a space.
  const mapped = codePoints(input)
    .map((cp) => (has(t.space, cp) ? 0x20 : cp))
    .filter((cp) => !has(t.nothing, cp))
  // RFC 4013 §2.5 and RFC 3454 §7: unassigned code points are checked here, before
  // normalisation, because String.prototype.normalize speaks a newer Unicode than 3.2 and
  // could turn a character unknown to 3.2 into assigned ones (U+1F100 into "0.").
  if (options.allowUnassigned !== true) {
    const cp = mapped.find((c) => has(t.unassigned, c))
    if (cp !== undefined) {
      throw new SaslprepError(
        'unassigned',
        `${hex(cp)} is unassigned in Unicode 3.2 (RFC 4013 §2.5)`,
      )
    }
  }
  // RFC 4013 §2.2: Unicode normalization form KC.
  const output = mapped
    .map((cp) => String.fromCodePoint(cp))
    .join('')
    .normalize('NFKC')
  const cps = codePoints(output)
  // RFC 4013 §2.3: prohibited output.
  const bad = cps.find((cp) => has(t.prohibited, cp))
  if (bad !== undefined) throw prohibited(String.fromCodePoint(bad))
  checkBidi(cps, t)
  return output
}

function prohibited(ch: string): SaslprepError {
  return new SaslprepError('prohibited', `${hex(ch.codePointAt(0)!)} is prohibited (RFC 4013 §2.3)`)
}

// RFC 4013 §2.4 applies RFC 3454 §6: a string with any RandALCat character must contain no
// LCat character, and must start and end with a RandALCat character.
function checkBidi(cps: number[], t: Tables): void {
  if (!cps.some((cp) => has(t.randAL, cp))) return
  if (cps.some((cp) => has(t.l, cp))) {
    throw new SaslprepError('bidi', 'mixes RandALCat and LCat characters (RFC 3454 §6 rule 2)')
  }
  if (!has(t.randAL, cps[0]!) || !has(t.randAL, cps[cps.length - 1]!)) {
    throw new SaslprepError('bidi', 'must start and end with RandALCat (RFC 3454 §6 rule 3)')
  }
}
