import { isSpace, NAME_ASCII, NameClass } from './chars'
import { decodeEntity, EntityStatus } from './entity'
import { colons as cacheColons, names as cacheNames, findName, rememberName } from './name-cache'
import { isAt, TokenizerCore } from './tokenizer-core'

// Module-local aliases and character codes: see the note at the top of tokenizer-core.ts.
const NAME_TABLE = NAME_ASCII
const NAME_NONE = NameClass.None
const NAME_START = NameClass.Start
const space = isSpace
const decode = decodeEntity
const ENTITY_OK = EntityStatus.Ok
const names = cacheNames
const colons = cacheColons
const find = findName
const remember = rememberName
const at = isAt

/** `startTag` declined a tag only because the buffer ends inside it. */
const CUT = -2

enum Ch {
  Quot = 0x22,
  Amp = 0x26,
  Apos = 0x27,
  Slash = 0x2f,
  Colon = 0x3a,
  Lt = 0x3c,
  Eq = 0x3d,
  Gt = 0x3e,
}

/**
 * The fast path: text and tags of the common shapes, read with local variables, without state
 * changes, a start tag handed to the sink in one call. It stops at anything else (markup other
 * than tags, a line end in text, a tag cut by the end of the buffer or near a limit, any
 * error) with `this.pos` at the start of that token, having reported nothing of it; the state
 * machine then takes that token, and the fast path goes on once in text again. So the two
 * give the same events and errors however the input is cut. A tag cut by the end of the
 * buffer may instead wait, once, for the next chunk (`waitOnce` in tokenizer-core.ts).
 */
export abstract class FastPath extends TokenizerCore {
  protected fast(): boolean {
    const buf = this.buf
    const len = buf.length
    const sink = this.sink
    const start = this.pos
    let i = start
    let cut = false
    while (i < len) {
      if (buf.charCodeAt(i) !== Ch.Lt) {
        const lt = this.nextLt(i)
        if (lt >= len || this.nextCr(i) < lt || this.nextEndCData(i) < lt) break
        let text = ''
        let run = i
        for (let amp = this.nextAmp(i); amp < lt; amp = this.nextAmp(run)) {
          if (decode(buf, amp, this.entity) !== ENTITY_OK) break
          text += buf.slice(run, amp) + this.entity.value
          run = this.entity.end
        }
        if (this.nextAmp(run) < lt) break
        // A run that starts here follows a tag; one at `start` may have begun in an earlier chunk.
        if (i !== start) this.setTextStart(i)
        sink.text(run === i ? buf.slice(i, lt) : text + buf.slice(run, lt))
        i = lt
      }
      if (i + 1 >= len) {
        cut = true
        break
      }
      if (buf.charCodeAt(i + 1) === Ch.Slash) {
        // An end tag is compared in place with the expected name, without slicing a name.
        const name = sink.expectedEndTag()
        if (name === undefined) break
        const gt = i + 2 + name.length
        if (gt >= len) {
          cut = at(buf, name.slice(0, len - i - 2), i + 2)
          break
        }
        if (buf.charCodeAt(gt) !== Ch.Gt || !at(buf, name, i + 2)) break
        this.setTagStart(i)
        this.pos = gt + 1
        sink.closeTag(name)
        i = gt + 1
      } else {
        const next = this.startTag(i)
        if (next < 0) {
          cut = next === CUT
          break
        }
        i = next
      }
    }
    if (i !== start && (i >= len || buf.charCodeAt(i) !== Ch.Lt)) this.setTextStart(i)
    this.pos = i
    return !(cut && this.waitOnce(i))
  }

  /**
   * A whole start tag at `lt` (XML 1.0 §3.1 STag, EmptyElemTag); the index after it, or -1 to
   * leave it to the state machine.
   *
   * Attribute values end at `indexOf(quote)`; memoised searches (shared with text) tell
   * whether a `<`, reference, tab, CR or LF comes before. Measured against one `charCodeAt`
   * loop per value: ≈ 2 ms a pass less for the quote search alone, of which the five memo
   * checks give most back (97,000 values, median 15 code units: a builtin call costs about as
   * much as 8–10 code units of a loop on the benchmark machine). Kept for the shared memos.
   */
  private startTag(lt: number): number {
    const buf = this.buf
    const len = buf.length
    const sink = this.sink
    const attrNames = sink.attrNames
    const attrColons = sink.attrColons
    const values = sink.attrValues
    let j = lt + 1
    /** The element's name once read; until then the name being read is the element's. */
    let name = ''
    let nameColon = -1
    let count = 0
    let units = 0
    /** Values ending before this index hold no `<`, tab, CR or LF. */
    let plainUntil = -1
    for (;;) {
      // One call site for the element name and every attribute name: V8 inlines `quickName`
      // (with the name cache's lookup) once per function within its budget, and a second
      // site was a call per attribute (measured: the same instructions, ≈ 5 % less time a
      // parse in interleaved runs).
      const got = this.quickName(j)
      if (typeof got !== 'string') return got === null ? CUT : -1
      j += got.length
      if (name === '') {
        name = got
        nameColon = this.colon
      } else {
        if (j + 1 >= len) return buf.charCodeAt(j) === Ch.Eq ? CUT : -1
        const q = buf.charCodeAt(j + 1)
        if (buf.charCodeAt(j) !== Ch.Eq || (q !== Ch.Quot && q !== Ch.Apos)) return -1
        const from = j + 2
        let k = buf.indexOf(q === Ch.Quot ? '"' : "'", from)
        // A value cut by the buffer end is checked up to there, as a whole one up to its quote.
        const end = k < 0 ? len : k
        if (end > plainUntil) {
          // No `<`, tab, CR or LF up to `plainUntil` (the next tag's `<`, usually): one check
          // for every value of the tag instead of four each (measured: 1 % of a parse's
          // instructions).
          plainUntil = this.nextLt(from)
          const lf = this.nextLf(from)
          if (lf < plainUntil) plainUntil = lf
          const tab = this.nextTab(from)
          if (tab < plainUntil) plainUntil = tab
          const cr = this.nextCr(from)
          if (cr < plainUntil) plainUntil = cr
          if (plainUntil < end) return -1
        }
        // Cut inside a value that needs no check so far: wait for the rest.
        if (k < 0) return this.nextAmp(from) >= len ? CUT : -1
        if (this.nextAmp(from) > k) values[count] = buf.slice(from, k)
        else {
          const value = this.quickValue(from, q)
          if (value === undefined) return -1
          values[count] = value
          k = this.entity.end
        }
        attrNames[count] = got
        attrColons[count] = this.colon
        count++
        j = k + 1
        units = j - lt
      }
      // Every read is within the buffer (see tokenizer-core.ts); a tag it cuts is CUT.
      if (j >= len) return CUT
      let c = buf.charCodeAt(j)
      if (c !== Ch.Gt && c !== Ch.Slash) {
        if (!space(c)) return -1
        do {
          if (++j >= len) return CUT
          c = buf.charCodeAt(j)
        } while (space(c))
        // Another attribute's name.
        if (c !== Ch.Gt && c !== Ch.Slash) continue
      }
      const selfClosing = c === Ch.Slash
      if (selfClosing) {
        if (++j >= len) return CUT
        if (buf.charCodeAt(j) !== Ch.Gt) return -1
      }
      this.setTagStart(lt)
      this.pos = j + 1
      return sink.startTag(name, nameColon, count, units, selfClosing) ? j + 1 : -1
    }
  }

  /**
   * An attribute value with references (and no `<`, tab, CR or LF) from `from`; leaves the
   * closing quote's index in `this.entity.end`. Undefined for anything unusual.
   */
  private quickValue(from: number, q: number): string | undefined {
    const buf = this.buf
    const len = buf.length
    let out = ''
    let run = from
    for (let k = from; k < len; k++) {
      const c = buf.charCodeAt(k)
      if (c === q) {
        this.entity.end = k
        return out + buf.slice(run, k)
      }
      if (c !== Ch.Amp) continue
      if (decode(buf, k, this.entity) !== ENTITY_OK) return undefined
      out += buf.slice(run, k) + this.entity.value
      run = this.entity.end
      k = run - 1
    }
    return undefined
  }

  /**
   * The QName at `i` if it is ASCII and whole in the buffer; sets `this.colon`. Null if the
   * buffer ends inside what can still become one (the state machine would wait there too),
   * undefined for anything else. A name seen before comes from the name cache
   * (name-cache.ts), compared in place; a new one is scanned, sliced and cached.
   */
  private quickName(i: number): string | null | undefined {
    const slot = find(this.buf, i)
    if (slot < 0) return this.newName(i)
    this.colon = colons[slot]!
    return names[slot]
  }

  /** `quickName` for a name not in the cache. */
  private newName(i: number): string | null | undefined {
    const buf = this.buf
    // Namespaces in XML 1.0 §4: an NCName, optionally a colon and another NCName.
    const len = buf.length
    let c = buf.charCodeAt(i)
    if (!(c < 0x80 && NAME_TABLE[c] === NAME_START) || c === Ch.Colon) return undefined
    let colon = -1
    let j = i + 1
    for (; j < len; j++) {
      c = buf.charCodeAt(j)
      if (c >= 0x80) return undefined
      if (NAME_TABLE[c] === NAME_NONE) break
      if (c === Ch.Colon) {
        if (colon >= 0) return undefined
        if (j + 1 >= len) return null
        const d = buf.charCodeAt(j + 1)
        if (!(d < 0x80 && NAME_TABLE[d] === NAME_START) || d === Ch.Colon) return undefined
        colon = j - i
      }
    }
    if (j >= len) return null
    this.colon = colon
    return remember(buf, i, buf.slice(i, j), colon)
  }
}
