import { isAllSpace } from './chars'
import { appendText, Element } from './element'
import { XmlError, type XmlErrorCondition } from './errors'
import type { ParserLimits } from './limits'
import { NS_STREAMS } from './namespaces'
import {
  checkAttributeNamespaces,
  declare,
  lookup,
  reservedDefault,
  rootScope,
  type Scope,
  setAttribute,
  type TagFault,
} from './scope'
import type { TokenPositions, TokenSink } from './token-sink'

/** What the builder hands to its front end. */
export interface TreeEvents {
  /** Stream mode only: the root's start tag, without children. */
  streamStart(header: Element): void
  /** A complete top-level element: a stanza (stream mode) or the frame's root (frame mode). */
  element(element: Element): void
  /** Stream mode only: the root's end tag. */
  streamEnd(): void
}

// Module-local aliases for the hot paths: see the note at the top of tokenizer.ts.
const ElementClass = Element
const appendTo = appendText
const allSpace = isAllSpace
const setAttr = setAttribute
const isReservedDefault = reservedDefault

/**
 * Builds elements from tokens, resolving namespaces (Namespaces in XML 1.0) and enforcing the
 * limits as each token arrives. In stream mode the root is the stream header, announced
 * alone, and each of its children is built and announced whole; in frame mode (RFC 7395) the
 * one root is built and announced whole.
 */
export class TreeBuilder implements TokenSink, TagFault {
  private readonly stack: Element[] = []
  private readonly defaults: string[] = []
  private readonly scopes: Scope[] = []
  /** Stack height at which a top-level element (stanza, frame) opens. */
  private readonly topLevel: number
  private name = ''
  private colon = -1
  private attrs: Record<string, string> = {}
  private attrCount = 0
  /**
   * Names of the current start tag's attributes so far (reused: only the first attrCount
   * count). The tokenizer's fast path fills these three itself, then calls `startTag`.
   */
  readonly attrNames: string[] = []
  readonly attrColons: number[] = []
  readonly attrValues: string[] = []
  private declarations = false
  /** Whether the current start tag declares a prefix (`xmlns:p`), so needs a scope of its own. */
  private prefixDeclarations = false
  private prefixedAttrs = 0
  /** Where offsets come from: the tokenizer feeding this builder. */
  positions!: TokenPositions
  /** Where the current top-level element (or stream header) started, -1 when outside one. */
  private unitStart = -1
  private finished = false
  /**
   * Text where none is allowed, reported when its run ends rather than at once: a run may
   * arrive in pieces, and a syntax error later in the same run must win however input is cut.
   */
  private misplacedText: XmlError | undefined

  constructor(
    private readonly mode: 'stream' | 'frame',
    private readonly limits: ParserLimits,
    private readonly events: TreeEvents,
    private readonly defaultNs = '',
  ) {
    this.topLevel = mode === 'stream' ? 1 : 0
  }

  /** Whether the root element has been closed. */
  get done(): boolean {
    return this.finished
  }

  /** Whether an element is still open. */
  get open(): boolean {
    return this.stack.length > 0
  }

  /** Refuses a top-level element that has grown past the size limit by `nowByte`. */
  checkSize(nowByte: number): void {
    const max = this.limits.maxStanzaBytes
    if (this.unitStart >= 0 && nowByte - this.unitStart > max) {
      this.fail('policy-violation', `stanza larger than ${max} bytes`, this.unitStart + max)
    }
  }

  private fail(condition: XmlErrorCondition, reason: string, offset: number): never {
    throw new XmlError(condition, offset, reason)
  }

  /** Offset of the current tag's `<`, for errors about it. */
  private get tagStart(): number {
    return this.positions.tagStartByte()
  }

  expectedEndTag(): string | undefined {
    return this.stack[this.stack.length - 1]?.name
  }

  /** Raises what was left pending at the end of the input. */
  finish(): void {
    this.endTextRun()
  }

  private endTextRun(): void {
    if (this.misplacedText) throw this.misplacedText
  }

  openTag(name: string, colon: number): void {
    this.endTextRun()
    const height = this.stack.length
    if (this.finished) this.fail('not-well-formed', 'more than one root element', this.tagStart)
    if (height === this.topLevel || height === 0) this.unitStart = this.tagStart
    this.checkDepth(height)
    this.name = name
    this.colon = colon
    this.attrs = {}
    this.attrCount = 0
    this.declarations = false
    this.prefixDeclarations = false
    this.prefixedAttrs = 0
  }

  /**
   * A whole start tag whose `count` attributes are already in `attrNames`, `attrColons` and
   * `attrValues`; `units` as for `attribute`. Declines (false, nothing done) a tag near the
   * attribute limits, which the tokenizer then feeds through `attribute` to be checked one by
   * one, in the same order as when the tag arrives in pieces.
   *
   * The common case (inside a stanza or starting one, no prefix on the element or on any
   * attribute) is built here in one pass with locals; anything else goes through the same
   * calls as a tag that arrives in pieces. Both check in the same order (depth, duplicates in
   * attribute order, then the `xmlns` value), so the first error is the same.
   */
  startTag(
    name: string,
    colon: number,
    count: number,
    units: number,
    selfClosing: boolean,
  ): boolean {
    const limits = this.limits
    if (count > limits.maxAttributes || units * 3 > limits.maxAttributeBytes) return false
    const height = this.stack.length
    const topLevel = this.topLevel
    const names = this.attrNames
    const colons = this.attrColons
    const values = this.attrValues
    let plain = colon < 0 && height >= topLevel && height > 0
    for (let k = 0; plain && k < count; k++) if (colons[k]! >= 0) plain = false
    if (!plain || this.misplacedText !== undefined || this.finished) {
      this.openTag(name, colon)
      for (let k = 0; k < count; k++) this.addAttribute(names[k]!, colons[k]!, values[k]!, k)
      this.attrCount = count
      this.openTagEnd(selfClosing)
      return true
    }
    if (height === topLevel) this.unitStart = this.tagStart
    this.checkDepth(height)
    const attrs: Record<string, string> = {}
    let xmlns = -1
    for (let k = 0; k < count; k++) {
      const attr = names[k]!
      this.unique(attr, k)
      const value = values[k]!
      // Named stores for `xmlns`, the stanza attributes of RFC 6120 §8.1.1–8.1.4 and the
      // roster item attributes of RFC 6121 §2.1.2 (a roster is the largest result a client
      // gets at login): one keyed store site for every attribute name and object shape is
      // megamorphic (a stub cache probe per store, ≈ 4 % of a profile of the parse
      // benchmark). Measured: 385 M → 374 M instructions a parse and ≈ 1.5 % less time for
      // the stanza attributes, → 366 M and ≈ 1–2 % more for the roster ones.
      switch (attr) {
        case 'xmlns':
          xmlns = k
          attrs.xmlns = value
          break
        case 'id':
          attrs.id = value
          break
        case 'type':
          attrs.type = value
          break
        case 'to':
          attrs.to = value
          break
        case 'from':
          attrs.from = value
          break
        case 'jid':
          attrs.jid = value
          break
        case 'name':
          attrs.name = value
          break
        case 'subscription':
          attrs.subscription = value
          break
        default:
          setAttr(attrs, attr, value)
      }
    }
    let ns = this.defaults[height - 1]!
    if (xmlns >= 0) {
      ns = values[xmlns]!
      if (isReservedDefault(ns)) this.tagFault('reserved namespace misused by xmlns')
    }
    const element = new ElementClass(name, attrs, ns)
    this.attach(element, height, selfClosing, ns, this.scopes[height - 1]!)
    return true
  }

  attribute(name: string, colon: number, value: string, units: number): void {
    if (++this.attrCount > this.limits.maxAttributes) {
      this.fail(
        'policy-violation',
        `more than ${this.limits.maxAttributes} attributes`,
        this.tagStart,
      )
    }
    // A code unit is 1 to 3 UTF-8 bytes: count exactly only when the bound is not enough.
    const max = this.limits.maxAttributeBytes
    if (units * 3 > max && this.positions.byteOffset() - this.tagStart > max) {
      this.fail('policy-violation', `attributes larger than ${max} bytes`, this.tagStart)
    }
    this.attrNames[this.attrCount - 1] = name
    this.attrValues[this.attrCount - 1] = value
    this.addAttribute(name, colon, value, this.attrCount - 1)
  }

  /** Stores the attribute at index `count` of `attrNames`, where its name already is. */
  private addAttribute(name: string, colon: number, value: string, count: number): void {
    this.unique(name, count)
    if (colon === 5 ? name.startsWith('xmlns') : name === 'xmlns') {
      this.declarations = true
      if (colon === 5) this.prefixDeclarations = true
    } else if (colon > 0) this.prefixedAttrs++
    setAttr(this.attrs, name, value)
  }

  /**
   * XML 1.0 §3.1, WFC Unique Att Spec, for the attribute at index `k` of `attrNames`. A scan
   * of the few names so far is cheaper than Object.hasOwn on the attribute object (measured
   * on the parse benchmark).
   */
  private unique(name: string, k: number): void {
    const names = this.attrNames
    for (let m = 0; m < k; m++) {
      if (names[m] === name) this.tagFault(`duplicate attribute ${name}`)
    }
  }

  openTagEnd(selfClosing: boolean): void {
    const height = this.stack.length
    let defaultNs = height > 0 ? this.defaults[height - 1]! : this.defaultNs
    let scope = height > 0 ? this.scopes[height - 1]! : rootScope()
    if (this.declarations) {
      // Only prefixes live in scopes (the default namespace is in `defaults`). Measured: one
      // `Object.create` per `xmlns='…'` (most stanza children) was a visible cost, turning
      // each parent scope into a prototype.
      if (this.prefixDeclarations) scope = Object.create(scope) as Scope
      defaultNs = declare(scope, defaultNs, this.attrNames, this.attrValues, this.attrCount, this)
    }
    const name = this.name
    const colon = this.colon
    let ns = defaultNs
    if (colon > 0) ns = lookup(scope, name.slice(0, colon), 'element', this)
    if (this.prefixedAttrs > 0) {
      checkAttributeNamespaces(scope, this.attrNames, this.attrCount, this.prefixedAttrs, this)
    }
    const element = new ElementClass(name, this.attrs, ns)
    if (this.mode === 'stream' && height === 0) {
      this.openStream(element, selfClosing, defaultNs, scope)
      return
    }
    this.attach(element, height, selfClosing, defaultNs, scope)
  }

  /** Puts a new element (not the stream header) under its parent, or announces it whole. */
  private attach(
    element: Element,
    height: number,
    selfClosing: boolean,
    defaultNs: string,
    scope: Scope,
  ): void {
    if (height > this.topLevel) {
      // As in `text`: an exact array for an only child rather than V8's first growth step.
      const parent = this.stack[height - 1]!
      if (parent.children.length === 0) parent.children = [element]
      else parent.children.push(element)
    }
    if (selfClosing) {
      if (height === this.topLevel) this.complete(element)
      return
    }
    this.stack.push(element)
    this.defaults.push(defaultNs)
    this.scopes.push(scope)
  }

  /** A start tag at stack `height` must not nest deeper than the limit. */
  private checkDepth(height: number): void {
    const max = this.limits.maxDepth
    if (height - this.topLevel + 1 > max) {
      this.fail('policy-violation', `nesting deeper than ${max}`, this.tagStart)
    }
  }

  tagFault(reason: string): never {
    this.fail('not-well-formed', reason, this.tagStart)
  }

  /** RFC 6120 §4.8.1: the root must be `stream` in the streams namespace (§4.9.3.10). */
  private openStream(header: Element, selfClosing: boolean, defaultNs: string, scope: Scope): void {
    if (header.ns !== NS_STREAMS) {
      this.fail('invalid-namespace', `stream root in namespace '${header.ns}'`, this.tagStart)
    }
    if (header.local !== 'stream')
      this.fail('bad-format', `stream root <${header.name}>`, this.tagStart)
    this.unitStart = -1
    this.events.streamStart(header)
    if (selfClosing) {
      this.endStream()
      return
    }
    this.stack.push(header)
    this.defaults.push(defaultNs)
    this.scopes.push(scope)
  }

  private endStream(): void {
    this.finished = true
    this.events.streamEnd()
  }

  private complete(element: Element): void {
    this.checkSize(this.positions.byteOffset())
    this.unitStart = -1
    if (this.mode === 'frame') this.finished = true
    this.events.element(element)
  }

  closeTag(name: string): void {
    this.endTextRun()
    const stack = this.stack
    const top = stack[stack.length - 1]
    if (top === undefined)
      this.fail('not-well-formed', `end tag </${name}> without start tag`, this.tagStart)
    // XML 1.0 §3, WFC Element Type Match.
    if (top.name !== name)
      this.fail('not-well-formed', `expected </${top.name}>, got </${name}>`, this.tagStart)
    stack.pop()
    this.defaults.pop()
    this.scopes.pop()
    const height = stack.length
    if (height === this.topLevel) this.complete(top)
    else if (height === 0) this.endStream()
  }

  text(text: string): void {
    const height = this.stack.length
    if (height > this.topLevel) {
      const parent = this.stack[height - 1]!
      // Most text is an element's only child: an exact one-slot array instead of growing the
      // empty one (V8 grows it to 17 slots on the first push), less memory and GC per leaf.
      if (parent.children.length === 0) parent.children = [text]
      else appendTo(parent.children, text)
    } else if (this.misplacedText === undefined && !allSpace(text)) {
      // XML 1.0 §2.1 document: only whitespace (Misc) around the root. RFC 6120 §4.1: a
      // stream's children are elements; whitespace alone is a keepalive (§4.6.1).
      const at = this.positions.textStartByte()
      this.misplacedText =
        height === 0
          ? new XmlError('not-well-formed', at, 'text outside the root element')
          : new XmlError('bad-format', at, 'text between stanzas')
    }
  }

  cdataStart(): void {
    this.endTextRun()
    const height = this.stack.length
    if (height === 0) this.fail('not-well-formed', 'CDATA outside the root element', this.tagStart)
    if (height === this.topLevel) this.fail('bad-format', 'CDATA between stanzas', this.tagStart)
  }
}
