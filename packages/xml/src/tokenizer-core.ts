import { codeUnitName } from './chars'
import { decodeEntity, type EntityResult, EntityStatus } from './entity'
import { XmlError, type XmlErrorCondition } from './errors'
import type { TokenPositions, TokenSink } from './token-sink'
import { Utf8Ledger } from './utf8-ledger'

// Vitest loads these files through Vite's SSR transform, which turns every use of an imported
// binding into a property read on a module namespace object, and does not inline enums from
// other files. The hot paths therefore use module-local aliases, read once at load, and
// module-local enums of the character codes they need: measured, the parse benchmark under
// vitest went from 0.96× to 1.44× ltx with this alone. Bundlers (esbuild in wrangler) make
// the aliases free.
//
// Hot paths also never read past the end of a string with `charCodeAt` (NaN was a convenient
// "no match"): once a call site has read out of bounds, V8 deoptimises and from then on
// compiles that site to a call of the generic builtin instead of an inlined load. Measured
// with `perf` on the parse benchmark: such calls were ≈ 7 % of the time, and guarding the
// reads (with the name cache's rework, name-cache.ts) took a parse from 503 M to 415 M
// instructions.
const decode = decodeEntity
const ENTITY_OK = EntityStatus.Ok
const ENTITY_MORE = EntityStatus.NeedMore
const ENTITY_NWF = EntityStatus.NotWellFormed

enum Ch {
  Lf = 0x0a,
  Bom = 0xfeff,
}

/** The tokenizer's states; `Text` is the only one between tokens. */
export enum State {
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

/**
 * Whether `s` occurs in `buf` at `i`. For the short names compared here, this loop (inlined)
 * beat `buf.startsWith(s, i)`, whose builtin call is slow when `buf` is a two-byte string and
 * `s` a one-byte one (measured on the parse benchmark: among the hottest lines of the profile).
 */
export function isAt(buf: string, s: string, i: number): boolean {
  const n = s.length
  if (i + n > buf.length) return false
  for (let k = 0; k < n; k++) if (buf.charCodeAt(i + k) !== s.charCodeAt(k)) return false
  return true
}

/** Longest cut tag (code units so far) that `waitOnce` lets wait for the next chunk. */
const WAIT_MAX = 512

/**
 * Memo of an `indexOf` search: not searched yet in this buffer (below any index). A search
 * that finds nothing memoises the buffer length, so "before `x`" is one comparison.
 */
const UNSEARCHED = -1

function found(at: number, len: number): number {
  return at < 0 ? len : at
}

/**
 * The tokenizer's buffer, positions and main loop; the states are in the subclasses (fast
 * path, markup, tags, text), one method per state, each consuming as far as it can.
 *
 * Every code unit is checked against XML 1.0 §2.2 Char by `Utf8Ledger` when it arrives, so the
 * buffer holds only legal characters (anything from the first illegal one on is held back and
 * reported when parsing reaches it). The states then jump with `indexOf` instead of testing
 * each code unit where they can.
 */
export abstract class TokenizerCore implements TokenPositions {
  protected buf = ''
  protected pos = 0
  protected state = State.Text
  /** Start of the token still being scanned (a name, a markup lookahead), or -1. */
  protected sectionStart = -1
  /** Code units dropped from the front of `buf` so far. */
  protected charBase = 0
  private readonly ledger = new Utf8Ledger()
  /** Input held back: a high surrogate awaiting its pair, or everything from an illegal char. */
  private tail = ''
  private illegal: string | undefined
  /** Absolute index of the last tag `waitOnce` let wait, -1 for none. */
  private waitedAt = -1
  protected colon = -1
  protected eof = false
  /** Absolute code unit index where the document starts (1 after a byte order mark). */
  protected docStart = 0
  protected tagStartChar = 0
  protected tagStartB = -1
  protected textStartChar = 0
  protected textStartB = -1
  protected attrName = ''
  protected attrColon = -1
  protected attrValue = ''
  protected quote = 0
  private ampAt = UNSEARCHED
  private crAt = UNSEARCHED
  private lfAt = UNSEARCHED
  private tabAt = UNSEARCHED
  private ltAt = UNSEARCHED
  private endCDataAt = UNSEARCHED
  protected readonly entity: EntityResult = { value: '', end: 0 }

  constructor(protected readonly sink: TokenSink) {}

  /**
   * Text and tags of the common shapes, from `this.pos` in the `Text` state; false to wait
   * for more input at `this.pos` (see `waitOnce`).
   */
  protected abstract fast(): boolean
  /** Runs the current state; false when it needs more input to go on. */
  protected abstract step(): boolean

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
    if (
      this.charBase === 0 &&
      this.pos === 0 &&
      this.buf.length > 0 &&
      this.buf.charCodeAt(0) === Ch.Bom
    ) {
      // XML 1.0 §4.3.3 and Appendix F.1: a UTF-8 byte order mark is not part of the document.
      this.pos = this.docStart = this.textStartChar = 1
    }
    this.ampAt = this.lfAt = this.ltAt = UNSEARCHED
    // No tab, CR or `]` anywhere in the buffer (the ledger saw every code unit): no search.
    this.crAt =
      this.tabAt =
      this.endCDataAt =
        this.ledger.lastRare < 0 ? this.buf.length : UNSEARCHED
    this.run()
  }

  /** No more input: resolve what was waiting for a next chunk, then require a clean state. */
  end(): void {
    if (this.tail.length > 0 && this.illegal === undefined) {
      // A high surrogate whose other half never came. The input does not end where the
      // states would see it end: they run as if more could come, and `run` then reports the
      // surrogate, as when other input follows it. (At end of input, a state cut there would
      // report "unexpected end of input" instead, depending on how the input was cut: found
      // by the mutation property test.)
      this.illegal = `lone surrogate ${codeUnitName(this.tail.charCodeAt(0))}`
    } else this.eof = true
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

  /** The fast path while in text; the state machine for whatever it leaves. */
  private run(): void {
    while (this.pos < this.buf.length) {
      if (this.state === State.Text) {
        if (!this.fast()) break
        if (this.pos >= this.buf.length) break
      }
      if (!this.step()) break
    }
    // Parsing reached the held-back input: if it starts with an illegal character, that is it.
    if (this.illegal !== undefined) this.fail('not-well-formed', this.illegal, this.buf.length)
  }

  /**
   * Whether the fast path may leave the tag at `lt`, cut by the end of the buffer, to be read
   * again whole when more input has come, rather than have the state machine read it in
   * pieces now. Only once per tag (a tag sent a byte at a time is read in pieces as before),
   * only for a short one (bounded re-reading and holding), only while input can still come
   * and none is held back as illegal, and only when what has come of it has nothing the
   * state machine would refuse as it arrives (the fast path checks: names, values without
   * `<`, references or line ends). A limit or a duplicate in the cut tag (which the builder
   * checks) is then refused when the tag is read, with the next chunk at the latest, with the
   * same error. Measured on the parse benchmark (1400-byte reads): a chunk boundary cost
   * ≈ 5,000 instructions, and a parse went from 415 M to 409 M instructions.
   */
  protected waitOnce(lt: number): boolean {
    const at = this.charBase + lt
    if (this.eof || this.illegal !== undefined || this.waitedAt === at) return false
    if (this.buf.length - lt > WAIT_MAX) return false
    this.waitedAt = at
    return true
  }

  /** Throws the typed error at code unit `at` of the buffer. */
  protected fail(condition: XmlErrorCondition, reason: string, at = this.pos): never {
    throw new XmlError(condition, this.byteAt(at), reason)
  }

  /** Stops at `at` until more input arrives; at end of input that is an error. */
  protected wait(at: number): false {
    if (this.eof) this.fail('not-well-formed', 'unexpected end of input', at)
    this.pos = at
    return false
  }

  protected setTextStart(at: number): void {
    this.textStartChar = this.charBase + at
    this.textStartB = -1
  }

  protected setTagStart(at: number): void {
    this.tagStartChar = this.charBase + at
    this.tagStartB = -1
  }

  /** The next `&` at or after `i`, or the buffer length. The next ones likewise. */
  protected nextAmp(i: number): number {
    let at = this.ampAt
    if (at < i) at = this.ampAt = found(this.buf.indexOf('&', i), this.buf.length)
    return at
  }

  protected nextCr(i: number): number {
    let at = this.crAt
    if (at < i) at = this.crAt = found(this.buf.indexOf('\r', i), this.buf.length)
    return at
  }

  protected nextLf(i: number): number {
    let at = this.lfAt
    if (at < i) at = this.lfAt = found(this.buf.indexOf('\n', i), this.buf.length)
    return at
  }

  protected nextTab(i: number): number {
    let at = this.tabAt
    if (at < i) at = this.tabAt = found(this.buf.indexOf('\t', i), this.buf.length)
    return at
  }

  protected nextLt(i: number): number {
    let at = this.ltAt
    if (at < i) at = this.ltAt = found(this.buf.indexOf('<', i), this.buf.length)
    return at
  }

  protected nextEndCData(i: number): number {
    let at = this.endCDataAt
    if (at < i) at = this.endCDataAt = found(this.buf.indexOf(']]>', i), this.buf.length)
    return at
  }

  /** XML 1.0 §2.11: CRLF and lone CR both become LF; waits to see whether an LF follows. */
  protected readCr(i: number): number {
    const buf = this.buf
    if (i + 1 >= buf.length && !this.eof) return -1
    this.entity.value = '\n'
    return i + 1 < buf.length && buf.charCodeAt(i + 1) === Ch.Lf ? i + 2 : i + 1
  }

  /** Decodes the reference at `i` into `this.entity`; -1 when it is not complete yet. */
  protected readEntity(i: number): number {
    const r = decode(this.buf, i, this.entity)
    if (r === ENTITY_OK) return this.entity.end
    if (r === ENTITY_MORE) {
      if (this.eof) this.fail('not-well-formed', 'unterminated entity reference', i)
      return -1
    }
    const condition = r === ENTITY_NWF ? 'not-well-formed' : 'restricted-xml'
    return this.fail(condition, this.entity.value, i)
  }
}
