import { adoptChildren } from './inherit'
import { type SerializeOptions, serialize } from './serialize'

/** A child of an element: another element, or character data. */
export type Node = Element | string

/**
 * An XML element with its namespace already resolved.
 *
 * - `name` is the qualified name as written (`stream:features`, `message`), so prefixes
 *   round-trip.
 * - `attrs` holds every attribute as written, namespace declarations (`xmlns`, `xmlns:p`)
 *   included, with entity and whitespace normalisation already applied (XML 1.0 §3.3.3).
 * - `ns` is the namespace name of the element (Namespaces in XML 1.0 §6), `''` for none. It is
 *   authoritative: the serializer adds or drops declarations so that the output means `ns`.
 * - `children` are elements and strings; the parser never produces two adjacent strings nor an
 *   empty one.
 */
export class Element {
  name: string
  attrs: Record<string, string>
  children: Node[]
  ns: string

  constructor(name: string, attrs: Record<string, string> = {}, ns = '', children: Node[] = []) {
    this.name = name
    this.attrs = attrs
    this.ns = ns
    this.children = children
  }

  /** The local part of the name (after the prefix). */
  get local(): string {
    const colon = this.name.indexOf(':')
    return colon < 0 ? this.name : this.name.slice(colon + 1)
  }

  /** The prefix of the name, `''` if none. */
  get prefix(): string {
    const colon = this.name.indexOf(':')
    return colon < 0 ? '' : this.name.slice(0, colon)
  }

  /** An attribute's value by its qualified name as written (`type`, `xml:lang`). */
  attr(name: string): string | undefined {
    return Object.hasOwn(this.attrs, name) ? this.attrs[name] : undefined
  }

  /** Whether this element has local name `local` in namespace `ns` (any namespace if omitted). */
  is(local: string, ns?: string): boolean {
    return this.local === local && (ns === undefined || this.ns === ns)
  }

  /**
   * The first child element with this local name, in namespace `ns`. As in Prosody's
   * `stanza:get_child`, `ns` defaults to this element's own namespace, so `getChild('body')` on
   * a `jabber:client` message never matches a foreign `<body/>`.
   */
  getChild(local: string, ns: string = this.ns): Element | undefined {
    for (const child of this.children) {
      if (typeof child !== 'string' && child.ns === ns && child.local === local) return child
    }
    return undefined
  }

  /** Every child element with this local name in namespace `ns` (default: this one's). */
  getChildren(local: string, ns: string = this.ns): Element[] {
    const out: Element[] = []
    for (const child of this.children) {
      if (typeof child !== 'string' && child.ns === ns && child.local === local) out.push(child)
    }
    return out
  }

  /** All child elements, whatever their name. */
  getChildElements(): Element[] {
    const out: Element[] = []
    for (const child of this.children) if (typeof child !== 'string') out.push(child)
    return out
  }

  /** The text of the first matching child (see `getChild`), or undefined if there is none. */
  getChildText(local: string, ns: string = this.ns): string | undefined {
    return this.getChild(local, ns)?.text()
  }

  /** The character data directly inside this element (not that of descendants). */
  text(): string {
    const children = this.children
    if (children.length === 1 && typeof children[0] === 'string') return children[0]
    let out = ''
    for (const child of children) if (typeof child === 'string') out += child
    return out
  }

  /**
   * Appends children; a string next to a string child is merged into it. Built elements that
   * still inherit their namespace (see `h`) take it from here.
   */
  append(...nodes: Node[]): this {
    for (const node of nodes) {
      if (typeof node !== 'string') this.children.push(node)
      else if (node.length > 0) appendText(this.children, node)
    }
    adoptChildren(this)
    return this
  }

  /** The serialized element (see `serialize`). */
  toString(options?: SerializeOptions): string {
    return serialize(this, options)
  }

  /** A deep copy. */
  clone(): Element {
    const children = this.children.map((c) => (typeof c === 'string' ? c : c.clone()))
    return new Element(this.name, { ...this.attrs }, this.ns, children)
  }

  /**
   * Namespace-aware equality, for tests: same local name and namespace, same attributes other
   * than namespace declarations, and equal children once adjacent text is merged. Prefixes and
   * where declarations sit do not matter.
   */
  equals(other: Element): boolean {
    if (this.ns !== other.ns || this.local !== other.local) return false
    if (!sameAttributes(this.attrs, other.attrs)) return false
    const a = normalizedChildren(this.children)
    const b = normalizedChildren(other.children)
    if (a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!
      const y = b[i]!
      if (typeof x === 'string' || typeof y === 'string') {
        if (x !== y) return false
      } else if (!x.equals(y)) return false
    }
    return true
  }
}

/** Pushes text, merging it into a trailing string child. */
export function appendText(children: Node[], text: string): void {
  // Never read index -1: an out-of-bounds negative index is a named-property lookup that walks
  // the prototype chain (measured: among the slowest lines of the parse profile before this).
  const last = children.length - 1
  if (last >= 0) {
    const prev = children[last]
    if (typeof prev === 'string') {
      children[last] = prev + text
      return
    }
  }
  children.push(text)
}

export function isNamespaceDeclaration(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:')
}

function sameAttributes(a: Record<string, string>, b: Record<string, string>): boolean {
  let count = 0
  for (const name of Object.keys(a)) {
    if (isNamespaceDeclaration(name)) continue
    if (!Object.hasOwn(b, name) || a[name] !== b[name]) return false
    count++
  }
  for (const name of Object.keys(b)) if (!isNamespaceDeclaration(name)) count--
  return count === 0
}

function normalizedChildren(children: Node[]): Node[] {
  const out: Node[] = []
  for (const child of children) {
    if (typeof child !== 'string') out.push(child)
    else if (child.length > 0) appendText(out, child)
  }
  return out
}
