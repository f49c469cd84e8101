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
import { MarkupStates } from './markup-states'
import { findName, names, rememberName } from './name-cache'
import { State } from './tokenizer-core'

// What the fast path leaves (tags cut by a chunk end, unusual spacing, non-ASCII names,
// errors) is read here. Module-local aliases: see the note at the top of tokenizer-core.ts.
const NAME_TABLE = NAME_ASCII
const NAME_NONE = NameClass.None
const NAME_START = NameClass.Start
const space = isSpace
const highSurrogate = isHighSurrogate
const nameHighSurrogate = isNameHighSurrogate
const nameCharBmp = isNameCharBmp
const nameStartBmp = isNameStartBmp

enum Ch {
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
  Cr = 0x0d,
}

/** Tags (XML 1.0 §3.1) in pieces, as they arrive: one method per state. */
export abstract class TagStates extends MarkupStates {
  /** After `<`: an end tag, markup, or a start tag. */
  protected inTagOpen(): boolean {
    const i = this.pos
    const c = this.buf.charCodeAt(i)
    if (c === Ch.Slash) {
      this.state = State.CloseTagName
      this.startName(i + 1)
    } else if (c === Ch.Bang) {
      this.state = State.Bang
      this.pos = i + 1
    } else if (c === Ch.Question) {
      this.state = State.Pi
      this.pos = i + 1
    } else {
      this.state = State.TagName
      this.startName(i)
    }
    return true
  }

  protected startName(at: number): void {
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
  protected scanName(): number {
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
  protected nameStart(i: number): number {
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

  protected moreName(i: number): number {
    this.pos = i
    if (this.eof) this.fail('not-well-formed', 'unexpected end of input', i)
    return -1
  }

  protected badNameReason(c: number): string {
    return c === Ch.Space || c === Ch.Gt || c === Ch.Slash || c === Ch.Eq
      ? 'missing or incomplete name'
      : `invalid name character ${codeUnitName(c)}`
  }

  /**
   * The name scanned from `sectionStart` to `end`: the cached string if it was seen before
   * (name-cache.ts), else sliced and cached.
   */
  protected takeName(end: number): string {
    const buf = this.buf
    const start = this.sectionStart
    this.sectionStart = -1
    // A cached name is followed by an ASCII non-name character, so it is the whole name.
    const slot = findName(buf, start)
    if (slot >= 0) return names[slot]!
    return rememberName(buf, start, buf.slice(start, end), this.colon)
  }

  protected inTagName(): boolean {
    const end = this.scanName()
    if (end < 0) return false
    this.sink.openTag(this.takeName(end), this.colon)
    return this.afterTagToken(end, 'in start tag')
  }

  /** After a tag name or attribute value: whitespace, `/` or `>` (XML 1.0 §3.1 STag, EmptyElemTag). */
  protected afterTagToken(i: number, where: string): boolean {
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

  protected endOpenTag(selfClosing: boolean, gt: number): void {
    this.state = State.Text
    this.setTextStart(gt + 1)
    this.sink.openTagEnd(selfClosing)
  }

  protected skipSpace(): number {
    const buf = this.buf
    let i = this.pos
    while (i < buf.length && space(buf.charCodeAt(i))) i++
    this.pos = i
    return i < buf.length ? buf.charCodeAt(i) : -1
  }

  /** Between attributes: the end of the tag, or the next attribute's name. */
  protected inBeforeAttrName(): boolean {
    const c = this.skipSpace()
    if (c < 0) return false
    const i = this.pos
    if (c === Ch.Gt) {
      this.pos = i + 1
      this.endOpenTag(false, i)
    } else if (c === Ch.Slash) {
      this.pos = i + 1
      this.state = State.SelfClose
    } else {
      this.state = State.AttrName
      this.startName(i)
    }
    return true
  }

  protected inAttrName(): boolean {
    const end = this.scanName()
    if (end < 0) return false
    this.attrColon = this.colon
    this.attrName = this.takeName(end)
    this.state = State.AfterAttrName
    return true
  }

  protected inAfterAttrName(): boolean {
    const c = this.skipSpace()
    if (c < 0) return false
    if (c !== Ch.Eq) this.fail('not-well-formed', `expected '=' after attribute ${this.attrName}`)
    this.pos++
    this.state = State.BeforeAttrValue
    return true
  }

  protected inBeforeAttrValue(): boolean {
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
   * XML 1.0 §3.1 AttValue, normalised per §3.3.3: tab, CR, LF and CRLF become one space. One
   * `charCodeAt` pass finds the closing quote and any `<`, `&` or control character at once.
   */
  protected inAttrValue(): boolean {
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
        const units = this.charBase + i + 1 - this.tagStartChar
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
    const units = this.charBase + close + 1 - this.tagStartChar
    this.sink.attribute(this.attrName, this.attrColon, out + buf.slice(run, close), units)
    return true
  }

  protected inSelfClose(): boolean {
    const i = this.pos
    if (this.buf.charCodeAt(i) !== Ch.Gt) this.fail('not-well-formed', "expected '>' after '/'", i)
    this.pos = i + 1
    this.endOpenTag(true, i)
    return true
  }

  protected inCloseTagName(): boolean {
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

  protected inAfterCloseTag(): boolean {
    const c = this.skipSpace()
    if (c < 0) return false
    if (c !== Ch.Gt) this.fail('not-well-formed', `unexpected ${codeUnitName(c)} in end tag`)
    this.pos++
    return this.endCloseTag(this.attrName, this.pos - 1)
  }

  protected endCloseTag(name: string, gt: number): boolean {
    this.state = State.Text
    this.setTextStart(gt + 1)
    this.sink.closeTag(name)
    return true
  }
}
