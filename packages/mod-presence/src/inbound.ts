// RFC 6121 §3 (contact side) and Appendix A.3: subscription stanzas arriving for an account,
// processed on that account's side (`presence/bare`, and `presence/full`, which §3.1.3 treats
// as the bare JID), plus the delivery of broadcast presence to available resources.
import {
  hasFrom,
  inboundSubscribe,
  inboundSubscribed,
  inboundUnsubscribe,
  inboundUnsubscribed,
  loadState,
  saveState,
} from '@tercet/mod-roster'
import type { ModuleApi, StanzaEvent } from '@tercet/router'
import { serialize } from '@tercet/xml'
import { bareOf, presenceElement, sendCurrentPresence, toAvailable, toInterested } from './deliver'
import { answerProbe } from './probe'

/** `presence/bare` and `presence/full`: returns true when handled. */
export async function inbound(mod: ModuleApi, e: StanzaEvent, target: 'bare' | 'full') {
  switch (e.stanza.attr('type')) {
    case 'subscribe':
      return subscribe(mod, e)
    case 'subscribed':
    case 'unsubscribe':
    case 'unsubscribed':
      return answer(mod, e)
    case 'probe':
      return answerProbe(mod, e)
    case undefined:
    case 'unavailable':
      if (target === 'full') return false // RFC 6121 §8.5.3.1: the core delivers it
      // §8.5.2.1.2: to every available resource (including one sending initial presence now).
      await toAvailable(mod, e.to.local!, e.stanza)
      return true
    default:
      return false
  }
}

// Inbound subscription stanzas are about bare JIDs on both ends (§3.1.2, §3.1.3).
function parties(mod: ModuleApi, e: StanzaEvent) {
  const user = e.to.local!
  const contact = e.from.bare().toString()
  const stanza = e.stanza.clone()
  stanza.attrs.from = contact
  stanza.attrs.to = bareOf(mod, user)
  return { user, contact, stanza }
}

/** A.3.1 and §3.1.3 (with §3.4.2 for pre-approvals). */
async function subscribe(mod: ModuleApi, e: StanzaEvent): Promise<true> {
  const { user, contact, stanza } = parties(mod, e)
  const before = await loadState(mod, user, contact)
  const approve = async () => {
    const reply = presenceElement({ type: 'subscribed', from: bareOf(mod, user), to: contact })
    await mod.route(reply)
    // An approval is followed by the current presence (§3.1.5), so the contact sees the user.
    await sendCurrentPresence(mod, user, contact)
  }
  // §3.1.3 step 2: the contact already has a subscription: the server answers for the user.
  if (hasFrom(before.state)) {
    await approve()
    return true
  }
  const next = inboundSubscribe(before.state)
  if (before.state.approved) {
    // §3.4.2: a pre-approved request is approved at once and never shown to the user.
    await saveState(mod, user, contact, before, next)
    await approve()
    return true
  }
  // A.3.1: a request that is already pending is not delivered again.
  if (before.state.pendingIn) return true
  // §3.1.3 steps 3 and 4: delivered to the available resources now, and kept whole so that
  // every resource that becomes available later gets it too, until the user answers.
  await toAvailable(mod, user, stanza)
  await saveState(mod, user, contact, before, next, serialize(stanza))
  return true
}

const ANSWERS = {
  subscribed: inboundSubscribed, // A.3.3, §3.1.6
  unsubscribe: inboundUnsubscribe, // A.3.2, §3.3.3
  unsubscribed: inboundUnsubscribed, // A.3.4, §3.2.3
} as const

/**
 * A.3.2–A.3.4: delivered to the interested resources and pushed when they change the state
 * (§3.1.6, §3.2.3, §3.3.3 steps 1 and 2); silently ignored when they change nothing.
 */
async function answer(mod: ModuleApi, e: StanzaEvent): Promise<true> {
  const { user, contact, stanza } = parties(mod, e)
  const type = stanza.attr('type') as keyof typeof ANSWERS
  const before = await loadState(mod, user, contact)
  const next = ANSWERS[type](before.state)
  if (next === before.state) return true
  // §3.3.3: a request from someone not in the roster is simply forgotten, not delivered.
  if (type !== 'unsubscribe' || before.item !== undefined) await toInterested(mod, user, stanza)
  await saveState(mod, user, contact, before, next)
  // §3.3.3 step 3: a contact that unsubscribes gets unavailable from each available resource.
  if (type === 'unsubscribe' && hasFrom(before.state)) {
    for (const r of await mod.resources(user)) {
      if (!r.available) continue
      const from = `${bareOf(mod, user)}/${r.resource}`
      await mod.route(presenceElement({ type: 'unavailable', from, to: contact }))
    }
  }
  return true
}
