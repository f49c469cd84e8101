// XEP-0030: Service Discovery (v2.5rc3) — https://xmpp.org/extensions/xep-0030.html
// XEP-0128: Service Discovery Extensions (v1.0.1) — https://xmpp.org/extensions/xep-0128.html
//
// disco#info and disco#items queries: read a request's node, write a result, and read a result
// back (for tests, s2s and the demo client).
import type { Jid } from '@tercet/jid'
import { Element } from '@tercet/xml'
import { stanzaError } from './errors'
import { buildForm, type DataForm, type FormInit, getFormType, parseForm } from './forms'
import { NS_DATA_FORMS, NS_DISCO_INFO, NS_DISCO_ITEMS } from './ns'
import { findRsmRequest, type RsmRequest } from './rsm'

/** §3.1: an identity; `lang` is its `xml:lang` (the name's language, used by XEP-0115). */
export interface Identity {
  category: string
  type: string
  name?: string
  lang?: string
}

/** A parsed disco#info query (request or result). */
export interface DiscoInfo {
  node?: string
  identities: Identity[]
  features: string[]
  /** XEP-0128: extended information, one data form per FORM_TYPE. */
  forms: DataForm[]
}

export interface DiscoInfoInit {
  node?: string
  identities?: readonly Identity[]
  features?: Iterable<string>
  forms?: readonly FormInit[]
}

/** §4.1: an item; `jid` is REQUIRED, `node` (§4.2) and `name` are optional. */
export interface DiscoItem {
  jid: string
  node?: string
  name?: string
}

export interface DiscoItemInit {
  jid: string | Jid
  node?: string
  name?: string
}

export interface DiscoItems {
  node?: string
  items: DiscoItem[]
}

/** A disco#items request: its node and, when the requester pages, its XEP-0059 request. */
export interface DiscoItemsRequest {
  node?: string
  rsm?: RsmRequest
}

function readNode(query: Element): string | undefined {
  const node = query.attr('node')
  // §4.2: "The value of the 'node' attribute MUST NOT be null."
  if (node === '') throw stanzaError('bad-request', { text: 'empty disco node' })
  return node
}

function expectQuery(query: Element, ns: string): void {
  if (!query.is('query', ns)) throw stanzaError('bad-request', { text: `not a ${ns} query` })
}

/** The node of a disco#info request (§3.2), undefined for the entity itself. */
export function parseDiscoInfoRequest(query: Element): { node?: string } {
  expectQuery(query, NS_DISCO_INFO)
  const node = readNode(query)
  return node === undefined ? {} : { node }
}

/** The node and the XEP-0059 paging of a disco#items request (§4.2; XEP-0059 §3). */
export function parseDiscoItemsRequest(query: Element): DiscoItemsRequest {
  expectQuery(query, NS_DISCO_ITEMS)
  const request: DiscoItemsRequest = {}
  const node = readNode(query)
  if (node !== undefined) request.node = node
  const rsm = findRsmRequest(query)
  if (rsm !== undefined) request.rsm = rsm
  return request
}

const identityKey = (i: Identity) => `${i.category}/${i.type}/${i.lang ?? ''}`

/**
 * Writes a disco#info result query: identities, then features, then XEP-0128 forms (the order
 * of every example in both XEPs).
 *
 * - §3.2: the response SHOULD mirror the request's node, so pass it back.
 * - XEP-0115 §5.4 treats a response as ill-formed when it repeats a feature or an identity's
 *   category/type/lang, so features are de-duplicated (modules may add the same one twice) and
 *   a repeated identity is a programming error.
 * - XEP-0128 §2: an extension form is of type result, with a hidden FORM_TYPE; XEP-0115 §5.4
 *   also refuses two forms with the same FORM_TYPE.
 */
export function buildDiscoInfo(info: DiscoInfoInit): Element {
  const query = new Element(
    'query',
    info.node === undefined ? {} : { node: info.node },
    NS_DISCO_INFO,
  )
  const seen = new Set<string>()
  for (const identity of info.identities ?? []) {
    const key = identityKey(identity)
    if (seen.has(key)) throw new TypeError(`duplicate disco identity ${key}`)
    seen.add(key)
    query.append(buildIdentity(identity))
  }
  for (const feature of new Set(info.features ?? [])) {
    query.append(new Element('feature', { var: feature }, NS_DISCO_INFO))
  }
  const formTypes = new Set<string>()
  for (const form of info.forms ?? []) {
    const x = buildForm(form)
    const formType = form.formType ?? getFormType(parseForm(x))
    if (form.type !== 'result' || formType === undefined) {
      throw new TypeError('XEP-0128 §2: an extension form is a result with a hidden FORM_TYPE')
    }
    if (formTypes.has(formType)) throw new TypeError(`two extension forms for ${formType}`)
    formTypes.add(formType)
    query.append(x)
  }
  return query
}

function buildIdentity(identity: Identity): Element {
  // §3.1: category and type are REQUIRED, name is optional.
  const attrs: Record<string, string> = { category: identity.category, type: identity.type }
  if (identity.name !== undefined) attrs.name = identity.name
  if (identity.lang !== undefined) attrs['xml:lang'] = identity.lang
  return new Element('identity', attrs, NS_DISCO_INFO)
}

/**
 * Reads a disco#info query. Identities without category or type and features without var
 * break §3.1's MUSTs: they throw a `bad-request` StanzaError.
 */
export function parseDiscoInfo(query: Element): DiscoInfo {
  expectQuery(query, NS_DISCO_INFO)
  const info: DiscoInfo = { identities: [], features: [], forms: [] }
  const node = readNode(query)
  if (node !== undefined) info.node = node
  for (const child of query.getChildElements()) {
    if (child.is('identity', NS_DISCO_INFO)) info.identities.push(parseIdentity(child))
    else if (child.is('feature', NS_DISCO_INFO)) info.features.push(required(child, 'var'))
    else if (child.is('x', NS_DATA_FORMS)) info.forms.push(parseForm(child))
  }
  return info
}

function parseIdentity(el: Element): Identity {
  const identity: Identity = { category: required(el, 'category'), type: required(el, 'type') }
  const name = el.attr('name')
  if (name !== undefined) identity.name = name
  const lang = el.attr('xml:lang')
  if (lang !== undefined) identity.lang = lang
  return identity
}

function required(el: Element, attr: string): string {
  const value = el.attr(attr)
  if (value === undefined)
    throw stanzaError('bad-request', { text: `<${el.local}/> without ${attr}` })
  return value
}

/**
 * Writes a disco#items result query (§4.1). §4.1: an entity with no items returns an empty
 * query, never an error. Extra children (an XEP-0059 `<set/>`) go last, as in XEP-0059 §3.
 */
export function buildDiscoItems(
  result: { node?: string; items?: readonly DiscoItemInit[] },
  ...extra: Element[]
): Element {
  const attrs: Record<string, string> = result.node === undefined ? {} : { node: result.node }
  const query = new Element('query', attrs, NS_DISCO_ITEMS)
  for (const item of result.items ?? []) {
    const itemAttrs: Record<string, string> = { jid: item.jid.toString() }
    if (item.node !== undefined) itemAttrs.node = item.node
    if (item.name !== undefined) itemAttrs.name = item.name
    query.append(new Element('item', itemAttrs, NS_DISCO_ITEMS))
  }
  query.append(...extra)
  return query
}

/** Reads a disco#items query; an item without jid (§4.1 REQUIRED) is a `bad-request`. */
export function parseDiscoItems(query: Element): DiscoItems {
  expectQuery(query, NS_DISCO_ITEMS)
  const result: DiscoItems = { items: [] }
  const node = readNode(query)
  if (node !== undefined) result.node = node
  for (const el of query.getChildren('item', NS_DISCO_ITEMS)) {
    const item: DiscoItem = { jid: required(el, 'jid') }
    const itemNode = el.attr('node')
    if (itemNode !== undefined) item.node = itemNode
    const name = el.attr('name')
    if (name !== undefined) item.name = name
    result.items.push(item)
  }
  return result
}
