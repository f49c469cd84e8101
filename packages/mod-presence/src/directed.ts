// RFC 6121 §4.6: directed presence. Presence a user sends straight to an entity that is not
// subscribed to it is remembered per resource, so that the entity learns when the resource goes
// away (§4.6.3): on unavailable presence and when the session ends without it (§4.5.2).
import { hasFrom, loadState } from '@tercet/mod-roster'
import type { ModuleApi, StanzaEvent } from '@tercet/router'
import type { Element } from '@tercet/xml'
import { bareOf } from './deliver'

const directed = (mod: ModuleApi) => mod.openStore<string[], 'map'>('presence-directed', 'map')

/** `pre-presence/*` with available or unavailable presence: adds or drops the recipient. */
export async function trackDirected(mod: ModuleApi, e: StanzaEvent): Promise<void> {
  const user = e.from.local!
  const resource = e.from.resource
  const to = e.to.toString()
  const toBare = e.to.bare().toString()
  // The user's own resources and subscribers (who get every broadcast anyway) are not tracked.
  if (resource === undefined || toBare === bareOf(mod, user)) return
  if (hasFrom((await loadState(mod, user, toBare)).state)) return
  const store = directed(mod)
  const list = (await store.get(user, resource)) ?? []
  const next =
    e.stanza.attr('type') === 'unavailable'
      ? list.filter((j) => j !== to)
      : [...new Set([...list, to])]
  if (next.length === 0) await store.delete(user, resource)
  else await store.set(user, resource, next)
}

/**
 * §4.6.3: sends `unavailable` (a copy per recipient) to every entity the resource sent directed
 * presence to, then forgets them.
 */
export async function endDirected(
  mod: ModuleApi,
  user: string,
  resource: string,
  unavailable: Element,
): Promise<void> {
  const store = directed(mod)
  const list = (await store.get(user, resource)) ?? []
  await store.delete(user, resource)
  for (const to of list) {
    const copy = unavailable.clone()
    copy.attrs.to = to
    await mod.route(copy)
  }
}
