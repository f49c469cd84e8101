// RFC 6121 §2.1.6 roster pushes: every change goes to each interested resource, the one that
// made the change included. A resource is interested once it has requested the roster (§2.1.3).
import type { ModuleApi } from '@tercet/router'
import { NS_CLIENT, NS_ROSTER } from '@tercet/stanza'
import { Element } from '@tercet/xml'
import { itemElement, type RosterItem } from './items'

declare module '@tercet/router' {
  interface ResourceData {
    /** RFC 6121 §2.1.6: this resource requested the roster, so it gets roster pushes. */
    interested?: boolean
  }
}

/** The resources of `user` that have requested the roster (§2.1.6 "interested resources"). */
export async function interestedResources(mod: ModuleApi, user: string): Promise<string[]> {
  return (await mod.resources(user)).filter((r) => r.data.interested).map((r) => r.resource)
}

/** Marks a resource as interested (§2.1.3: it sent a roster get). */
export async function markInterested(mod: ModuleApi, user: string, resource: string) {
  const record = (await mod.resources(user)).find((r) => r.resource === resource)
  if (record && !record.data.interested) {
    await mod.updateResource(user, resource, { ...record.data, interested: true })
  }
}

/**
 * Sends one roster push. §2.1.6: an IQ set with no 'from' (the user's own account), carrying
 * the one changed item and, with versioning, the new version (§2.6.3). Its id is unique per
 * stream because the version only grows.
 */
export async function pushItem(
  mod: ModuleApi,
  user: string,
  item: RosterItem | { jid: string; subscription: 'remove' },
  ver: string,
): Promise<void> {
  const bare = `${user}@${mod.domain}`
  for (const resource of await interestedResources(mod, user)) {
    const query = new Element('query', { ver }, NS_ROSTER, [itemElement(item)])
    const attrs = { type: 'set', id: `push-${ver}`, to: `${bare}/${resource}` }
    await mod.sendToResource(user, resource, new Element('iq', attrs, NS_CLIENT, [query]))
  }
}
