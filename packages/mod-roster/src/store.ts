// The roster as the account side stores it: items keyed by the contact's bare JID, a counter for
// RFC 6121 §2.6 versioning, and the inbound requests the user has not answered (§3.1.3 step 4).
// Every function takes `mod` and opens the stores by name, so mod-presence reaches the same data.
import type { ModuleApi } from '@tercet/router'
import type { RosterItem } from './items'

const ITEMS = 'roster'
const VERSION = 'roster-version'
const PENDING = 'roster-pending'

const items = (mod: ModuleApi) => mod.openStore<RosterItem, 'map'>(ITEMS, 'map')
const versions = (mod: ModuleApi) => mod.openStore<number, 'keyval'>(VERSION, 'keyval')
const pending = (mod: ModuleApi) => mod.openStore<string, 'map'>(PENDING, 'map')

/** One item of `user`'s roster (`user` is the localpart), by the contact's bare JID. */
export function getItem(
  mod: ModuleApi,
  user: string,
  jid: string,
): Promise<RosterItem | undefined> {
  return items(mod).get(user, jid)
}

/** Every item of `user`'s roster, in ascending JID order. */
export async function getItems(mod: ModuleApi, user: string): Promise<RosterItem[]> {
  const store = items(mod)
  const out: RosterItem[] = []
  for (const jid of await store.keys(user)) {
    const item = await store.get(user, jid)
    if (item) out.push(item)
  }
  return out
}

export async function countItems(mod: ModuleApi, user: string): Promise<number> {
  return (await items(mod).keys(user)).length
}

/**
 * RFC 6121 §2.6: the roster version, a counter as a string. It changes with every change to the
 * roster (§2.6.3), so a client that cached version N learns whether it is still current.
 */
export async function rosterVersion(mod: ModuleApi, user: string): Promise<string> {
  return String((await versions(mod).get(user)) ?? 0)
}

async function bump(mod: ModuleApi, user: string): Promise<string> {
  const next = ((await versions(mod).get(user)) ?? 0) + 1
  await versions(mod).set(user, next)
  return String(next)
}

/** Writes an item and returns the new roster version. */
export async function putItem(mod: ModuleApi, user: string, item: RosterItem): Promise<string> {
  await items(mod).set(user, item.jid, item)
  return bump(mod, user)
}

/** Deletes an item (and any request from that contact) and returns the new roster version. */
export async function deleteItem(mod: ModuleApi, user: string, jid: string): Promise<string> {
  await items(mod).delete(user, jid)
  await pending(mod).delete(user, jid)
  return bump(mod, user)
}

/**
 * RFC 6121 §3.1.3 step 4: the complete `subscribe` stanza (serialised) of a contact the user has
 * not answered yet ("Pending In"), kept until the user approves or denies it.
 */
export function getPendingIn(
  mod: ModuleApi,
  user: string,
  jid: string,
): Promise<string | undefined> {
  return pending(mod).get(user, jid)
}

export async function setPendingIn(
  mod: ModuleApi,
  user: string,
  jid: string,
  stanza: string | undefined,
): Promise<void> {
  if (stanza === undefined) await pending(mod).delete(user, jid)
  else await pending(mod).set(user, jid, stanza)
}

/** Every pending inbound request of `user`, serialised, in ascending JID order. */
export async function pendingRequests(mod: ModuleApi, user: string): Promise<string[]> {
  const store = pending(mod)
  const out: string[] = []
  for (const jid of await store.keys(user)) {
    const stanza = await store.get(user, jid)
    if (stanza !== undefined) out.push(stanza)
  }
  return out
}
