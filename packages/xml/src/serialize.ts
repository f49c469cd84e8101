import { codeUnitName, isQName } from './chars'
import type { Element } from './element'
import { NS_XML, NS_XMLNS } from './namespaces'

export interface SerializeOptions {
  /**
   * The default namespace in scope where the output will be inserted: `'jabber:client'` for a
   * stanza written on a client stream, `''` (the default) for a self-contained document such
   * as an RFC 7395 frame.
   */
  defaultNs?: string
}

type Scope = Record<string, string>

/** What each ASCII code unit needs: 0 as is, 1 an entity, 2 refused (not an XML 1.0 Char). */
const TEXT_ESCAPE = new Uint8Array(128)
const ATTR_ESCAPE = new Uint8Array(128)
for (let c = 0; c < 0x20; c++) {
  TEXT_ESCAPE[c] = c === 0x09 || c === 0x0a ? 0 : c === 0x0d ? 1 : 2
  ATTR_ESCAPE[c] = c === 0x09 || c === 0x0a || c === 0x0d ? 1 : 2
}
for (const c of '&<>') TEXT_ESCAPE[c.charCodeAt(0)] = 1
for (const c of `&<>"'`) ATTR_ESCAPE[c.charCodeAt(0)] = 1

const ENTITIES: Record<number, string> = {
  9: '&#9;',
  10: '&#10;',
  13: '&#13;',
  34: '&quot;',
  38: '&amp;',
  39: '&apos;',
  60: '&lt;',
  62: '&gt;',
}

/**
 * Escapes with a fast path: scan with char codes until the first code unit that needs work,
 * and return the input untouched when there is none (the common case for stanza text).
 * Refuses what no escaping can carry: code points outside XML 1.0 §2.2 Char and lone
 * surrogates.
 */
function escapeWith(s: string, table: Uint8Array): string {
  let out = ''
  let run = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) {
      const k = table[c]
      if (k === 0) continue
      if (k === 2) throw new TypeError(`XML cannot carry ${codeUnitName(c)}`)
      out += s.slice(run, i) + ENTITIES[c]
      run = i + 1
    } else if (c >= 0xd800) {
      if (c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++
      else if (c <= 0xdfff || c >= 0xfffe)
        throw new TypeError(`XML cannot carry ${codeUnitName(c)}`)
    }
  }
  return run === 0 ? s : out + s.slice(run)
}

/**
 * Anything that needs work in text or attribute values: what is escaped, controls, surrogates
 * (pairs are fine, but the loop must check them) and U+FFFE/U+FFFF. Testing this natively first
 * lets clean strings (most of them; base64 payloads entirely) skip the character loop: the
 * regular expression scans ≈ 2.5× faster than a `charCodeAt` loop on this package's corpus.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding controls XML refuses is the point
const TEXT_WORK = /[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]/
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding controls XML refuses is the point
const ATTR_WORK = /[&<>"'\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]/

/** Escapes character data: `&`, `<`, `>` and CR (which XML 1.0 §2.11 would turn into LF). */
export function escapeText(s: string): string {
  return TEXT_WORK.test(s) ? escapeWith(s, TEXT_ESCAPE) : s
}

/**
 * Escapes an attribute value for double or single quotes: `&`, `<`, `>`, `"`, `'`, and tab, CR
 * and LF, which attribute-value normalisation (XML 1.0 §3.3.3) would turn into spaces.
 */
export function escapeAttr(s: string): string {
  return ATTR_WORK.test(s) ? escapeWith(s, ATTR_ESCAPE) : s
}

const NAME_CACHE_SIZE = 512
/** Names already checked (a cache only): XMPP reuses a few dozen element and attribute names. */
const checkedNames: (string | undefined)[] = new Array(NAME_CACHE_SIZE).fill(undefined)

function isValidName(name: string): boolean {
  const key =
    (name.length * 31 + name.charCodeAt(0) * 7 + name.charCodeAt(name.length - 1)) &
    (NAME_CACHE_SIZE - 1)
  if (checkedNames[key] === name) return true
  if (!isQName(name)) return false
  checkedNames[key] = name
  return true
}

function rootScope(): Scope {
  const scope: Scope = Object.create(null)
  scope.xml = NS_XML
  return scope
}

/**
 * Serializes an element. Names and attributes are written as they are; namespace declarations
 * are added where `ns` needs them and dropped where they repeat what is in scope, so a child
 * in its parent's namespace carries no `xmlns`. Throws `TypeError` for what would not be
 * well-formed: an invalid name, an unbound attribute prefix, a character XML cannot carry.
 */
export function serialize(element: Element, options: SerializeOptions = {}): string {
  return write(element, options.defaultNs ?? '', rootScope())
}

function write(el: Element, parentDefault: string, parentScope: Scope): string {
  const name = el.name
  if (!isValidName(name)) throw new TypeError(`invalid element name '${name}'`)
  const colon = name.indexOf(':')
  const prefix = colon < 0 ? '' : name.slice(0, colon)
  let scope = parentScope
  let defaultNs = parentDefault
  let head = `<${name}`
  if (prefix === '') {
    if (el.ns !== defaultNs) {
      head += ` xmlns="${escapeAttr(el.ns)}"`
      defaultNs = el.ns
    }
  } else if (scope[prefix] !== el.ns) {
    if (prefix === 'xml' || prefix === 'xmlns' || el.ns === '' || el.ns === NS_XML) {
      throw new TypeError(`element ${name} cannot be in namespace '${el.ns}'`)
    }
    scope = Object.create(scope) as Scope
    scope[prefix] = el.ns
    head += ` xmlns:${prefix}="${escapeAttr(el.ns)}"`
  }
  const attrs = el.attrs
  let prefixed = false
  for (const key of Object.keys(attrs)) {
    const value = attrs[key]!
    if (key === 'xmlns') continue
    if (!isValidName(key)) throw new TypeError(`invalid attribute name '${key}'`)
    if (key.startsWith('xmlns:')) {
      const p = key.slice(6)
      if (p === prefix || scope[p] === value) continue
      if (p === 'xml' || p === 'xmlns' || value === '' || value === NS_XMLNS || value === NS_XML) {
        throw new TypeError(`invalid namespace declaration ${key}="${value}"`)
      }
      if (scope === parentScope) scope = Object.create(scope) as Scope
      scope[p] = value
    } else if (key.includes(':')) prefixed = true
    head += ` ${key}="${escapeAttr(value)}"`
  }
  if (prefixed) checkAttributePrefixes(attrs, scope)
  const children = el.children
  if (children.length === 0) return `${head}/>`
  let body = ''
  for (const child of children) {
    body += typeof child === 'string' ? escapeText(child) : write(child, defaultNs, scope)
  }
  return `${head}>${body}</${name}>`
}

function checkAttributePrefixes(attrs: Record<string, string>, scope: Scope): void {
  for (const key of Object.keys(attrs)) {
    const colon = key.indexOf(':')
    if (colon < 0 || key.startsWith('xmlns:')) continue
    if (scope[key.slice(0, colon)] === undefined) {
      throw new TypeError(`attribute ${key} uses an undeclared prefix`)
    }
  }
}
