// RFC 6121 §2.1.2: roster items, as stored and as written on the wire, and the checks a roster
// set must pass (§2.3.3) including the server's configured limits.
import { JidError, parseJid } from '@tercet/jid'
import { NS_ROSTER, type StanzaError, stanzaError } from '@tercet/stanza'
import { Element } from '@tercet/xml'
import type { Subscription, SubscriptionState } from './subscription'

/** A stored roster item (JSON). Keyed by the contact's bare JID in the `roster` map store. */
export interface RosterItem {
  /** The contact's bare JID, prepared (RFC 6121 §2.1.2.3). */
  jid: string
  name?: string
  groups: string[]
  subscription: Subscription
  /** "Pending Out" (RFC 6121 §2.1.2.2: written as `ask="subscribe"`). */
  ask?: boolean
  /** RFC 6121 §2.1.2.1 and §3.4: a subscription pre-approval. */
  approved?: boolean
}

export interface RosterLimits {
  maxItems: number
  maxNameLength: number
  maxGroupLength: number
  maxGroups: number
}

/** The roster item attributes a SubscriptionState shows (Pending In is not part of an item). */
export function itemState(item: RosterItem | undefined, pendingIn: boolean): SubscriptionState {
  return {
    subscription: item?.subscription ?? 'none',
    pendingOut: item?.ask === true,
    pendingIn,
    approved: item?.approved === true,
  }
}

/** `<item/>` as RFC 6121 §2.1.2 writes it; `subscription="remove"` for a removal push. */
export function itemElement(item: RosterItem | { jid: string; subscription: 'remove' }): Element {
  const attrs: Record<string, string> = { jid: item.jid }
  if ('groups' in item) {
    if (item.name !== undefined) attrs.name = item.name
    // §2.1.2.1: `approved` is included only when true; §2.1.2.2: `ask` only when pending out.
    if (item.approved) attrs.approved = 'true'
    if (item.ask) attrs.ask = 'subscribe'
  }
  attrs.subscription = item.subscription
  const groups = 'groups' in item ? item.groups : []
  return new Element(
    'item',
    attrs,
    NS_ROSTER,
    groups.map((g) => new Element('group', {}, NS_ROSTER, [g])),
  )
}

/** What a client asked for in a roster set (RFC 6121 §2.3.1, §2.5.1). */
export type RosterSetRequest =
  | { remove: true; jid: string }
  | { remove: false; jid: string; name?: string; groups: string[] }

const utf8Length = (s: string) => new TextEncoder().encode(s).length

function notAcceptable(text: string): StanzaError {
  return stanzaError('not-acceptable', { text })
}

/** Parses and checks the `<query/>` of a roster set, throwing the §2.3.3 error. */
export function parseRosterSet(query: Element, limits: RosterLimits): RosterSetRequest {
  const items = query.getChildElements()
  // §2.3.3: a roster set MUST contain exactly one <item/>.
  if (items.length !== 1 || !items[0]!.is('item', NS_ROSTER)) {
    throw stanzaError('bad-request', { text: 'a roster set contains exactly one item' })
  }
  const item = items[0]!
  const jid = bareJid(item.attr('jid'))
  const subscription = item.attr('subscription')
  if (subscription === 'remove') return { remove: true, jid }
  // §2.1.2.5: a client sets only `remove`; the server owns every other subscription value.
  if (subscription !== undefined) {
    throw stanzaError('bad-request', { text: 'a client may only set subscription="remove"' })
  }
  const name = item.attr('name')
  if (name !== undefined && utf8Length(name) > limits.maxNameLength) {
    throw notAcceptable(`the name is longer than ${limits.maxNameLength} bytes`)
  }
  return name === undefined
    ? { remove: false, jid, groups: parseGroups(item, limits) }
    : { remove: false, jid, name, groups: parseGroups(item, limits) }
}

function bareJid(value: string | undefined): string {
  if (value === undefined) throw stanzaError('bad-request', { text: 'the item has no jid' })
  try {
    // §2.1.2.3: items are bare JIDs; a roster is about accounts, not resources.
    const jid = parseJid(value)
    if (jid.resource !== undefined) {
      throw stanzaError('bad-request', { text: 'a roster item is a bare JID' })
    }
    return jid.toString()
  } catch (e) {
    if (e instanceof JidError) throw stanzaError('jid-malformed', { text: e.reason })
    throw e
  }
}

function parseGroups(item: Element, limits: RosterLimits): string[] {
  const groups: string[] = []
  for (const child of item.getChildElements()) {
    if (!child.is('group', NS_ROSTER)) continue
    const group = child.text()
    // §2.3.3: an empty group name is not-acceptable, a duplicate one bad-request.
    if (group === '') throw notAcceptable('a group name is empty')
    if (utf8Length(group) > limits.maxGroupLength) {
      throw notAcceptable(`a group name is longer than ${limits.maxGroupLength} bytes`)
    }
    if (groups.includes(group)) throw stanzaError('bad-request', { text: 'duplicate group' })
    groups.push(group)
  }
  if (groups.length > limits.maxGroups) {
    throw notAcceptable(`an item is in at most ${limits.maxGroups} groups`)
  }
  return groups
}
