// RFC 6121 Appendix A: the presence subscription state machine, as pure functions over one
// contact's state. The presence module decides what to route and deliver; these tables only say
// what the state becomes. Both sides of a subscription use them: A.2 on the server of the
// entity that sends the stanza, A.3 on the server of the entity that receives it.

/** RFC 6121 §2.1.2.5: the 'subscription' attribute of a roster item. */
export type Subscription = 'none' | 'to' | 'from' | 'both'

/**
 * One contact's subscription state (RFC 6121 Appendix A.1): the four subscription values, plus
 * the two pending flags (A.1 "Pending Out" is the item's `ask`, "Pending In" a request the
 * user has not answered yet) and the §3.4 pre-approval.
 */
export interface SubscriptionState {
  subscription: Subscription
  /** "Pending Out": the user asked the contact and got no answer yet (`ask="subscribe"`). */
  pendingOut: boolean
  /** "Pending In": the contact asked the user and got no answer yet. */
  pendingIn: boolean
  /** RFC 6121 §3.4: the user approved a subscription request before it arrived. */
  approved: boolean
}

export const NO_SUBSCRIPTION: SubscriptionState = Object.freeze({
  subscription: 'none',
  pendingOut: false,
  pendingIn: false,
  approved: false,
})

/** The user receives the contact's presence ("To" or "Both"). */
export const hasTo = (s: SubscriptionState): boolean =>
  s.subscription === 'to' || s.subscription === 'both'

/** The contact receives the user's presence ("From" or "Both"). */
export const hasFrom = (s: SubscriptionState): boolean =>
  s.subscription === 'from' || s.subscription === 'both'

function compose(to: boolean, from: boolean): Subscription {
  if (to && from) return 'both'
  if (to) return 'to'
  return from ? 'from' : 'none'
}

const withTo = (s: SubscriptionState, to: boolean) => compose(to, hasFrom(s))
const withFrom = (s: SubscriptionState, from: boolean) => compose(hasTo(s), from)

export function sameState(a: SubscriptionState, b: SubscriptionState): boolean {
  return (
    a.subscription === b.subscription &&
    a.pendingOut === b.pendingOut &&
    a.pendingIn === b.pendingIn &&
    a.approved === b.approved
  )
}

/** The Appendix A name of a state, e.g. "None + Pending Out+In" (for logs and tests). */
export function stateName(s: SubscriptionState): string {
  const base = s.subscription[0]!.toUpperCase() + s.subscription.slice(1)
  const pending = [s.pendingOut ? 'Out' : '', s.pendingIn ? 'In' : ''].filter(Boolean).join('+')
  return pending ? `${base} + Pending ${pending}` : base
}

/**
 * A.2.1: the user sends `subscribe`. "None" becomes "None + Pending Out", "None + Pending In"
 * becomes "None + Pending Out+In", "From" becomes "From + Pending Out"; every other state
 * (already subscribed, or already pending out) is unchanged.
 */
export function outboundSubscribe(s: SubscriptionState): SubscriptionState {
  if (hasTo(s) || s.pendingOut) return s
  return { ...s, pendingOut: true }
}

/**
 * A.2.2: the user sends `unsubscribe`: the "To" half and any "Pending Out" go ("To" → "None",
 * "To + Pending In" → "None + Pending In", "Both" → "From", "None + Pending Out+In" →
 * "None + Pending In", "From + Pending Out" → "From").
 */
export function outboundUnsubscribe(s: SubscriptionState): SubscriptionState {
  if (!hasTo(s) && !s.pendingOut) return s
  return { ...s, subscription: withTo(s, false), pendingOut: false }
}

/**
 * A.2.3 with §3.4.2: the user sends `subscribed`. With a pending request it is an approval
 * ("None + Pending In" → "From", "None + Pending Out+In" → "From + Pending Out",
 * "To + Pending In" → "Both"). Without one, "None", "None + Pending Out" and "To" note a
 * pre-approval; "From", "From + Pending Out" and "Both" are unchanged.
 */
export function outboundSubscribed(s: SubscriptionState): SubscriptionState {
  if (s.pendingIn) return { ...s, subscription: withFrom(s, true), pendingIn: false }
  if (hasFrom(s) || s.approved) return s
  return { ...s, approved: true }
}

/**
 * A.2.4 with §3.2.2: the user sends `unsubscribed`: the "From" half and any "Pending In" go
 * ("From" → "None", "Both" → "To", "None + Pending In" → "None", …), and so does a
 * pre-approval.
 */
export function outboundUnsubscribed(s: SubscriptionState): SubscriptionState {
  if (!hasFrom(s) && !s.pendingIn && !s.approved) return s
  return { ...s, subscription: withFrom(s, false), pendingIn: false, approved: false }
}

/**
 * A.3.1 with §3.4.2: a `subscribe` from the contact. "From", "From + Pending Out" and "Both"
 * are unchanged (the server answers for the user, §3.1.3). A pre-approval turns it into "From"
 * at once (§3.4.2). Otherwise it becomes pending in, unless it already was.
 */
export function inboundSubscribe(s: SubscriptionState): SubscriptionState {
  if (hasFrom(s) || s.pendingIn) return s
  if (s.approved) return { ...s, subscription: withFrom(s, true), approved: false }
  return { ...s, pendingIn: true }
}

/**
 * A.3.2: an `unsubscribe` from the contact: the "From" half and any "Pending In" go
 * ("None + Pending In" → "None", "To + Pending In" → "To", "From" → "None",
 * "From + Pending Out" → "None + Pending Out", "Both" → "To").
 */
export function inboundUnsubscribe(s: SubscriptionState): SubscriptionState {
  if (!hasFrom(s) && !s.pendingIn) return s
  return { ...s, subscription: withFrom(s, false), pendingIn: false }
}

/**
 * A.3.3: a `subscribed` from the contact counts only while the user's request is pending
 * ("None + Pending Out" → "To", "None + Pending Out+In" → "To + Pending In",
 * "From + Pending Out" → "Both"); in every other state it is ignored.
 */
export function inboundSubscribed(s: SubscriptionState): SubscriptionState {
  if (!s.pendingOut) return s
  return { ...s, subscription: withTo(s, true), pendingOut: false }
}

/**
 * A.3.4: an `unsubscribed` from the contact: the "To" half and any "Pending Out" go
 * ("None + Pending Out" → "None", "To" → "None", "To + Pending In" → "None + Pending In",
 * "From + Pending Out" → "From", "Both" → "From", …).
 */
export function inboundUnsubscribed(s: SubscriptionState): SubscriptionState {
  if (!hasTo(s) && !s.pendingOut) return s
  return { ...s, subscription: withTo(s, false), pendingOut: false }
}
