import {
  codeUnitName,
  isHighSurrogate,
  isNameCharBmp,
  isNameHighSurrogate,
  isNameStartBmp,
  isSpace,
  NAME_ASCII,
  NameClass,
} from './chars'
import { decodeEntity, type EntityResult, EntityStatus } from './entity'
import { XmlError, type XmlErrorCondition } from './errors'
import { Utf8Ledger } from './utf8-ledger'
import { checkXmlDeclaration } from './xml-declaration'

/**
 * What the tokenizer reports, one call per token; strings are sliced once per token. Byte
 * offsets for errors and limits are asked of `TokenPositions`, only when needed.
 */
export interface TokenSink {
  openTag(name: string, colon: number): void
  /** `units`: code units the attribute took in the input, a cheap bound on its bytes. */
  attribute(name: string, colon: number, value: string, units: number): void
  openTagEnd(selfClosing: boolean): void
  closeTag(name: string): void
  /** Character data, possibly in several pieces (a run may be cut at a chunk boundary). */
  text(text: string): void
  cdataStart(): void
  /** The name the next end tag must have, for an in-place comparison; undefined if none. */
  expectedEndTag(): string | undefined
}

/** Exact UTF-8 offsets from the start of the input, computed on demand. */
export interface TokenPositions {
  /** Offset of the `<` of the current tag or CDATA section. */
  tagStartByte(): number
  /** Offset where the current run of character data began, the same however input is cut. */
  textStartByte(): number
  /** Offset of the next code unit to be examined. */
  byteOffset(): number
}

// Vitest loads this file through Vite's SSR transform, which turns every use of an imported
// binding into a property read on a module namespace object, and does not inline const enums
// from other files. The hot paths below therefore use module-local aliases, read once at load:
// measured, the parse benchmark under vitest went from 0.96× to 1.44× ltx with this alone.
// Bundlers (esbuild in wrangler) make the aliases free.
const NAME_TABLE = NAME_ASCII
const NAME_NONE = NameClass.None
const NAME_START = NameClass.Start
const space = isSpace
const highSurrogate = isHighSurrogate
const nameHighSurrogate = isNameHighSurrogate
const nameCharBmp = isNameCharBmp
const nameStartBmp = isNameStartBmp
const decode = decodeEntity
const ENTITY_OK = EntityStatus.Ok
const ENTITY_MORE = EntityStatus.NeedMore
const ENTITY_NWF = EntityStatus.NotWellFormed

enum Ch {
  Tab = 0x09,
  Lf = 0x0a,
  Cr = 0x0d,
  Space = 0x20,
  Bang = 0x21,
  Quot = 0x22,
  Amp = 0x26,
  Apos = 0x27,
  Slash = 0x2f,
  Colon = 0x3a,
  Lt = 0x3c,
  Eq = 0x3d,
  Gt = 0x3e,
  Question = 0x3f,
  LBracket = 0x5b,
  RBracket = 0x5d,
  Dash = 0x2d,
  Bom = 0xfeff,
}

enum State {
  Text,
  TagOpen,
  TagName,
  BeforeAttrName,
  AttrName,
  AfterAttrName,
  BeforeAttrValue,
  AttrValue,
  AfterAttrValue,
  SelfClose,
  CloseTagName,
  AfterCloseTag,
  Bang,
  CData,
  Pi,
  XmlDecl,
}

const NAME_CACHE_SIZE = 1024
/** Recently seen names (a cache only: a miss just slices). */
const nameCache: (string | undefined)[] = new Array(NAME_CACHE_SIZE).fill(undefined)
/** Colon index of each cached name, -1 for none. */
const nameColons = new Int16Array(NAME_CACHE_SIZE)

/**
 * Cache slot of the name starting at `i`, from its first four code units (past the end of a
 * short name or of the buffer, whatever is there: a cache only needs the same slot for the
 * same text). Two were not enough: `presence`/`priority`, `stamp`/`status`/`stanza-id`,
 * `request`/`result` evicted each other: 7,000 misses a pass on the benchmark corpus, 1,300
 * with four (parse time: no change beyond the noise).
 */
function nameKey(buf: string, i: number): number {
  const h = buf.charCodeAt(i) * 31 + buf.charCodeAt(i + 1)
  return (
    (((h * 31 + buf.charCodeAt(i + 2)) | 0) * 31 + buf.charCodeAt(i + 3)) & (NAME_CACHE_SIZE - 1)
  )
}

/**
 * Whether `s` occurs in `buf` at `i`. For the short names compared here, this loop (inlined)
 * beat `buf.startsWith(s, i)`, whose builtin call is slow when `buf` is a two-byte string and
 * `s` a one-byte one (measured on the parse benchmark: among the hottest lines of the profile).
 */
function isAt(buf: string, s: string, i: number): boolean {
  const n = s.length
  if (i + n > buf.length) return false
  for (let k = 0; k < n; k++) if (buf.charCodeAt(i + k) !== s.charCodeAt(k)) return false
  return true
}

/** Memo of an `indexOf` search: not searched yet in this buffer. */
const UNSEARCHED = -2
const CDATA_OPEN = '[CDATA['

/**
 * An incremental XML 1.0 tokenizer in the shape of htmlparser2's `Tokenizer`: one method per
 * state, each consuming as far as it can. Chunks may end anywhere; a CR waits for a possible
 * LF, and a high surrogate for its low half (as in saxes). Only the current token is kept.
 *
 * Every code unit is checked against XML 1.0 §2.2 Char by `Utf8Ledger` when it arrives, so the
 * buffer holds only legal characters (anything from the first illegal one on is held back and
 * reported when parsing reaches it). The states then jump with `indexOf` instead of testing
 * each code unit: on the benchmark corpus, `indexOf('<')` costs ≈ 0.01–0.4 ns per code unit
 * against ≈ 2.7 ns for a `charCodeAt` loop (Node 20, measured while writing this).
 */
export class Tokenizer implements TokenPositions {
  private buf = ''
  private pos = 0
  private state = State.Text
  /** Start of the token still being scanned (a name, a markup lookahead), or -1. */
  private sectionStart = -1
  /** Code units dropped from the front of `buf` so far. */
  private charBase = 0
  private readonly ledger = new Utf8Ledger()
  /** Input held back: a high surrogate awaiting its pair, or everything from an illegal char. */
  private tail = ''
  private illegal: string | undefined
  private colon = -1
  private eof = false
  /** Absolute code unit index where the document starts (1 after a byte order mark). */
  private docStart = 0
  private tagStartChar = 0
  private tagStartB = -1
  private textStartChar = 0
  private textStartB = -1
  private attrName = ''
  private attrColon = -1
  private attrValue = ''
  private attrStartChar = 0
  private quote = 0
  private ampAt = UNSEARCHED
  private crAt = UNSEARCHED
  private endCDataAt = UNSEARCHED
  private readonly entity: EntityResult = { value: '', end: 0 }

  constructor(private readonly sink: TokenSink) {}

  write(chunk: string): void {
    const keep = this.sectionStart >= 0 ? this.sectionStart : this.pos
    if (keep > 0) this.drop(keep)
    const text = this.tail.length > 0 ? this.tail + chunk : chunk
    const base = this.buf.length
    const scan = this.ledger.scan(text, base)
    if (scan.valid === text.length) {
      // `join` makes a flat string where `+` would make a rope (a cons string), which the
      // states would read through an indirection (measured: 1–2 %, at the edge of the noise).
      this.buf = base > 0 ? [this.buf, text].join('') : text
      this.tail = ''
    } else {
      this.buf += text.slice(0, scan.valid)
      this.tail = text.slice(scan.valid)
      this.illegal = scan.illegal
    }
    if (this.charBase === 0 && this.pos === 0 && this.buf.charCodeAt(0) === Ch.Bom) {
      // XML 1.0 §4.3.3 and Appendix F.1: a UTF-8 byte order mark is not part of the document.
      this.pos = this.docStart = this.textStartChar = 1
    }
    this.ampAt = this.crAt = this.endCDataAt = UNSEARCHED
    this.run()
  }

  /** No more input: resolve what was waiting for a next chunk, then require a clean state. */
  end(): void {
    this.eof = true
    if (this.tail.length > 0 && this.illegal === undefined) {
      this.illegal = `lone surrogate ${codeUnitName(this.tail.charCodeAt(0))}`
    }
    this.run()
    if (this.state !== State.Text) this.fail('not-well-formed', 'unexpected end of input')
  }

  /** Forgets the first `keep` code units of the buffer, remembering the offsets still needed. */
  private drop(keep: number): void {
    const cut = this.charBase + keep
    if (this.tagStartB < 0 && this.tagStartChar < cut)
      this.tagStartB = this.byteAt(this.tagStartChar - this.charBase)
    if (this.textStartB < 0 && this.textStartChar < cut)
      this.textStartB = this.byteAt(this.textStartChar - this.charBase)
    this.ledger.drop(keep, this.buf)
    this.buf = this.buf.slice(keep)
    this.charBase = cut
    this.pos -= keep
    if (this.sectionStart >= 0) this.sectionStart -= keep
  }

  private byteAt(i: number): number {
    return this.charBase + i + this.ledger.extraBefore(i, this.buf)
  }

  byteOffset(): number {
    return this.byteAt(this.pos)
  }

  /**
   * Refuses an unfinished name or markup lookahead longer than `max` code units: such a token
   * is held in the buffer before any element exists to count it against the stanza limit.
   */
  checkHeld(max: number): void {
    if (this.sectionStart >= 0 && this.buf.length - this.sectionStart > max) {
      this.fail('policy-violation', `name longer than ${max}`, this.sectionStart)
    }
  }

  tagStartByte(): number {
    return this.tagStartB >= 0 ? this.tagStartB : this.byteAt(this.tagStartChar - this.charBase)
  }

  textStartByte(): number {
    return this.textStartB >= 0 ? this.textStartB : this.byteAt(this.textStartChar - this.charBase)
  }

  private run(): void {
    while (this.pos < this.buf.length) {
      if (!this.step()) break
    }
    // Parsing reached the held-back input: if it starts with an illegal character, that is it.
    if (this.illegal !== undefined) this.fail('not-well-formed', this.illegal, this.buf.length)
  }

  /** Runs the current state; false when it needs more input to go on. */
  private step(): boolean {
    switch (this.state) {
      case State.Text:
        return this.inText()
      case State.TagOpen:
        return this.inTagOpen()
      case State.TagName:
        return this.inTagName()
      case State.BeforeAttrName:
        return this.inBeforeAttrName()
      case State.AttrName:
        return this.inAttrName()
      case State.AfterAttrName:
        return this.inAfterAttrName()
      case State.BeforeAttrValue:
        return this.inBeforeAttrValue()
      case State.AttrValue:
        return this.inAttrValue()
      case State.AfterAttrValue:
        return this.afterTagToken(this.pos, 'after attribute value')
      case State.SelfClose:
        return this.inSelfClose()
      case State.CloseTagName:
        return this.inCloseTagName()
      case State.AfterCloseTag:
        return this.inAfterCloseTag()
      case State.Bang:
        return this.inBang()
      case State.CData:
        return this.inCData()
      case State.Pi:
        return this.inPi()
      case State.XmlDecl:
        return this.inXmlDecl()
    }
  }

  /** Throws the typed error at code unit `at` of the buffer. */
  private fail(condition: XmlErrorCondition, reason: string, at = this.pos): never {
    throw new XmlError(condition, this.byteAt(at), reason)
  }

  /** Stops at `at` until more input arrives; at end of input that is an error. */
  private wait(at: number): false {
    if (this.eof) this.fail('not-well-formed', 'unexpected end of input', at)
    this.pos = at
    return false
  }

  private nextAmp(i: number): number {
    if (this.ampAt < i && this.ampAt !== -1) this.ampAt = this.buf.indexOf('&', i)
    return this.ampAt
  }

  private nextCr(i: number): number {
    if (this.crAt < i && this.crAt !== -1) this.crAt = this.buf.indexOf('\r', i)
    return this.crAt
  }

  private setTextStart(at: number): void {
    this.textStartChar = this.charBase + at
    this.textStartB = -1
  }

  // Character data (XML 1.0 §2.4) ------------------------------------------------------------

  private inText(): boolean {
    const buf = this.buf
    const len = buf.length
    let i = this.pos
    if (buf.charCodeAt(i) === Ch.Lt) {
      // No text between two tags (most of a stanza's structure): skip the searches below.
      this.tagStartChar = this.charBase + i
      this.tagStartB = -1
      this.state = State.TagOpen
      this.sectionStart = i
      this.pos = i + 1
      // Straight on to the tag (never the other way round, so this does not recurse).
      return i + 1 < len ? this.inTagOpen() : true
    }
    let out = ''
    for (;;) {
      const lt = buf.indexOf('<', i)
      const end = lt < 0 ? len : lt
      const amp = this.nextAmp(i)
      const cr = this.nextCr(i)
      let stop = end
      if (amp >= 0 && amp < stop) stop = amp
      if (cr >= 0 && cr < stop) stop = cr
      this.checkCDataEnd(i, stop)
      if (stop === end) {
        if (lt >= 0) {
          out += buf.slice(i, lt)
          if (out.length > 0) this.sink.text(out)
          this.tagStartChar = this.charBase + lt
          this.tagStartB = -1
          this.state = State.TagOpen
          this.sectionStart = lt // keeps `<` for the lookahead of `<!` and `<?`
          this.pos = lt + 1
          return true
        }
        // A trailing `]` or `]]` may begin a `]]>` that the next chunk completes.
        let cut = len
        if (!this.eof && buf.charCodeAt(len - 1) === Ch.RBracket)
          cut = buf.charCodeAt(len - 2) === Ch.RBracket ? len - 2 : len - 1
        if (cut < i) cut = i
        out += buf.slice(i, cut)
        if (out.length > 0) this.sink.text(out)
        this.pos = cut
        return false
      }
      out += buf.slice(i, stop)
      const next = stop === amp ? this.readEntity(stop) : this.readCr(stop)
      if (next < 0) {
        if (out.length > 0) this.sink.text(out)
        return this.wait(stop)
      }
      out += this.entity.value
      i = next
    }
  }

  /** XML 1.0 §2.4: CharData must not contain `]]>`. */
  private checkCDataEnd(i: number, stop: number): void {
    let at = this.endCDataAt
    if (at < i && at !== -1) at = this.endCDataAt = this.buf.indexOf(']]>', i)
    if (at >= 0 && at < stop) this.fail('not-well-formed', "']]>' in text", at)
  }

  /** XML 1.0 §2.11: CRLF and lone CR both become LF; waits to see whether an LF follows. */
  private readCr(i: number): number {
    const buf = this.buf
    if (i + 1 >= buf.length && !this.eof) return -1
    this.entity.value = '\n'
    return buf.charCodeAt(i + 1) === Ch.Lf ? i + 2 : i + 1
  }

  /** Decodes the reference at `i` into `this.entity`; -1 when it is not complete yet. */
  private readEntity(i: number): number {
    const r = decode(this.buf, i, this.entity)
    if (r === ENTITY_OK) return this.entity.end
    if (r === ENTITY_MORE) {
      if (this.eof) this.fail('not-well-formed', 'unterminated entity reference', i)
      return -1
    }
    const condition = r === ENTITY_NWF ? 'not-well-formed' : 'restricted-xml'
    return this.fail(condition, this.entity.value, i)
  }

  // Tags (XML 1.0 §3.1) ----------------------------------------------------------------------

  private inTagOpen(): boolean {
    const buf = this.buf
    const i = this.pos
    const c = buf.charCodeAt(i)
    if (c === Ch.Slash) {
      // Fast path: compare the expected end tag in place, without slicing a name.
      const name = this.sink.expectedEndTag()
      const after = i + 1 + (name?.length ?? 0)
      if (name !== undefined && buf.charCodeAt(after) === Ch.Gt && isAt(buf, name, i + 1)) {
        this.sectionStart = -1
        this.pos = after + 1
        return this.endCloseTag(name, after)
      }
      this.state = State.CloseTagName
      this.startName(i + 1)
    } else if (c === Ch.Bang) {
      this.state = State.Bang
      this.pos = i + 1
    } else if (c === Ch.Question) {
      this.state = State.Pi
      this.pos = i + 1
    } else {
      const name = this.knownName(i)
      if (name !== undefined) {
        this.sectionStart = -1
        this.sink.openTag(name, this.colon)
        return this.afterTagToken(this.pos, 'in start tag')
      }
      this.state = State.TagName
      this.startName(i)
    }
    return true
  }

  private startName(at: number): void {
    this.sectionStart = at
    this.colon = -1
    this.pos = at
  }

  /**
   * Scans a QName from `this.pos` (Namespaces in XML 1.0 §4: NCName, optionally one colon and
   * another NCName). Returns the index of the first code unit after it, or -1 at the buffer end.
   * Start characters are checked only where a name or its local part begins, so the loop
   * itself is one table lookup per ASCII code unit.
   */
  private scanName(): number {
    const buf = this.buf
    const len = buf.length
    const base = this.sectionStart
    let i = this.pos
    if (i === base) {
      if (i >= len) return this.moreName(i)
      const n = this.nameStart(i)
      if (n === 0) return this.moreName(i)
      i += n
    }
    while (i < len) {
      const c = buf.charCodeAt(i)
      if (c < 0x80) {
        const k = NAME_TABLE[c]
        if (k === NAME_NONE) break
        if (c === Ch.Colon) {
          if (this.colon !== -1) this.fail('not-well-formed', 'misplaced colon in name', i)
          if (i + 1 >= len) return this.moreName(i)
          const n = this.nameStart(i + 1)
          if (n === 0) return this.moreName(i)
          this.colon = i - base
          i += n
        }
        i++
      } else if (highSurrogate(c)) {
        // The ledger guarantees the pair; names allow U+10000–U+EFFFF (XML 1.0 §2.3).
        if (!nameHighSurrogate(c)) break
        i += 2
      } else if (nameCharBmp(c)) i++
      else break
    }
    if (i >= len) return this.moreName(i)
    this.pos = i
    return i
  }

  /** Size of the NameStartChar at `i` (1 or 2 code units), 0 if it has not arrived; fails if none. */
  private nameStart(i: number): number {
    const buf = this.buf
    const c = buf.charCodeAt(i)
    if (c < 0x80) {
      if (NAME_TABLE[c] === NAME_START && c !== Ch.Colon) return 1
      this.fail(
        'not-well-formed',
        c === Ch.Colon ? 'misplaced colon in name' : this.badNameReason(c),
        i,
      )
    }
    if (highSurrogate(c)) {
      if (nameHighSurrogate(c)) return i + 1 < buf.length ? 2 : 0
    } else if (nameStartBmp(c)) return 1
    return this.fail('not-well-formed', `invalid name character ${codeUnitName(c)}`, i)
  }

  private moreName(i: number): number {
    this.pos = i
    if (this.eof) this.fail('not-well-formed', 'unexpected end of input', i)
    return -1
  }

  private badNameReason(c: number): string {
    return c === Ch.Space || c === Ch.Gt || c === Ch.Slash || c === Ch.Eq
      ? 'missing or incomplete name'
      : `invalid name character ${codeUnitName(c)}`
  }

  /**
   * Slices a name, or returns the same name seen before: XMPP reuses a few dozen names
   * (`message`, `to`, `id`, `jid`…), and a string already used as a property key is already
   * internalised, so attribute objects are built without hashing a fresh string each time.
   */
  private takeName(end: number): string {
    const buf = this.buf
    const start = this.sectionStart
    this.sectionStart = -1
    const key = nameKey(buf, start)
    const cached = nameCache[key]
    if (cached !== undefined && cached.length === end - start && isAt(buf, cached, start)) {
      return cached
    }
    const name = buf.slice(start, end)
    nameCache[key] = name
    nameColons[key] = this.colon
    return name
  }

  /**
   * The name at `i` if it is one seen before: the cached name matches and an ASCII non-name
   * character follows it. A cached name was checked when first scanned, so a hit skips the
   * scan; on this package's corpus most names hit (XMPP reuses `message`, `to`, `id`…).
   */
  private knownName(i: number): string | undefined {
    const buf = this.buf
    const key = nameKey(buf, i)
    const cached = nameCache[key]
    if (cached === undefined) return undefined
    const end = i + cached.length
    const c = buf.charCodeAt(end)
    if (!(c < 0x80 && NAME_TABLE[c] === NAME_NONE) || !isAt(buf, cached, i)) return undefined
    this.colon = nameColons[key]!
    this.pos = end
    return cached
  }

  private inTagName(): boolean {
    const end = this.scanName()
    if (end < 0) return false
    this.sink.openTag(this.takeName(end), this.colon)
    return this.afterTagToken(end, 'in start tag')
  }

  /** After a tag name or attribute value: whitespace, `/` or `>` (XML 1.0 §3.1 STag, EmptyElemTag). */
  private afterTagToken(i: number, where: string): boolean {
    const c = this.buf.charCodeAt(i)
    this.pos = i + 1
    if (space(c)) {
      this.state = State.BeforeAttrName
      return this.inBeforeAttrName()
    }
    if (c === Ch.Gt) this.endOpenTag(false, i)
    else if (c === Ch.Slash) this.state = State.SelfClose
    else this.fail('not-well-formed', `unexpected ${codeUnitName(c)} ${where}`, i)
    return true
  }

  private endOpenTag(selfClosing: boolean, gt: number): void {
    this.state = State.Text
    this.setTextStart(gt + 1)
    this.sink.openTagEnd(selfClosing)
  }

  private skipSpace(): number {
    const buf = this.buf
    let i = this.pos
    while (i < buf.length && space(buf.charCodeAt(i))) i++
    this.pos = i
    return i < buf.length ? buf.charCodeAt(i) : -1
  }

  /**
   * Between attributes. The common shape `name="value"` is read here in one go, without going
   * back through `step` for each of its five states.
   */
  private inBeforeAttrName(): boolean {
    const buf = this.buf
    for (;;) {
      const c = this.skipSpace()
      if (c < 0) return false
      const i = this.pos
      if (c === Ch.Gt) {
        this.pos = i + 1
        this.endOpenTag(false, i)
        return true
      }
      if (c === Ch.Slash) {
        this.pos = i + 1
        this.state = State.SelfClose
        return true
      }
      this.attrStartChar = this.charBase + i
      const known = this.knownName(i)
      if (known !== undefined) {
        this.attrColon = this.colon
        this.attrName = known
        this.state = State.AfterAttrName
      } else {
        this.state = State.AttrName
        this.startName(i)
        if (!this.inAttrName()) return false
      }
      const eq = this.pos
      const q = buf.charCodeAt(eq + 1)
      if (buf.charCodeAt(eq) !== Ch.Eq || (q !== Ch.Quot && q !== Ch.Apos)) return true
      this.quote = q
      this.attrValue = ''
      this.pos = eq + 2
      this.state = State.AttrValue
      if (!this.inAttrValue()) return false
      const after = this.buf.charCodeAt(this.pos)
      if (!space(after))
        return this.pos >= buf.length || this.afterTagToken(this.pos, 'after attribute value')
      this.state = State.BeforeAttrName
    }
  }

  private inAttrName(): boolean {
    const end = this.scanName()
    if (end < 0) return false
    this.attrColon = this.colon
    this.attrName = this.takeName(end)
    this.state = State.AfterAttrName
    return true
  }

  private inAfterAttrName(): boolean {
    const c = this.skipSpace()
    if (c < 0) return false
    if (c !== Ch.Eq) this.fail('not-well-formed', `expected '=' after attribute ${this.attrName}`)
    this.pos++
    this.state = State.BeforeAttrValue
    return true
  }

  private inBeforeAttrValue(): boolean {
    const c = this.skipSpace()
    if (c < 0) return false
    if (c !== Ch.Quot && c !== Ch.Apos)
      this.fail('not-well-formed', 'attribute value must be quoted')
    this.quote = c
    this.attrValue = ''
    this.pos++
    this.state = State.AttrValue
    return true
  }

  /**
   * XML 1.0 §3.1 AttValue, normalised per §3.3.3: tab, CR, LF and CRLF become one space.
   *
   * One `charCodeAt` pass finds the closing quote and any `<`, `&` or control character at once.
   * Values are short (97,000 in the benchmark corpus, median 15 code units, none over 43): this
   * loop measured as fast as an `indexOf` for the quote plus five memoised searches for the
   * special characters (≈ 1.5 ns per code unit either way), with no memo state to keep.
   */
  private inAttrValue(): boolean {
    const buf = this.buf
    const len = buf.length
    const quote = this.quote
    const from = this.pos
    let i = from
    for (; i < len; i++) {
      const c = buf.charCodeAt(i)
      if (c === quote) {
        const value = this.attrValue + buf.slice(from, i)
        this.attrValue = ''
        this.pos = i + 1
        this.state = State.AfterAttrValue
        const units = this.charBase + i + 1 - this.attrStartChar
        this.sink.attribute(this.attrName, this.attrColon, value, units)
        return true
      }
      if (c < 0x3d && (c < 0x20 || c === Ch.Amp || c === Ch.Lt)) break
    }
    // A `<`, reference or line end (or the end of the buffer): the general loop below.
    const close = buf.indexOf(quote === Ch.Quot ? '"' : "'", i)
    const end = close < 0 ? len : close
    let run = from
    let out = this.attrValue
    for (; i < end; i++) {
      const c = buf.charCodeAt(i)
      if (c >= 0x3d || (c >= 0x20 && c !== Ch.Amp && c !== Ch.Lt)) continue
      if (c === Ch.Lt) this.fail('not-well-formed', "'<' in attribute value", i)
      const next = c === Ch.Amp ? this.readEntity(i) : c === Ch.Cr ? this.readCr(i) : i + 1
      if (next < 0) break
      out += buf.slice(run, i) + (c === Ch.Amp ? this.entity.value : ' ')
      i = run = next
      i--
    }
    if (i < end || close < 0) {
      this.attrValue = out + buf.slice(run, i)
      return i < len ? this.wait(i) : this.wait(len)
    }
    this.attrValue = ''
    this.pos = close + 1
    this.state = State.AfterAttrValue
    const units = this.charBase + close + 1 - this.attrStartChar
    this.sink.attribute(this.attrName, this.attrColon, out + buf.slice(run, close), units)
    return true
  }

  private inSelfClose(): boolean {
    const i = this.pos
    if (this.buf.charCodeAt(i) !== Ch.Gt) this.fail('not-well-formed', "expected '>' after '/'", i)
    this.pos = i + 1
    this.endOpenTag(true, i)
    return true
  }

  private inCloseTagName(): boolean {
    const end = this.scanName()
    if (end < 0) return false
    const name = this.takeName(end)
    const c = this.buf.charCodeAt(end)
    this.pos = end + 1
    if (c === Ch.Gt) return this.endCloseTag(name, end)
    if (!space(c)) this.fail('not-well-formed', `unexpected ${codeUnitName(c)} in end tag`, end)
    this.attrName = name
    this.state = State.AfterCloseTag
    return true
  }

  private inAfterCloseTag(): boolean {
    const c = this.skipSpace()
    if (c < 0) return false
    if (c !== Ch.Gt) this.fail('not-well-formed', `unexpected ${codeUnitName(c)} in end tag`)
    this.pos++
    return this.endCloseTag(this.attrName, this.pos - 1)
  }

  private endCloseTag(name: string, gt: number): boolean {
    this.state = State.Text
    this.setTextStart(gt + 1)
    this.sink.closeTag(name)
    return true
  }

  // Markup other than tags: CDATA (§2.7) is allowed; comments, DTDs and PIs are not ------------

  /** After `<!`: only `<![CDATA[` is allowed (RFC 6120 §11.1 refuses comments and DTDs). */
  private inBang(): boolean {
    const buf = this.buf
    const lt = this.sectionStart
    const start = lt + 2
    const c = buf.charCodeAt(start)
    if (c === Ch.Dash) this.fail('restricted-xml', 'comments are not allowed', lt)
    if (c !== Ch.LBracket) {
      if (c >= 0x41 && c <= 0x5a) this.fail('restricted-xml', 'DTDs are not allowed', lt)
      this.fail('not-well-formed', "unexpected '<!'", lt)
    }
    for (let k = 1; k < CDATA_OPEN.length; k++) {
      if (start + k >= buf.length) return this.wait(start + 1)
      if (buf.charCodeAt(start + k) !== CDATA_OPEN.charCodeAt(k)) {
        this.fail('not-well-formed', "unexpected '<!['", lt)
      }
    }
    this.sectionStart = -1
    this.pos = start + CDATA_OPEN.length
    this.state = State.CData
    this.sink.cdataStart()
    return true
  }

  /** XML 1.0 §2.7 CDATA section: text up to `]]>`, with line ends normalised (§2.11). */
  private inCData(): boolean {
    const buf = this.buf
    const len = buf.length
    let i = this.pos
    const close = buf.indexOf(']]>', i)
    // Without `]]>` yet, the last two code units may be its start: hold them back.
    const stop = close >= 0 ? close : Math.max(i, this.eof ? len : len - 2)
    let out = ''
    for (let cr = buf.indexOf('\r', i); cr >= 0 && cr < stop; cr = buf.indexOf('\r', i)) {
      out += `${buf.slice(i, cr)}\n`
      i = buf.charCodeAt(cr + 1) === Ch.Lf ? cr + 2 : cr + 1
    }
    out += buf.slice(i, Math.max(i, stop))
    if (out.length > 0) this.sink.text(out)
    if (close < 0) return this.wait(Math.max(i, stop))
    this.pos = close + 3
    this.state = State.Text
    this.setTextStart(this.pos)
    return true
  }

  /**
   * After `<?`: the XML declaration (§2.8) is allowed only at the very start of the input;
   * any other processing instruction is refused (RFC 6120 §11.1).
   */
  private inPi(): boolean {
    const buf = this.buf
    const lt = this.sectionStart
    const start = lt + 2
    if (start + 4 > buf.length && !this.eof) return this.wait(start)
    const isDecl =
      buf.startsWith('xml', start) &&
      (start + 3 >= buf.length || NAME_TABLE[buf.charCodeAt(start + 3)] === NAME_NONE)
    if (!isDecl) this.fail('restricted-xml', 'processing instructions are not allowed', lt)
    if (this.charBase + lt !== this.docStart) {
      this.fail('not-well-formed', 'XML declaration not at the start of the stream', lt)
    }
    this.state = State.XmlDecl
    return true
  }

  private inXmlDecl(): boolean {
    const buf = this.buf
    const start = this.sectionStart
    const end = buf.indexOf('?>', start + 2)
    if (end < 0) {
      if (buf.length - start > 256) this.fail('not-well-formed', 'XML declaration too long', start)
      return this.wait(buf.length)
    }
    const problem = checkXmlDeclaration(buf.slice(start, end + 2))
    if (problem) this.fail(problem.condition, problem.reason, start)
    this.sectionStart = -1
    this.pos = end + 2
    this.state = State.Text
    this.setTextStart(this.pos)
    return true
  }
}
