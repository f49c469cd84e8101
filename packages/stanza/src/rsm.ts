// XEP-0059: Result Set Management (v1.0) — https://xmpp.org/extensions/xep-0059.html
//
// The request a client puts in a query (`max`, `after`, `before`, `index`) and the `<set/>` a
// server returns with a page (`first`, `last`, `count`).
import { Element } from '@tercet/xml'
import { stanzaError } from './errors'
import { NS_RSM } from './ns'

/** A page request. */
export interface RsmRequest {
  /** §2.1: the most items to return; 0 asks for the count only (§2.7). */
  max?: number
  /** §2.2: the page starts after this UID. */
  after?: string
  /** §2.3: the page ends before this UID; `''` (an empty `<before/>`) asks for the last page (§2.5). */
  before?: string
  /** §2.6: the page starts at this position of the full set. */
  index?: number
}

/** What a server says about the page it returns. */
export interface RsmResult {
  /** §2.2: UID of the first item of the page; present exactly when `last` is. */
  first?: string
  /** §2.2: the position of the first item within the full set (`<first index=''>`). */
  firstIndex?: number
  /** §2.2: UID of the last item of the page. */
  last?: string
  /** §2.2: the number of items in the full set (may be approximate). */
  count?: number
}

/** XML Schema xs:int (XEP-0059 §8 types `max`, `index` and `count` as xs:int). */
const XS_INT = /^[+-]?\d+$/
const INT_MAX = 2 ** 31 - 1

/**
 * A non-negative xs:int. The schema's whitespace facet collapses the text, so surrounding
 * whitespace is allowed; a negative size or position means nothing, so it is refused too.
 */
function nonNegativeInt(text: string): number | undefined {
  const trimmed = text.trim()
  if (!XS_INT.test(trimmed)) return undefined
  const n = Number(trimmed)
  return n >= 0 && n <= INT_MAX ? n : undefined
}

function readInt(set: Element, name: 'max' | 'index'): number | undefined {
  const text = set.getChildText(name, NS_RSM)
  if (text === undefined) return undefined
  const n = nonNegativeInt(text)
  // RFC 6120 §8.3.3.1: content that breaks the protocol's schema (XEP-0059 §8, xs:int) is a
  // bad-request.
  if (n === undefined)
    throw stanzaError('bad-request', { text: `invalid RSM <${name}/>: '${text}'` })
  return n
}

/** Reads a request `<set xmlns='http://jabber.org/protocol/rsm'/>`. Throws a `bad-request` StanzaError. */
export function parseRsmRequest(set: Element): RsmRequest {
  if (!set.is('set', NS_RSM)) throw stanzaError('bad-request', { text: 'not an RSM set' })
  const request: RsmRequest = {}
  const max = readInt(set, 'max')
  if (max !== undefined) request.max = max
  const after = set.getChildText('after', NS_RSM)
  if (after !== undefined) request.after = after
  // §2.5: an empty <before/> asks for the last page, so '' is kept, distinct from absent.
  const before = set.getChildText('before', NS_RSM)
  if (before !== undefined) request.before = before
  const index = readInt(set, 'index')
  if (index !== undefined) request.index = index
  return request
}

/** The request in a query's `<set/>` child, if it has one. */
export function findRsmRequest(query: Element): RsmRequest | undefined {
  const set = query.getChild('set', NS_RSM)
  return set === undefined ? undefined : parseRsmRequest(set)
}

const node = (name: string, attrs: Record<string, string> = {}, children: string[] = []) =>
  new Element(
    name,
    attrs,
    NS_RSM,
    children.filter((c) => c !== ''),
  )

/** Writes a request `<set/>`, children in the order of the XEP's examples (max first). */
export function buildRsmRequest(request: RsmRequest): Element {
  const set = node('set')
  if (request.max !== undefined) set.append(node('max', {}, [intText(request.max)]))
  if (request.after !== undefined) set.append(node('after', {}, [request.after]))
  if (request.before !== undefined) set.append(node('before', {}, [request.before]))
  if (request.index !== undefined) set.append(node('index', {}, [intText(request.index)]))
  return set
}

/**
 * Writes the `<set/>` returned with a page: first (with its index), last, count, in the order of
 * XEP-0059's examples. §2.2: first and last come together or not at all (an empty page has
 * neither), so giving only one of them is a programming error.
 */
export function buildRsmResult(result: RsmResult): Element {
  if ((result.first === undefined) !== (result.last === undefined)) {
    throw new TypeError('XEP-0059 §2.2: <first/> and <last/> are both present or both absent')
  }
  if (result.firstIndex !== undefined && result.first === undefined) {
    throw new TypeError('XEP-0059 §2.2: an index belongs to <first/>')
  }
  const set = node('set')
  if (result.first !== undefined) {
    const attrs: Record<string, string> =
      result.firstIndex === undefined ? {} : { index: intText(result.firstIndex) }
    set.append(node('first', attrs, [result.first]))
  }
  if (result.last !== undefined) set.append(node('last', {}, [result.last]))
  if (result.count !== undefined) set.append(node('count', {}, [intText(result.count)]))
  return set
}

/**
 * Reads the `<set/>` of a result page (what a client or a remote server's answer carries).
 * Throws a `bad-request` StanzaError for a count or index that is not a non-negative xs:int.
 */
export function parseRsmResult(set: Element): RsmResult {
  if (!set.is('set', NS_RSM)) throw stanzaError('bad-request', { text: 'not an RSM set' })
  const result: RsmResult = {}
  const first = set.getChild('first', NS_RSM)
  if (first !== undefined) {
    result.first = first.text()
    const index = first.attr('index')
    if (index !== undefined) result.firstIndex = checkedInt(index, 'first index')
  }
  const last = set.getChildText('last', NS_RSM)
  if (last !== undefined) result.last = last
  const count = set.getChildText('count', NS_RSM)
  if (count !== undefined) result.count = checkedInt(count, 'count')
  return result
}

function checkedInt(text: string, what: string): number {
  const n = nonNegativeInt(text)
  if (n === undefined) throw stanzaError('bad-request', { text: `invalid RSM ${what}: '${text}'` })
  return n
}

function intText(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > INT_MAX) {
    throw new RangeError(`XEP-0059 §8: ${n} is not a non-negative xs:int`)
  }
  return String(n)
}
