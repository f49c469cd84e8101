import { TagStates } from './tag-states'
import { State } from './tokenizer-core'

export type { TokenPositions, TokenSink } from './token-sink'

// Module-local alias and character codes: see the note at the top of tokenizer-core.ts.
const S = State

enum Ch {
  Lt = 0x3c,
  RBracket = 0x5d,
}

/**
 * An incremental XML 1.0 tokenizer in the shape of htmlparser2's `Tokenizer`: one method per
 * state, each consuming as far as it can. Chunks may end anywhere; a CR waits for a possible
 * LF, and a high surrogate for its low half (as in saxes). Only the current token is kept.
 *
 * Its parts, each a class extending the one before: `TokenizerCore` (buffer, byte offsets,
 * main loop), `FastPath` (common text and tags in one go), `MarkupStates` (CDATA, the XML
 * declaration, refused markup), `TagStates` (tags in pieces), and this one (dispatch, text).
 */
export class Tokenizer extends TagStates {
  protected step(): boolean {
    switch (this.state) {
      case S.Text:
        return this.inText()
      case S.TagOpen:
        return this.inTagOpen()
      case S.TagName:
        return this.inTagName()
      case S.BeforeAttrName:
        return this.inBeforeAttrName()
      case S.AttrName:
        return this.inAttrName()
      case S.AfterAttrName:
        return this.inAfterAttrName()
      case S.BeforeAttrValue:
        return this.inBeforeAttrValue()
      case S.AttrValue:
        return this.inAttrValue()
      case S.AfterAttrValue:
        return this.afterTagToken(this.pos, 'after attribute value')
      case S.SelfClose:
        return this.inSelfClose()
      case S.CloseTagName:
        return this.inCloseTagName()
      case S.AfterCloseTag:
        return this.inAfterCloseTag()
      case S.Bang:
        return this.inBang()
      case S.CData:
        return this.inCData()
      case S.Pi:
        return this.inPi()
      case S.XmlDecl:
        return this.inXmlDecl()
    }
  }

  // Character data (XML 1.0 §2.4) ------------------------------------------------------------

  protected inText(): boolean {
    const buf = this.buf
    const len = buf.length
    let i = this.pos
    if (buf.charCodeAt(i) === Ch.Lt) {
      // No text between two tags (most of a stanza's structure): skip the searches below.
      this.setTagStart(i)
      this.state = S.TagOpen
      this.sectionStart = i
      this.pos = i + 1
      // Straight on to the tag (never the other way round, so this does not recurse).
      return i + 1 < len ? this.inTagOpen() : true
    }
    let out = ''
    for (;;) {
      const end = this.nextLt(i)
      const amp = this.nextAmp(i)
      const cr = this.nextCr(i)
      let stop = end
      if (amp < stop) stop = amp
      if (cr < stop) stop = cr
      this.checkCDataEnd(i, stop)
      if (stop === end) {
        if (end < len) {
          const lt = end
          out += buf.slice(i, lt)
          if (out.length > 0) this.sink.text(out)
          this.setTagStart(lt)
          this.state = S.TagOpen
          this.sectionStart = lt // keeps `<` for the lookahead of `<!` and `<?`
          this.pos = lt + 1
          return true
        }
        // A trailing `]` or `]]` may begin a `]]>` that the next chunk completes.
        let cut = len
        if (!this.eof && buf.charCodeAt(len - 1) === Ch.RBracket)
          cut = len >= 2 && buf.charCodeAt(len - 2) === Ch.RBracket ? len - 2 : len - 1
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
    const at = this.nextEndCData(i)
    if (at < stop) this.fail('not-well-formed', "']]>' in text", at)
  }
}
