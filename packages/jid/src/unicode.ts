// Lookups into the Unicode tables derived at install time by scripts/generate-unicode.mjs.
// Nothing is decoded until the first non-ASCII input: ASCII addresses never pay for the tables.
import {
  BIDI_RUNS,
  IDNA_RUNS,
  JOINING_RUNS,
  PRECIS_RUNS,
  VIRAMAS,
  WIDTH_MAPPINGS,
} from './generated/unicode-data'

/** PRECIS derived property (RFC 8264 §8). `F` is ID_DIS in IdentifierClass, FREE_PVAL in FreeformClass. */
export type PrecisProperty = 'P' | 'F' | 'J' | 'O' | 'D' | 'U'
/** IDNA2008 derived property (RFC 5892 §3). */
export type IdnaProperty = 'P' | 'J' | 'O' | 'D' | 'U'
/**
 * Bidi_Class: L, R, A (AL), N (AN), E (EN), S (ES), C (CS), T (ET), O (ON), B (BN), M (NSM),
 * X for every other class (none of which the Bidi Rule allows).
 */
export type BidiClass = 'L' | 'R' | 'A' | 'N' | 'E' | 'S' | 'C' | 'T' | 'O' | 'B' | 'M' | 'X'
/** Joining_Type: D, L, R, T, or U for everything else. */
export type JoiningType = 'D' | 'L' | 'R' | 'T' | 'U'

interface RunTable {
  starts: Uint32Array
  values: string
}

function decodeRuns(text: string): RunTable {
  const starts: number[] = []
  let values = ''
  let start = 0
  let digits = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x41 && c <= 0x5a) {
      start += Number.parseInt(text.slice(digits, i), 36)
      starts.push(start)
      values += text[i]
      digits = i + 1
    }
  }
  return { starts: Uint32Array.from(starts), values }
}

function lookup(table: RunTable, cp: number): string {
  const { starts } = table
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if (starts[mid]! <= cp) lo = mid
    else hi = mid - 1
  }
  return table.values[lo]!
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined
  return () => {
    if (value === undefined) value = make()
    return value
  }
}

const precisTable = lazy(() => decodeRuns(PRECIS_RUNS))
const idnaTable = lazy(() => decodeRuns(IDNA_RUNS))
const bidiTable = lazy(() => decodeRuns(BIDI_RUNS))
const joiningTable = lazy(() => decodeRuns(JOINING_RUNS))
const viramas = lazy(() => new Set(VIRAMAS.split(' ').map((s) => Number.parseInt(s, 36))))
const widthMap = lazy(() => {
  const map = new Map<number, string>()
  for (const entry of WIDTH_MAPPINGS.split(' ')) {
    const [from, to] = entry.split(':') as [string, string]
    const chars = to.split('.').map((s) => Number.parseInt(s, 36))
    map.set(Number.parseInt(from, 36), String.fromCodePoint(...chars))
  }
  return map
})

// The runtime's own Unicode data (its normaliser and case mapper) may be older than the tables.
// A code point the runtime has never heard of cannot have been case-mapped or normalised
// correctly, so it counts as unassigned: the effective Unicode version is the older of the two.
const runtimeUnassigned = /^\p{Cn}$/u

/** True when every UTF-16 code unit is ASCII. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false
  return true
}

export function precisProperty(cp: number): PrecisProperty {
  const p = lookup(precisTable(), cp) as PrecisProperty
  if (p !== 'U' && p !== 'D' && cp > 0x7f && runtimeUnassigned.test(String.fromCodePoint(cp))) {
    return 'U'
  }
  return p
}

export function idnaProperty(cp: number): IdnaProperty {
  const p = lookup(idnaTable(), cp) as IdnaProperty
  if (p !== 'U' && p !== 'D' && cp > 0x7f && runtimeUnassigned.test(String.fromCodePoint(cp))) {
    return 'U'
  }
  return p
}

export function bidiClass(cp: number): BidiClass {
  return lookup(bidiTable(), cp) as BidiClass
}

export function joiningType(cp: number): JoiningType {
  return lookup(joiningTable(), cp) as JoiningType
}

export function isVirama(cp: number): boolean {
  return viramas().has(cp)
}

/**
 * The PRECIS width mapping rule (RFC 8265 §3.3.2 step 1): fullwidth and halfwidth code points
 * become their <wide>/<narrow> decomposition mappings.
 */
export function mapWidth(s: string): string {
  const map = widthMap()
  let out = ''
  for (const ch of s) {
    const cp = ch.codePointAt(0)!
    out += (cp > 0x7f ? map.get(cp) : undefined) ?? ch
  }
  return out
}
