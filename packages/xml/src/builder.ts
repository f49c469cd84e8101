import { isQName } from './chars'
import { appendText, Element, type Node } from './element'
import { parseFrame } from './frame'
import { adoptChildren, inheriting } from './inherit'
import { NS_XML } from './namespaces'
import { escapeAttr, escapeText } from './serialize'

/** Attribute values the builder accepts; `null`, `undefined` and `false` leave it out. */
export type AttrValue = string | number | bigint | boolean | null | undefined
/** Children the builder accepts; `null`, `undefined` and booleans are skipped, arrays flattened. */
export type Child = Node | number | bigint | boolean | null | undefined | readonly Child[]

/**
 * Builds an element: `h('message', { to, type: 'chat' }, h('body', {}, text))`. Attribute
 * values and text are data, never markup (the serializer escapes them). An element without
 * its own `xmlns` takes its parent's namespace.
 */
export function h(
  name: string,
  attrs?: Record<string, AttrValue> | null,
  ...children: Child[]
): Element {
  if (!isQName(name)) throw new TypeError(`invalid element name '${name}'`)
  const own: Record<string, string> = {}
  if (attrs) {
    for (const key of Object.keys(attrs)) {
      const value = attrs[key]
      if (value === null || value === undefined || value === false) continue
      if (!isQName(key)) throw new TypeError(`invalid attribute name '${key}'`)
      own[key] = String(value)
    }
  }
  const el = new Element(name, own, '')
  const colon = name.indexOf(':')
  const binding = colon < 0 ? 'xmlns' : `xmlns:${name.slice(0, colon)}`
  if (name.startsWith('xml:')) el.ns = NS_XML
  else if (Object.hasOwn(own, binding)) el.ns = own[binding]!
  else inheriting.add(el)
  addChildren(el, children)
  adoptChildren(el)
  return el
}

function addChildren(el: Element, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || typeof child === 'boolean') continue
    if (child instanceof Element) el.children.push(child)
    else if (Array.isArray(child)) addChildren(el, child)
    else if (typeof child === 'string' || typeof child === 'number' || typeof child === 'bigint') {
      const text = String(child)
      if (text.length > 0) appendText(el.children, text)
    } else throw new TypeError(`cannot add ${Object.prototype.toString.call(child)} to an element`)
  }
}

// The xml`` tag ------------------------------------------------------------------------------

type Slot = 'content' | 'quoted' | 'unquoted'

const SLOT_NS = 'urn:tercet:xml:template-slot'
const SENTINEL = '\u0000template'
const slotCache = new WeakMap<TemplateStringsArray, Slot[]>()

/**
 * Where each interpolation of a template sits: in content, inside a quoted attribute value,
 * or right after `=`. Anything else (a tag or attribute name) cannot be escaped safely.
 */
function slotsOf(strings: TemplateStringsArray): Slot[] {
  const cached = slotCache.get(strings)
  if (cached) return cached
  const slots: Slot[] = []
  let inTag = false
  let quote = ''
  for (let k = 0; k < strings.length - 1; k++) {
    for (const ch of strings[k]!) {
      if (quote) quote = ch === quote ? '' : quote
      else if (inTag && (ch === '"' || ch === "'")) quote = ch
      else if (ch === '<') inTag = true
      else if (ch === '>') inTag = false
    }
    if (!inTag) slots.push('content')
    else if (quote) slots.push('quoted')
    else if (/=[ \t\r\n]*$/.test(strings[k]!)) slots.push('unquoted')
    else
      throw new TypeError('xml tag: interpolation is only allowed in content and attribute values')
  }
  slotCache.set(strings, slots)
  return slots
}

function attrText(value: unknown): string {
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean'
  ) {
    return escapeAttr(String(value))
  }
  throw new TypeError(
    `xml tag: cannot use ${Object.prototype.toString.call(value)} as an attribute value`,
  )
}

function contentText(value: unknown, elements: Element[]): string {
  if (value === null || value === undefined || typeof value === 'boolean') return ''
  if (value instanceof Element) {
    elements.push(value)
    return `<slot xmlns="${SLOT_NS}"/>`
  }
  if (Array.isArray(value)) return value.map((v) => contentText(v, elements)).join('')
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
    return escapeText(String(value))
  }
  throw new TypeError(`xml tag: cannot insert ${Object.prototype.toString.call(value)}`)
}

function template(strings: TemplateStringsArray, values: unknown[]): Element {
  const slots = slotsOf(strings)
  const elements: Element[] = []
  let out = strings[0]!
  for (let k = 0; k < values.length; k++) {
    const value = values[k]
    const slot = slots[k]!
    if (slot === 'content') out += contentText(value, elements)
    else if (slot === 'quoted') out += attrText(value)
    else if (value === null || value === undefined || value === false) {
      out = out.replace(/[ \t\r\n]+[^ \t\r\n=<>"']+[ \t\r\n]*=[ \t\r\n]*$/, '')
    } else out += `"${attrText(value)}"`
    out += strings[k + 1]!
  }
  const root = parseFrame(out.trim(), { defaultNs: SENTINEL })
  if (root.ns === SLOT_NS && root.name === 'slot') return elements[0]!
  fillSlots(root, elements, { next: 0 })
  if (root.ns === SENTINEL) {
    root.ns = ''
    inheriting.add(root)
  }
  adoptChildren(root)
  return root
}

/** Swaps slot placeholders for the interpolated elements; marks undeclared ones inheriting. */
function fillSlots(el: Element, elements: Element[], cursor: { next: number }): void {
  const children = el.children
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!
    if (typeof child === 'string') continue
    if (child.ns === SLOT_NS && child.name === 'slot') {
      children[i] = elements[cursor.next++]!
      continue
    }
    if (child.ns === SENTINEL) {
      child.ns = ''
      inheriting.add(child)
    }
    fillSlots(child, elements, cursor)
  }
}

/**
 * Builds an element from XML text, escaping every interpolation:
 * ``xml`<message to=${to}><body>${text}</body></message>` ``. An interpolation may be an
 * attribute value (quoted or not; an unquoted `null` or `undefined` drops the attribute) or
 * content: text, an `Element`, or an array of them. Called as a function, `xml` is `h`.
 */
export function xml(strings: TemplateStringsArray, ...values: unknown[]): Element
export function xml(
  name: string,
  attrs?: Record<string, AttrValue> | null,
  ...children: Child[]
): Element
export function xml(first: TemplateStringsArray | string, ...rest: unknown[]): Element {
  if (typeof first === 'string') {
    const [attrs, ...children] = rest as [Record<string, AttrValue> | null | undefined, ...Child[]]
    return h(first, attrs, ...children)
  }
  return template(first, rest)
}
