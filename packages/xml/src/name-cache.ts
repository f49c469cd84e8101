import { NAME_ASCII, NameClass } from './chars'

// Module-local aliases: see the note at the top of tokenizer-core.ts.
const NAME_TABLE = NAME_ASCII
const NAME_NONE = NameClass.None

const SLOTS = 1024

/**
 * Recently seen names, shared by every parser (a cache only: a miss just scans and slices).
 * XMPP reuses a few dozen names (`message`, `to`, `id`, `jid`…); each is kept as the string
 * V8 uses as the property key (`internalize`), so attribute objects are built without
 * hashing a fresh string, and every cached name has the same representation.
 */
export const names: (string | undefined)[] = new Array(SLOTS).fill(undefined)
/** Colon index of each cached name, -1 for none. */
export const colons = new Int16Array(SLOTS)
/**
 * The first eight code units of each cached name, two per word (16 bits each, so any UTF-16
 * code unit packs exactly), and the masks that keep only the name's own code units: a lookup
 * compares a name of up to eight code units with at most four word comparisons, with the code
 * units it read anyway to find the slot. Before, the slot came from a hash of four code
 * units and the name was compared unit by unit against the cached string (two `charCodeAt`
 * per unit). That lookup was ≈ 14 % of a profile of the parse benchmark, but mostly through
 * the out-of-bounds reads described in tokenizer-core.ts: the packed comparison alone
 * measured 503 M → 502 M instructions a parse.
 */
const words = new Int32Array(SLOTS * 4)
const masks = new Int32Array(SLOTS * 4)
/** Length of each cached name (in code units). */
const lengths = new Int32Array(SLOTS)
// An empty slot: no masked value equals -1, so it never matches.
words.fill(-1)

/**
 * The slot for the name at `i`, from its first four code units (past the end of a short
 * name, whatever follows it: a cache only needs the same slot for the same text). Two code
 * units were not enough: `presence`/`priority`, `stamp`/`status`/`stanza-id` and
 * `request`/`result` evicted each other.
 */
function slotOf(w0: number, w1: number): number {
  // 22 = 32 - log2(SLOTS), written as a literal: TurboFan did not fold a module constant
  // here, so it typed the shift as any uint32, `findName`'s result (this or -1) became a
  // float64, and each use was converted back (≈ 7 % of the fast path's start-tag samples;
  // measured 399 M → 396 M instructions a parse).
  return Math.imul(w0 ^ Math.imul(w1, 0x9e3779b1), 0x85ebca6b) >>> 22
}

/**
 * The slot of the cached name that starts at `i` of `buf` and ends there (the code unit after
 * it is an ASCII non-name character), or -1.
 */
export function findName(buf: string, i: number): number {
  // Every read is within `buf`: V8 stops inlining `charCodeAt` at a call site for good once
  // it has read past the end there (the call reducer then leaves a builtin call), and that
  // was ≈ 7 % of a profile of the parse benchmark.
  const len = buf.length
  if (i + 4 > len) return -1
  const w0 = buf.charCodeAt(i) | (buf.charCodeAt(i + 1) << 16)
  const w1 = buf.charCodeAt(i + 2) | (buf.charCodeAt(i + 3) << 16)
  const slot = slotOf(w0, w1)
  const at = slot << 2
  if (((w0 & masks[at]!) ^ words[at]!) | ((w1 & masks[at + 1]!) ^ words[at + 1]!)) return -1
  const n = lengths[slot]!
  if (i + n >= len) return -1
  if (n > 4) {
    if (i + 8 > len) return -1
    const w2 = buf.charCodeAt(i + 4) | (buf.charCodeAt(i + 5) << 16)
    const w3 = buf.charCodeAt(i + 6) | (buf.charCodeAt(i + 7) << 16)
    if (((w2 & masks[at + 2]!) ^ words[at + 2]!) | ((w3 & masks[at + 3]!) ^ words[at + 3]!)) {
      return -1
    }
    if (n > 8 && !tailAt(buf, i, names[slot]!)) return -1
  }
  const c = buf.charCodeAt(i + n)
  return c < 0x80 && NAME_TABLE[c] === NAME_NONE ? slot : -1
}

/** Whether code units 8 and on of `name` are at `i + 8` of `buf` (the caller checked the length). */
function tailAt(buf: string, i: number, name: string): boolean {
  for (let k = 8; k < name.length; k++)
    if (buf.charCodeAt(i + k) !== name.charCodeAt(k)) return false
  return true
}

/**
 * The internalised string with the contents of `s`: the one V8 keeps as a property key. A
 * name sliced from the buffer is a fresh string, two-byte when the buffer is; once used as a
 * key, V8 turns it into a thin string pointing to the internalised copy. Cached names that
 * are thin or two-byte made every use of them (`charCodeAt`, `length`, attribute stores,
 * end-tag comparisons) polymorphic, and V8 stopped inlining `charCodeAt` in the fast path:
 * ≈ 10 % of a profile went to generic string builtins and megamorphic loads.
 */
function internalize(s: string): string {
  const o: Record<string, number> = {}
  o[s] = 0
  for (const key in o) return key
  return s
}

/**
 * Caches the name `sliced` (with its colon index), found at `i` of `buf`; returns the string
 * to use for it, internalised.
 */
export function rememberName(buf: string, i: number, sliced: string, colon: number): string {
  const name = internalize(sliced)
  if (i + 4 > buf.length) return name // the slot needs four code units
  const slot = slotOf(
    buf.charCodeAt(i) | (buf.charCodeAt(i + 1) << 16),
    buf.charCodeAt(i + 2) | (buf.charCodeAt(i + 3) << 16),
  )
  const at = slot << 2
  const n = name.length
  for (let k = 0; k < 4; k++) {
    const lo = 2 * k < n ? name.charCodeAt(2 * k) : 0
    const hi = 2 * k + 1 < n ? name.charCodeAt(2 * k + 1) : 0
    const mask = n > 2 * k + 1 ? -1 : n > 2 * k ? 0xffff : 0
    masks[at + k] = mask
    words[at + k] = (lo | (hi << 16)) & mask
  }
  names[slot] = name
  colons[slot] = colon
  lengths[slot] = n
  return name
}
