// RFC 6121 §8.5: what the server does with a stanza addressed to one of its own users. Pure
// decisions over the account's live resources, so every adapter gets the same behaviour.
import type { MessageType, PresenceType } from '@tercet/stanza'

/** A bound resource of an account, as the account side keeps it. */
export interface LiveResource {
  resource: string
  sessionId: string
  /** RFC 6121 §4.7.2.3; 0 until the resource sends presence with a priority. */
  priority: number
  /** True after initial presence and until unavailable presence (RFC 6121 §1.3 "available"). */
  available: boolean
}

export type Decision =
  | { action: 'deliver'; to: LiveResource[] }
  /** No resource can take it: offer it to offline storage, else service-unavailable. */
  | { action: 'offline' }
  | { action: 'error'; condition: 'service-unavailable' }
  | { action: 'drop' }
  /** Handle it as if it had been addressed to the bare JID. */
  | { action: 'bare' }

const drop: Decision = { action: 'drop' }
const serviceUnavailable: Decision = { action: 'error', condition: 'service-unavailable' }

function nonNegative(resources: readonly LiveResource[]): LiveResource[] {
  return resources.filter((r) => r.available && r.priority >= 0)
}

/** RFC 6121 §8.5.2.1.1 and §8.5.2.2.1: a message to the bare JID of an existing account. */
export function messageToBare(type: MessageType, resources: readonly LiveResource[]): Decision {
  const candidates = nonNegative(resources)
  switch (type) {
    case 'normal':
    case 'chat': {
      // Negative priority never receives bare-JID messages (RFC 6121 §4.7.2.3). With no
      // candidate the message goes to offline storage or bounces (§8.5.2.2.1).
      if (candidates.length === 0) return { action: 'offline' }
      // The highest-priority resource; all of them when several share that priority.
      const top = Math.max(...candidates.map((r) => r.priority))
      return { action: 'deliver', to: candidates.filter((r) => r.priority === top) }
    }
    case 'headline':
      // Every available resource with non-negative priority; nobody, then silently dropped.
      return candidates.length > 0 ? { action: 'deliver', to: candidates } : drop
    case 'groupchat':
      // MUST NOT be delivered to a user's resources; SHOULD bounce with service-unavailable.
      return serviceUnavailable
    case 'error':
      return drop
  }
}

/**
 * RFC 6121 §8.5.2.1.2 and §8.5.2.2.2: presence to the bare JID, when no module (presence
 * subscriptions, probes) handled it first. Available and unavailable presence goes to every
 * available resource; nothing else is delivered by default.
 */
export function presenceToBare(type: PresenceType, resources: readonly LiveResource[]): Decision {
  if (type === 'available' || type === 'unavailable') {
    const to = resources.filter((r) => r.available)
    return to.length > 0 ? { action: 'deliver', to } : drop
  }
  // Subscription states and probes belong to the presence module (RFC 6121 §3, §4.3): without
  // one, a subscription request is shown to the user's available resources, the rest dropped.
  if (
    type === 'subscribe' ||
    type === 'subscribed' ||
    type === 'unsubscribe' ||
    type === 'unsubscribed'
  ) {
    const to = nonNegative(resources)
    return to.length > 0 ? { action: 'deliver', to } : drop
  }
  return drop
}

/** RFC 6121 §8.5.3.2: a stanza to a full JID whose resource is not online. */
export function toUnavailableFull(kind: 'message' | 'presence' | 'iq', type: string): Decision {
  if (kind === 'iq') {
    // §8.5.3.2.3: an IQ get/set gets service-unavailable; a result or error is ignored.
    return type === 'get' || type === 'set' ? serviceUnavailable : drop
  }
  if (kind === 'message') {
    // §8.5.3.2.1: normal and chat are handled as if sent to the bare JID, groupchat bounces,
    // headline and error are ignored.
    if (type === 'normal' || type === 'chat') return { action: 'bare' }
    return type === 'groupchat' ? serviceUnavailable : drop
  }
  // §8.5.3.2.2: subscription-related presence and probes go to the bare JID; available and
  // unavailable presence to a resource that is not there is ignored.
  return type === 'available' || type === 'unavailable' || type === 'error'
    ? drop
    : { action: 'bare' }
}

export type NoSuchUserPolicy = 'drop' | 'service-unavailable'

/** RFC 6121 §8.5.1: a stanza to a localpart that has no account. */
export function toNonexistent(
  kind: 'message' | 'presence' | 'iq',
  type: string,
  messagePolicy: NoSuchUserPolicy,
): Decision {
  if (kind === 'iq') return type === 'get' || type === 'set' ? serviceUnavailable : drop
  // Presence of every type is silently ignored (the server may not reveal the account's absence).
  if (kind === 'presence') return drop
  // A message is ignored or bounced, as configured; never an error in reply to an error.
  if (type === 'error') return drop
  return messagePolicy === 'service-unavailable' ? serviceUnavailable : drop
}
