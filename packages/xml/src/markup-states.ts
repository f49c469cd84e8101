import { NAME_ASCII, NameClass } from './chars'
import { FastPath } from './fast-path'
import { State } from './tokenizer-core'
import { checkXmlDeclaration } from './xml-declaration'

// Rare markup: imported bindings are fine here (see the note at the top of tokenizer-core.ts).
enum Ch {
  Lf = 0x0a,
  Dash = 0x2d,
  LBracket = 0x5b,
}

const CDATA_OPEN = '[CDATA['

/**
 * Markup other than tags: CDATA sections (XML 1.0 §2.7) are allowed; comments, DTDs and
 * processing instructions are not (RFC 6120 §11.1), the XML declaration only first (§2.8).
 */
export abstract class MarkupStates extends FastPath {
  /** After `<!`: only `<![CDATA[` is allowed (RFC 6120 §11.1 refuses comments and DTDs). */
  protected inBang(): boolean {
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
  protected inCData(): boolean {
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
  protected inPi(): boolean {
    const buf = this.buf
    const lt = this.sectionStart
    const start = lt + 2
    if (start + 4 > buf.length && !this.eof) return this.wait(start)
    const isDecl =
      buf.startsWith('xml', start) &&
      (start + 3 >= buf.length || NAME_ASCII[buf.charCodeAt(start + 3)] === NameClass.None)
    if (!isDecl) this.fail('restricted-xml', 'processing instructions are not allowed', lt)
    if (this.charBase + lt !== this.docStart) {
      this.fail('not-well-formed', 'XML declaration not at the start of the stream', lt)
    }
    this.state = State.XmlDecl
    return true
  }

  protected inXmlDecl(): boolean {
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
