// XEP-0359: Unique and Stable Stanza IDs (v0.7.0) — https://xmpp.org/extensions/xep-0359.html
//
// `<stanza-id by='…' id='…'/>` is assigned by an archiving entity (the user's server for MAM,
// a MUC room); `<origin-id id='…'/>` by the sending client.
import { type Jid, parseJid } from '@tercet/jid'
import { Element } from '@tercet/xml'
import { stanzaError } from './errors'
import { NS_STANZA_ID } from './ns'

export interface StanzaId {
  id: string
  by: string
}

/**
 * Writes `<stanza-id xmlns='urn:xmpp:sid:0' id='…' by='…'/>`. §2.1: `by` is the address of the
 * entity that assigns the id; §4: both attributes MUST be set and the element MUST be empty.
 */
export function buildStanzaId(id: string, by: string | Jid): Element {
  if (id === '') throw new TypeError('XEP-0359 §4: a stanza-id needs an id')
  return new Element('stanza-id', { id, by: by.toString() }, NS_STANZA_ID)
}

/** Writes `<origin-id xmlns='urn:xmpp:sid:0' id='…'/>` (§2.2: no 'by', to hide the sender). */
export function buildOriginId(id: string): Element {
  if (id === '') throw new TypeError('XEP-0359 §4: an origin-id needs an id')
  return new Element('origin-id', { id }, NS_STANZA_ID)
}

/** Reads a `<stanza-id/>`; §4: both 'id' and 'by' MUST be set, else a `bad-request` StanzaError. */
export function parseStanzaId(el: Element): StanzaId {
  const id = el.attr('id')
  const by = el.attr('by')
  if (!el.is('stanza-id', NS_STANZA_ID) || !id || !by) {
    throw stanzaError('bad-request', { text: 'a stanza-id needs id and by' })
  }
  return { id, by }
}

/** Reads an `<origin-id/>`; §4: 'id' MUST be set, else a `bad-request` StanzaError. */
export function parseOriginId(el: Element): string {
  const id = el.attr('id')
  if (!el.is('origin-id', NS_STANZA_ID) || !id) {
    throw stanzaError('bad-request', { text: 'an origin-id needs an id' })
  }
  return id
}

/** The well-formed stanza-ids among a stanza's direct children (§4: only that level counts). */
export function getStanzaIds(stanza: Element): StanzaId[] {
  const out: StanzaId[] = []
  for (const el of stanza.getChildren('stanza-id', NS_STANZA_ID)) {
    const id = el.attr('id')
    const by = el.attr('by')
    if (id && by) out.push({ id, by })
  }
  return out
}

/**
 * The id that `by` assigned to this stanza, if any. `by` is compared as a JID, so a
 * differently-cased domain still matches (§4: addresses are normalized per RFC 7622).
 */
export function getStanzaId(stanza: Element, by: string | Jid): string | undefined {
  const owner = toJid(by)
  return getStanzaIds(stanza).find((s) => sameJid(s.by, owner))?.id
}

/** The sender's origin-id, if the stanza has a well-formed one. */
export function getOriginId(stanza: Element): string | undefined {
  const el = stanza.getChild('origin-id', NS_STANZA_ID)
  const id = el?.attr('id')
  return id ? id : undefined
}

/**
 * Removes every direct-child `<stanza-id/>` whose 'by' is one of `by`, in place, and returns
 * how many went. §4: an entity that generates stanza IDs and meets a stanza-id whose 'by'
 * matches the one it would set MUST delete it, even if it adds none itself; otherwise a client
 * could forge the id its own server vouches for. Call it on every stanza from a client, with
 * each address the server assigns ids as (the user's bare JID, a room's JID). A stanza-id whose
 * 'by' is not a valid JID matches nothing and is left alone, as §4 tells routers to.
 */
export function stripStanzaIds(
  stanza: Element,
  by: string | Jid | readonly (string | Jid)[],
): number {
  const owners = (Array.isArray(by) ? by : [by]).map(toJid)
  const before = stanza.children.length
  stanza.children = stanza.children.filter((child) => {
    if (typeof child === 'string' || !child.is('stanza-id', NS_STANZA_ID)) return true
    const attr = child.attr('by')
    return attr === undefined || !owners.some((owner) => sameJid(attr, owner))
  })
  return before - stanza.children.length
}

/**
 * Stamps the stanza with the id `by` assigns, in place: first any stanza-id already claiming to
 * be from `by` goes (§4 rule above, and at most one per 'by'), then the new one is appended.
 */
export function addStanzaId(stanza: Element, id: string, by: string | Jid): Element {
  stripStanzaIds(stanza, by)
  stanza.append(buildStanzaId(id, by))
  return stanza
}

function toJid(value: string | Jid): Jid {
  return typeof value === 'string' ? parseJid(value) : value
}

function sameJid(text: string, jid: Jid): boolean {
  try {
    return parseJid(text).equals(jid)
  } catch {
    return false
  }
}
