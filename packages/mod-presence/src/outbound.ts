// RFC 6121 §3 (user side) and Appendix A.2: subscription stanzas a user sends, processed on the
// user's own account side (the router's `pre-presence/*` events) before they are routed; and
// the directed presence bookkeeping of §4.6.
import {
  hasFrom,
  loadState,
  outboundSubscribe,
  outboundSubscribed,
  outboundUnsubscribe,
  outboundUnsubscribed,
  type SubscriptionState,
  saveState,
} from '@tercet/mod-roster'
import type { ModuleApi, StanzaEvent } from '@tercet/router'
import type { Element } from '@tercet/xml'
import { bareOf, presenceElement, sendCurrentPresence } from './deliver'
import { trackDirected } from './directed'
import { rejectInvalid } from './validate'

type SubscriptionType = 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed'

const TABLES: Record<SubscriptionType, (s: SubscriptionState) => SubscriptionState> = {
  subscribe: outboundSubscribe, // A.2.1
  unsubscribe: outboundUnsubscribe, // A.2.2
  subscribed: outboundSubscribed, // A.2.3
  unsubscribed: outboundUnsubscribed, // A.2.4
}

/** `pre-presence/bare|full|host`: returns true when it routed (or dropped) the stanza itself. */
export async function outbound(mod: ModuleApi, e: StanzaEvent): Promise<boolean> {
  const type = e.stanza.attr('type')
  if (type !== undefined && type in TABLES) {
    await subscription(mod, e, type as SubscriptionType)
    return true
  }
  if (type === undefined || type === 'unavailable') {
    if (await rejectInvalid(mod, e)) return true
    await trackDirected(mod, e)
  }
  // Directed presence, probes and errors go on as they are (the core routes them).
  return false
}

async function subscription(mod: ModuleApi, e: StanzaEvent, type: SubscriptionType) {
  const user = e.from.local!
  const bare = bareOf(mod, user)
  // §3.1.2 step 1: a request to a full JID is treated as sent to the bare JID.
  const contact = e.to.bare().toString()
  const before = await loadState(mod, user, contact)
  await saveState(mod, user, contact, before, TABLES[type](before.state))
  // §3.1.2: the server stamps the bare JID of the user, keeping any extended content.
  const out = e.stanza.clone()
  out.attrs.from = bare
  out.attrs.to = contact
  if (type === 'subscribe' || type === 'unsubscribe') {
    // §3.1.2 and §3.3.2: requests and cancellations are always routed; the contact's server
    // applies its own table (A.3.1, A.3.2), which also heals a roster that got out of sync.
    return mod.route(out)
  }
  if (type === 'subscribed') {
    // §3.4.2 rules 1 and 3: without a pending request there is nothing to approve; the stanza
    // is ignored or becomes a pre-approval, and either way it is not routed.
    if (!before.state.pendingIn) return
    await mod.route(out)
    // §3.1.5: then the contact gets the current presence of each available resource.
    await sendCurrentPresence(mod, user, contact)
    return
  }
  await cancellation(mod, user, contact, before.state, out)
}

/**
 * §3.2.2: an `unsubscribed`. Before the contact learns of the cancellation it gets unavailable
 * presence from every available resource (while it is still subscribed). A cancelled
 * subscription or a denied request is routed (A.2.4); dropping a pre-approval alone is not
 * (§3.2.2), nor is an unsubscribed that changes nothing.
 */
async function cancellation(
  mod: ModuleApi,
  user: string,
  contact: string,
  before: SubscriptionState,
  out: Element,
) {
  if (hasFrom(before)) {
    for (const r of await mod.resources(user)) {
      if (!r.available) continue
      const from = `${bareOf(mod, user)}/${r.resource}`
      await mod.route(presenceElement({ type: 'unavailable', from, to: contact }))
    }
  }
  if (hasFrom(before) || before.pendingIn) await mod.route(out)
}
