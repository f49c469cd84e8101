// The shared subscription state of one contact (RFC 6121 Appendix A.1), read from and written
// to the roster stores. mod-presence drives the state machine through these two functions; any
// change the user can see in the roster item is pushed (§2.1.6, §3.1.2 etc.).
import type { ModuleApi } from '@tercet/router'
import { NS_CLIENT } from '@tercet/stanza'
import { Element, serialize } from '@tercet/xml'
import { itemState, type RosterItem } from './items'
import { pushItem } from './push'
import { getItem, getPendingIn, putItem, setPendingIn } from './store'
import { type SubscriptionState, sameState } from './subscription'

export interface ContactState {
  /** The roster item, if the contact is in the roster (a lone inbound request is not). */
  item: RosterItem | undefined
  state: SubscriptionState
}

/** The contact's state as `user` (a localpart) has it: roster item plus pending request. */
export async function loadState(
  mod: ModuleApi,
  user: string,
  contact: string,
): Promise<ContactState> {
  const item = await getItem(mod, user, contact)
  const pending = await getPendingIn(mod, user, contact)
  return { item, state: itemState(item, pending !== undefined) }
}

/**
 * Stores `next` for the contact and pushes the item when its visible part changed. `request` is
 * the serialised inbound `subscribe` to keep when the state becomes "Pending In" (§3.1.3 step
 * 4). Returns whether anything changed.
 */
export async function saveState(
  mod: ModuleApi,
  user: string,
  contact: string,
  before: ContactState,
  next: SubscriptionState,
  request?: string,
): Promise<boolean> {
  const prev = before.state
  if (sameState(prev, next)) return false
  if (next.pendingIn !== prev.pendingIn) {
    const kept = next.pendingIn ? (request ?? minimalRequest(user, mod.domain, contact)) : undefined
    await setPendingIn(mod, user, contact, kept)
  }
  const visible =
    next.subscription !== prev.subscription ||
    next.pendingOut !== prev.pendingOut ||
    next.approved !== prev.approved
  if (visible) {
    const item: RosterItem = {
      jid: contact,
      groups: before.item?.groups ?? [],
      subscription: next.subscription,
    }
    if (before.item?.name !== undefined) item.name = before.item.name
    if (next.pendingOut) item.ask = true
    if (next.approved) item.approved = true
    // §3.1.2, §3.1.5, §3.4.2 …: a new or changed item is pushed to every interested resource.
    await pushItem(mod, user, item, await putItem(mod, user, item))
  }
  return true
}

// A request to keep when the caller had none: the bare `subscribe` §3.1.3 describes.
function minimalRequest(user: string, domain: string, contact: string): string {
  const attrs = { type: 'subscribe', from: contact, to: `${user}@${domain}` }
  return serialize(new Element('presence', attrs, NS_CLIENT))
}
