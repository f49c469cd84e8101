import { codeUnitName } from './chars'

/**
 * A run of printable ASCII and LF; `scan` stops after it, at a control (tab and CR included),
 * `]`, or any non-ASCII code unit. Tab, CR and `]` are legal but rare in XMPP, and the
 * tokenizer searches for each of them in every chunk (line ends to normalise, `]]>` to
 * refuse in text): `lastRare` tells it when a chunk has none, which saves three `indexOf`
 * passes over it (measured with valgrind: 409 M → 399 M instructions a parse).
 *
 * A regular expression scans natively, and pure-ASCII stretches (base64, most markup) never
 * leave it. Written as a sticky greedy loop over the plain characters rather than a search
 * for the first other one: V8's regular expression code then runs a tight loop instead of a
 * match attempt at every position. Measured on this package's benchmark corpus (5.2 M code
 * units in 3,885 reads): one pass of the search found nothing in 5.1 ms, the loop consumed
 * everything in 1.8 ms, and the ledger's whole scan went from 6.4 ms to 5.2 ms a parse (its
 * 34,660 stops cost ≈ 40 ns each, the JavaScript loop over non-ASCII runs the rest);
 * valgrind: 398 M → 392 M instructions a parse.
 */
const PLAIN_RUN = /[\n\x20-\x5c\x5e-\x7f]*/y
/**
 * Bounds of a run of non-ASCII code units. An enum, so the bundler writes the numbers into
 * the loop: a module constant is a context load and a small-integer check at each use
 * (measured: 392 M → 390 M instructions a parse).
 */
enum Run {
  /**
   * ASCII code units a run may enclose: merging runs across short gaps saves a regular
   * expression restart and a run record per word, but each gap code unit is then read by the
   * JavaScript loop. Counted with valgrind (instructions per parse of the benchmark corpus,
   * which time cannot resolve on a shared machine): gap 16 → 521 M, 64 → 552 M, 4 → 512 M,
   * 0 or 2 → 514 M. Timed again with the sticky regular expression above (the scan loop
   * alone over the corpus): gaps 0 to 8 within 2 % of each other.
   */
  Gap = 4,
  /**
   * Merging stops once a run is this long: `extraBefore` counts code units inside a run, and
   * is called per stanza, so merged runs spanning many small stanzas would make that quadratic.
   */
  MergeMax = 64,
}

/** Outcome of `Utf8Ledger.scan`: how much of the text is valid, and what stopped it. */
export interface ScanResult {
  /** Code units of the text that are legal XML Chars, surrogate pairs complete. */
  valid: number
  /** Why the rest is held back: an illegal character (reason) or a pending high surrogate. */
  illegal: string | undefined
}

/**
 * Validates text against XML 1.0 §2.2 Char once, as it arrives, and keeps what is needed to
 * turn any position of the tokenizer's buffer into an exact UTF-8 byte offset later: the runs
 * of non-ASCII code units and the extra bytes (UTF-8 length minus UTF-16 length) before each.
 * Offsets are only computed when asked (errors, limits), so the hot path never counts bytes.
 */
export class Utf8Ledger {
  /**
   * Flat quadruples per run of non-ASCII code units (which may enclose short ASCII gaps):
   * start, end, extra bytes before, extra bytes after.
   */
  private runs: number[] = []
  /**
   * Entries of `runs` in use (four per run). The array is never shortened: setting a smaller
   * `length` let V8 trim its backing store, and the next chunk's pushes grew it again
   * (`GrowFastSmiOrObjectElements` was 0.5 % of a profile).
   */
  private used = 0
  /** Extra bytes before buffer index 0. */
  private extraAtStart = 0
  /** Extra bytes before the end of everything scanned. */
  private extraEnd = 0
  /** Buffer index of the last tab, CR or `]` scanned; negative when the buffer holds none. */
  lastRare = -1

  /**
   * Scans `text`, which will be appended to the buffer at index `base`, and records its runs.
   * Stops at the first illegal code unit, or before a high surrogate whose low half has not
   * arrived (at the end of `text`).
   */
  scan(text: string, base: number): ScanResult {
    const len = text.length
    let extra = this.extraEnd
    let i = 0
    for (;;) {
      PLAIN_RUN.lastIndex = i
      PLAIN_RUN.test(text)
      const start = PLAIN_RUN.lastIndex
      if (start >= len) break
      const before = extra
      let j = start
      /** End of the run so far: after its last non-ASCII code unit. */
      let runEnd = start
      let illegal: string | undefined
      for (; j < len; j++) {
        const c = text.charCodeAt(j)
        if (c < 0x80) {
          if (c < 0x20 || c === 0x5d) {
            if (c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x5d) {
              illegal = `illegal character ${codeUnitName(c)}`
              break
            }
            if (c !== 0x0a) this.lastRare = base + j
          }
          // Short ASCII gaps (spaces between non-ASCII words) stay inside the run: one run
          // and one regular expression restart per phrase instead of one per word.
          if (j - runEnd >= Run.Gap || j - start >= Run.MergeMax) break
          continue
        }
        if ((c & 0xf800) !== 0xd800) {
          if (c >= 0xfffe) {
            illegal = `illegal character ${codeUnitName(c)}`
            break
          }
          extra += c < 0x800 ? 1 : 2
          runEnd = j + 1
        } else if (c <= 0xdbff && j + 1 < len && (text.charCodeAt(j + 1) & 0xfc00) === 0xdc00) {
          extra += 2 // a pair: four UTF-8 bytes for two code units
          j++
          runEnd = j + 1
        } else {
          // A high surrogate at the very end waits for its other half; anything else is lone.
          if (c > 0xdbff || j + 1 < len) illegal = `lone surrogate ${codeUnitName(c)}`
          else illegal = ''
          break
        }
      }
      if (runEnd > start) {
        const runs = this.runs
        const at = this.used
        runs[at] = base + start
        runs[at + 1] = base + runEnd
        runs[at + 2] = before
        runs[at + 3] = extra
        this.used = at + 4
      }
      this.extraEnd = extra
      if (illegal !== undefined) return { valid: j, illegal: illegal || undefined }
      i = j
    }
    this.extraEnd = extra
    return { valid: len, illegal: undefined }
  }

  /** Extra UTF-8 bytes before buffer index `p` (relative to everything ever scanned). */
  extraBefore(p: number, buf: string): number {
    const runs = this.runs
    let lo = 0
    let hi = (this.used >> 2) - 1
    let k = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (runs[mid << 2]! < p) {
        k = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    if (k < 0) return this.extraAtStart
    const at = k << 2
    if (p >= runs[at + 1]!) return runs[at + 3]!
    let extra = runs[at + 2]!
    for (let i = runs[at]!; i < p; i++) {
      const c = buf.charCodeAt(i)
      if (c >= 0x80) extra += c < 0x800 || (c & 0xf800) === 0xd800 ? 1 : 2
    }
    return extra
  }

  /** The buffer drops its first `k` code units: rebase the runs, in place (no new array). */
  drop(k: number, buf: string): void {
    if (k === 0) return
    this.lastRare -= k
    const runs = this.runs
    const n = this.used
    if (n === 0) return
    this.extraAtStart = this.extraBefore(k, buf)
    let out = 0
    for (let at = 0; at < n; at += 4) {
      const end = runs[at + 1]!
      if (end <= k) continue
      const start = runs[at]!
      runs[out] = start < k ? 0 : start - k
      runs[out + 1] = end - k
      runs[out + 2] = start < k ? this.extraAtStart : runs[at + 2]!
      runs[out + 3] = runs[at + 3]!
      out += 4
    }
    this.used = out
    // But not kept large for good after one stanza full of non-ASCII words.
    if (runs.length > 4096 && out < runs.length >> 3) runs.length = out
  }
}
