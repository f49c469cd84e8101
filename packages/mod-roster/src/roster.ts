// RFC 6121: XMPP Instant Messaging and Presence, §2 Managing the Roster (with §2.6 roster
// versioning) — https://www.rfc-editor.org/rfc/rfc6121#section-2
import type { Jid } from '@tercet/jid'
import type { IqEvent, ModuleApi } from '@tercet/router'
import { defineModule } from '@tercet/router'
import { NS_CLIENT, NS_ROSTER, NS_ROSTER_VER, StanzaError, stanzaError } from '@tercet/stanza'
import { Element } from '@tercet/xml'
import { itemElement, parseRosterSet, type RosterItem, type RosterLimits } from './items'
import { markInterested, pushItem } from './push'
import { loadState } from './state'
import { countItems, deleteItem, getItem, getItems, putItem, rosterVersion } from './store'
import { hasFrom, hasTo } from './subscription'

/** Defaults of the roster limits (each a host option of the same name). */
export const ROSTER_DEFAULTS = {
  maxRosterItems: 1000,
  maxRosterNameLength: 1023,
  maxRosterGroupLength: 1023,
  maxRosterGroups: 64,
} as const

export const roster = defineModule('roster', (mod) => {
  const limits: RosterLimits = {
    maxItems: mod.option('maxRosterItems', ROSTER_DEFAULTS.maxRosterItems),
    maxNameLength: mod.option('maxRosterNameLength', ROSTER_DEFAULTS.maxRosterNameLength),
    maxGroupLength: mod.option('maxRosterGroupLength', ROSTER_DEFAULTS.maxRosterGroupLength),
    maxGroups: mod.option('maxRosterGroups', ROSTER_DEFAULTS.maxRosterGroups),
  }
  mod.addFeature(NS_ROSTER)
  mod.hook('stream-features', (e) => {
    // §2.6.1: versioning is advertised with the post-authentication features.
    if (e.session.stage === 'binding') e.features.append(new Element('ver', {}, NS_ROSTER_VER))
  })
  mod.hook(`iq-get/self/${NS_ROSTER}:query`, (e) => rosterGet(mod, e))
  mod.hook(`iq-set/self/${NS_ROSTER}:query`, (e) => rosterSet(mod, e, limits))
  // §2.3.3 forbidden: only the account's own resources may read or change its roster.
  const forbidden = (e: IqEvent) => e.error(stanzaError('forbidden'))
  mod.hook(`iq-get/bare/${NS_ROSTER}:query`, forbidden)
  mod.hook(`iq-set/bare/${NS_ROSTER}:query`, forbidden)
  // XEP-0030 §8 (asked by mod-disco): a contact with a presence subscription to the user
  // ("from" or "both") may discover the account; nobody else learns of it.
  // XEP-0077 §3.2: before an account is removed, its contacts learn that the subscriptions
  // are gone (as if each item were removed from the roster, RFC 6121 §2.5.2).
  mod.hook('user-deregistering', async (e) => {
    for (const item of await getItems(mod, e.user)) {
      const { state } = await loadState(mod, e.user, item.jid)
      await cancelBothWays(mod, e.user, item.jid, state)
    }
  })
  mod.hook('disco-account-trust', async (e) => {
    const { state } = await loadState(mod, e.user, e.requester.bare().toString())
    return hasFrom(state) ? true : undefined
  })
})

declare module '@tercet/router' {
  interface HostEvents {
    /** See @tercet/mod-disco: may `requester` discover the account `user`? */
    'disco-account-trust': { readonly user: string; readonly requester: Jid }
    /** See @tercet/mod-register: the account is about to be removed. */
    'user-deregistering': { readonly user: string }
  }
}

const query = (e: IqEvent) => e.stanza.getChild('query', NS_ROSTER)!

/** §2.1.3 roster get, with §2.6.3 versioning; the requester becomes interested (§2.1.6). */
async function rosterGet(mod: ModuleApi, e: IqEvent): Promise<true> {
  const user = e.from.local!
  if (e.from.resource !== undefined) await markInterested(mod, user, e.from.resource)
  const ver = await rosterVersion(mod, user)
  // §2.6.3: the client's cached version is current: an empty result, changes come as pushes.
  if (query(e).attr('ver') === ver) return e.reply()
  const items = (await getItems(mod, user)).map((i) => itemElement(i))
  return e.reply(new Element('query', { ver }, NS_ROSTER, items))
}

/** §2.3 roster set (add or update) and §2.5 roster delete. */
async function rosterSet(mod: ModuleApi, e: IqEvent, limits: RosterLimits): Promise<true> {
  const user = e.from.local!
  const request = parseRosterSet(query(e), limits)
  if (request.remove) return removeItem(mod, e, user, request.jid)
  const existing = await getItem(mod, user, request.jid)
  // The configured roster size is a resource the account has used up (RFC 6120 §8.3.3.18).
  if (!existing && (await countItems(mod, user)) >= limits.maxItems) {
    throw new StanzaError('wait', 'resource-constraint', {
      text: `a roster holds at most ${limits.maxItems} items`,
    })
  }
  // §2.3.2: the client sets name and groups; the subscription state stays the server's.
  const item: RosterItem = {
    jid: request.jid,
    groups: request.groups,
    subscription: existing?.subscription ?? 'none',
  }
  if (request.name !== undefined) item.name = request.name
  if (existing?.ask) item.ask = true
  if (existing?.approved) item.approved = true
  await pushItem(mod, user, item, await putItem(mod, user, item))
  return e.reply()
}

/**
 * §2.5.2: removing an item also cancels the subscriptions both ways (Appendix A.2.2 and A.2.4):
 * `unsubscribe` if the user had or asked for the contact's presence, `unsubscribed` if the
 * contact had or asked for the user's (§3.2.2: after unavailable from each available resource).
 */
async function removeItem(mod: ModuleApi, e: IqEvent, user: string, jid: string): Promise<true> {
  const { item, state } = await loadState(mod, user, jid)
  // §2.5.3: removing an item that is not in the roster is item-not-found.
  if (!item) throw stanzaError('item-not-found')
  await cancelBothWays(mod, user, jid, state)
  const ver = await deleteItem(mod, user, jid)
  await pushItem(mod, user, { jid, subscription: 'remove' }, ver)
  return e.reply()
}

/** The presence side of removing a contact (§2.5.2, §3.2.2, §3.3.2). */
async function cancelBothWays(
  mod: ModuleApi,
  user: string,
  jid: string,
  state: Awaited<ReturnType<typeof loadState>>['state'],
): Promise<void> {
  const bare = `${user}@${mod.domain}`
  const presence = (type: string, from = bare) =>
    mod.route(new Element('presence', { type, from, to: jid }, NS_CLIENT))
  if (hasTo(state) || state.pendingOut) await presence('unsubscribe')
  if (hasFrom(state)) {
    for (const r of await mod.resources(user)) {
      if (r.available) await presence('unavailable', `${bare}/${r.resource}`)
    }
  }
  if (hasFrom(state) || state.pendingIn) await presence('unsubscribed')
}
