import { isAllSpace } from './chars'
import { appendText, Element } from './element'
import { XmlError, type XmlErrorCondition } from './errors'
import type { ParserLimits } from './limits'
import { NS_STREAMS, NS_XML, NS_XMLNS } from './namespaces'
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

type Scope = Record<string, string>

function rootScope(): Scope {
  const scope: Scope = Object.create(null)
  scope.xml = NS_XML // Namespaces in XML 1.0 §3: bound by definition, never declared
  return scope
}

/**
 * Builds elements from tokens, resolving namespaces (Namespaces in XML 1.0) and enforcing the
 * limits as each token arrives. In stream mode the root is the stream header, announced
 * alone, and each of its children is built and announced whole; in frame mode (RFC 7395) the
 * one root is built and announced whole.
 */
export class TreeBuilder implements TokenSink {
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
    if (height - this.topLevel + 1 > this.limits.maxDepth) {
      this.fail('policy-violation', `nesting deeper than ${this.limits.maxDepth}`, this.tagStart)
    }
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
    const stack = this.stack
    const height = stack.length
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
    if (height - topLevel + 1 > limits.maxDepth) {
      this.fail('policy-violation', `nesting deeper than ${limits.maxDepth}`, this.tagStart)
    }
    const attrs: Record<string, string> = {}
    let xmlns = -1
    for (let k = 0; k < count; k++) {
      const attr = names[k]!
      // XML 1.0 §3.1, WFC Unique Att Spec (a scan of the few names so far, as in addAttribute).
      for (let m = 0; m < k; m++) {
        if (names[m] === attr)
          this.fail('not-well-formed', `duplicate attribute ${attr}`, this.tagStart)
      }
      if (attr === 'xmlns') xmlns = k
      else if (attr === '__proto__') {
        Object.defineProperty(attrs, attr, {
          value: values[k],
          enumerable: true,
          writable: true,
          configurable: true,
        })
        continue
      }
      attrs[attr] = values[k]!
    }
    let ns = this.defaults[height - 1]!
    if (xmlns >= 0) {
      ns = values[xmlns]!
      // Namespaces in XML 1.0 §3: the xml and xmlns names can't be the default namespace.
      if (ns === NS_XML || ns === NS_XMLNS) this.reserved('xmlns')
    }
    const element = new ElementClass(name, attrs, ns)
    if (height > topLevel) {
      // As in `text`: an exact array for an only child rather than V8's first growth step.
      const parent = stack[height - 1]!
      if (parent.children.length === 0) parent.children = [element]
      else parent.children.push(element)
    }
    if (selfClosing) {
      if (height === topLevel) this.complete(element)
      return true
    }
    stack.push(element)
    this.defaults.push(ns)
    this.scopes.push(this.scopes[height - 1]!)
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
    const attrs = this.attrs
    // XML 1.0 §3.1, WFC Unique Att Spec. A scan of the few names so far is cheaper than
    // Object.hasOwn on the attribute object (measured on the parse benchmark).
    const names = this.attrNames
    for (let k = 0; k < count; k++) {
      if (names[k] === name)
        this.fail('not-well-formed', `duplicate attribute ${name}`, this.tagStart)
    }
    if (colon === 5 ? name.startsWith('xmlns') : name === 'xmlns') {
      this.declarations = true
      if (colon === 5) this.prefixDeclarations = true
    } else if (colon > 0) this.prefixedAttrs++
    if (name === '__proto__') {
      Object.defineProperty(attrs, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    } else attrs[name] = value
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
      defaultNs = this.declare(scope, defaultNs)
    }
    const name = this.name
    const colon = this.colon
    let ns = defaultNs
    if (colon > 0) ns = this.lookup(scope, name.slice(0, colon), 'element')
    if (this.prefixedAttrs > 0) this.checkAttributeNamespaces(scope)
    const element = new ElementClass(name, this.attrs, ns)
    if (this.mode === 'stream' && height === 0) {
      this.openStream(element, selfClosing, defaultNs, scope)
      return
    }
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

  /** Applies this tag's `xmlns` attributes to `scope`; returns the new default namespace. */
  private declare(scope: Scope, defaultNs: string): string {
    const names = this.attrNames
    const values = this.attrValues
    for (let k = 0; k < this.attrCount; k++) {
      const name = names[k]!
      const value = values[k]!
      if (name === 'xmlns') {
        // Namespaces in XML 1.0 §3: the xml and xmlns names can't be the default namespace.
        if (value === NS_XML || value === NS_XMLNS) this.reserved(name)
        defaultNs = value
      } else if (name.startsWith('xmlns:')) {
        const prefix = name.slice(6)
        if (prefix === 'xmlns' || value === NS_XMLNS) this.reserved(name)
        if ((prefix === 'xml') !== (value === NS_XML)) this.reserved(name)
        // Namespaces in XML 1.0 §3 (NSAttName): a prefix can't be undeclared in XML 1.0.
        if (value === '') this.fail('not-well-formed', `empty namespace for ${name}`, this.tagStart)
        scope[prefix] = value
      }
    }
    return defaultNs
  }

  private reserved(name: string): never {
    this.fail('not-well-formed', `reserved namespace misused by ${name}`, this.tagStart)
  }

  /** Namespaces in XML 1.0 §5, NSC Prefix Declared. */
  private lookup(scope: Scope, prefix: string, what: string): string {
    const ns = scope[prefix]
    if (ns === undefined) {
      const reason =
        prefix === 'xmlns' ? `${what} with the xmlns prefix` : `unbound prefix ${prefix}`
      this.fail('not-well-formed', reason, this.tagStart)
    }
    return ns
  }

  /** Namespaces in XML 1.0 §6.3: no two attributes with the same expanded name. */
  private checkAttributeNamespaces(scope: Scope): void {
    const seen: string[] = []
    const names = this.attrNames
    for (let k = 0; k < this.attrCount; k++) {
      const name = names[k]!
      const colon = name.indexOf(':')
      if (colon < 0 || name.startsWith('xmlns:')) continue
      const ns = this.lookup(scope, name.slice(0, colon), 'attribute')
      const expanded = `${ns} ${name.slice(colon + 1)}`
      if (seen.includes(expanded))
        this.fail('not-well-formed', `duplicate attribute ${name}`, this.tagStart)
      if (this.prefixedAttrs > 1) seen.push(expanded)
    }
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
