// Where presence goes on the account side: the user's available resources, the interested
// ones, the contacts with a given subscription. Shared by every part of mod-presence.
import { getItems, hasFrom, hasTo, itemState } from '@tercet/mod-roster'
import type { ModuleApi } from '@tercet/router'
import { NS_CLIENT } from '@tercet/stanza'
import { Element, parseFrame } from '@tercet/xml'

declare module '@tercet/router' {
  interface ResourceData {
    /**
     * Set while the resource's initial presence is being processed: the core records it as
     * available only after `presence/self`, but answers to the probes it triggers (RFC 6121
     * §4.3.2, addressed to the bare JID) must already reach it.
     */
    presenceStarting?: boolean
  }
}

export const bareOf = (mod: ModuleApi, user: string) => `${user}@${mod.domain}`

export function presenceElement(attrs: Record<string, string>, children: Element[] = []): Element {
  return new Element('presence', attrs, NS_CLIENT, children)
}

/** RFC 6121 §1.3: the resources that sent available presence (and the one doing so now). */
export async function availableResources(mod: ModuleApi, user: string): Promise<string[]> {
  const list = await mod.resources(user)
  return list.filter((r) => r.available || r.data.presenceStarting).map((r) => r.resource)
}

/** Delivers a copy of `stanza` to each of the user's available resources. */
export async function toAvailable(mod: ModuleApi, user: string, stanza: Element): Promise<void> {
  for (const resource of await availableResources(mod, user)) {
    await mod.sendToResource(user, resource, stanza)
  }
}

/** Delivers `stanza` to each resource that requested the roster (RFC 6121 §2.1.6). */
export async function toInterested(mod: ModuleApi, user: string, stanza: Element): Promise<void> {
  for (const r of await mod.resources(user)) {
    if (r.data.interested) await mod.sendToResource(user, r.resource, stanza)
  }
}

/** The contacts that receive the user's presence: subscription "from" or "both". */
export async function subscribers(mod: ModuleApi, user: string): Promise<string[]> {
  const items = await getItems(mod, user)
  return items.filter((i) => hasFrom(itemState(i, false))).map((i) => i.jid)
}

/** The contacts whose presence the user receives: subscription "to" or "both". */
export async function subscriptions(mod: ModuleApi, user: string): Promise<string[]> {
  const items = await getItems(mod, user)
  return items.filter((i) => hasTo(itemState(i, false))).map((i) => i.jid)
}

/** Routes a copy of `stanza` to each JID, as the server (it carries its own `from`). */
export async function routeEach(mod: ModuleApi, stanza: Element, to: readonly string[]) {
  for (const jid of to) {
    const copy = stanza.clone()
    copy.attrs.to = jid
    await mod.route(copy)
  }
}

/**
 * Sends the current presence of each of the user's available resources to `to` (RFC 6121
 * §3.1.5 after an approval, §4.3.2 in answer to a probe). Returns how many were sent.
 */
export async function sendCurrentPresence(mod: ModuleApi, user: string, to: string) {
  let sent = 0
  for (const r of await mod.resources(user)) {
    if (!r.available || r.presence === undefined) continue
    const copy = parseFrame(r.presence)
    copy.attrs.from = `${bareOf(mod, user)}/${r.resource}`
    copy.attrs.to = to
    await mod.route(copy)
    sent++
  }
  return sent
}
