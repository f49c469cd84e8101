// RFC 6121 §4.2 initial presence, §4.4 presence updates and §4.5 unavailable presence: the
// broadcast of presence without `to` (the router's `presence/self`), and the unavailable
// presence the server sends for a resource whose session ended without one (§4.5.2).
import { pendingRequests } from '@tercet/mod-roster'
import type { ModuleApi, ResourceEvent, StanzaEvent } from '@tercet/router'
import { Presence } from '@tercet/stanza'
import { type Element, parseFrame, serialize } from '@tercet/xml'
import { bareOf, presenceElement, routeEach, subscribers, subscriptions } from './deliver'
import { endDirected } from './directed'
import { rememberUnavailable } from './probe'
import { rejectInvalid } from './validate'

/**
 * `presence/self`. It never returns true, so other modules (offline messages) see the same
 * presence; the core has already recorded availability, priority and the presence itself.
 */
export async function selfPresence(mod: ModuleApi, e: StanzaEvent): Promise<boolean> {
  // The router also fires presence/self for presence addressed to the user's own bare JID;
  // that is directed presence, delivered by `presence/bare`.
  if (e.stanza.attr('to') !== undefined || e.from.resource === undefined) return false
  if (await rejectInvalid(mod, e)) return true
  const type = new Presence(e.stanza).type
  const wasAvailable = e.resourceBefore?.available ?? false
  if (type === 'available')
    await available(mod, e.from.local!, e.from.resource, e.stanza, wasAvailable)
  if (type === 'unavailable')
    await unavailable(mod, e.from.local!, e.from.resource, e.stanza, wasAvailable)
  // Subscription stanzas and probes without `to` have nobody to go to (§3, §4.3): ignored.
  return false
}

async function available(
  mod: ModuleApi,
  user: string,
  resource: string,
  stanza: Element,
  wasAvailable: boolean,
) {
  const list = await mod.resources(user)
  const me = list.find((r) => r.resource === resource)
  if (!me) return
  // The core has recorded this presence already; not available before means initial presence.
  const initial = !wasAvailable
  if (initial) await mod.updateResource(user, resource, { ...me.data, presenceStarting: true })
  const full = `${bareOf(mod, user)}/${resource}`
  const out = stanza.clone()
  out.attrs.from = full
  // §4.2.2 and §4.4.2: to every contact subscribed to the user ("From" or "Both") …
  await routeEach(mod, out, await subscribers(mod, user))
  // … and to all of the user's available resources, this one included (§4.2.2: an entity is
  // implicitly subscribed to its own presence).
  out.attrs.to = bareOf(mod, user)
  for (const r of list) {
    if (r.available || r.resource === resource) await mod.sendToResource(user, r.resource, out)
  }
  if (initial) await initialExtras(mod, user, resource, list)
}

/** §4.2.2 and §3.1.3: what only initial presence triggers. */
async function initialExtras(
  mod: ModuleApi,
  user: string,
  resource: string,
  list: Awaited<ReturnType<ModuleApi['resources']>>,
) {
  const bare = bareOf(mod, user)
  // The presence of the user's other available resources, so the new one knows them.
  for (const r of list) {
    if (!r.available || r.resource === resource || r.presence === undefined) continue
    const copy = parseFrame(r.presence)
    copy.attrs.from = `${bare}/${r.resource}`
    copy.attrs.to = `${bare}/${resource}`
    await mod.sendToResource(user, resource, copy)
  }
  // §4.2.2 and §4.3.1: probes, from the user's bare JID, to every contact the user is
  // subscribed to ("To" or "Both"); the answers come back to the bare JID.
  await routeEach(
    mod,
    presenceElement({ type: 'probe', from: bare }),
    await subscriptions(mod, user),
  )
  // §3.1.3 step 4: every request still unanswered, whenever a resource becomes available.
  for (const xml of await pendingRequests(mod, user)) {
    await mod.sendToResource(user, resource, parseFrame(xml))
  }
}

async function unavailable(
  mod: ModuleApi,
  user: string,
  resource: string,
  stanza: Element,
  wasAvailable: boolean,
) {
  const list = await mod.resources(user)
  const me = list.find((r) => r.resource === resource)
  const out = stanza.clone()
  out.attrs.from = `${bareOf(mod, user)}/${resource}`
  if (wasAvailable) {
    // §4.5.2: to the subscribed contacts and to all of the user's available resources, the
    // one that sent it included.
    await routeEach(mod, out, await subscribers(mod, user))
    const own = out.clone()
    own.attrs.to = bareOf(mod, user)
    for (const r of list) {
      if (r.available || r.resource === resource) await mod.sendToResource(user, r.resource, own)
    }
    await rememberUnavailable(mod, user, serialize(out))
  }
  // §4.6.3: and to everyone the resource sent directed presence to.
  await endDirected(mod, user, resource, out)
  if (me?.data.presenceStarting) {
    const { presenceStarting: _, ...data } = me.data
    await mod.updateResource(user, resource, data)
  }
}

/**
 * `resource-unbind`: the session ended or was replaced. §4.5.2: if the resource was available
 * and sent no unavailable presence, the server sends it on the resource's behalf; §4.6.3:
 * entities that got directed presence learn of it too.
 */
export async function unbound(mod: ModuleApi, e: ResourceEvent): Promise<void> {
  const out = presenceElement({ type: 'unavailable', from: e.jid.toString() })
  if (e.wasAvailable) {
    await routeEach(mod, out, await subscribers(mod, e.user))
    const own = out.clone()
    own.attrs.to = bareOf(mod, e.user)
    for (const r of await mod.resources(e.user)) {
      if (r.available) await mod.sendToResource(e.user, r.resource, own)
    }
    await rememberUnavailable(mod, e.user, serialize(out))
  }
  if (e.jid.resource !== undefined) await endDirected(mod, e.user, e.jid.resource, out)
}
