export {
  itemElement,
  itemState,
  parseRosterSet,
  type RosterItem,
  type RosterLimits,
  type RosterSetRequest,
} from './items'
export { interestedResources, markInterested, pushItem } from './push'
export { ROSTER_DEFAULTS, roster } from './roster'
export { type ContactState, loadState, saveState } from './state'
export {
  countItems,
  deleteItem,
  getItem,
  getItems,
  getPendingIn,
  pendingRequests,
  putItem,
  rosterVersion,
  setPendingIn,
} from './store'
export {
  hasFrom,
  hasTo,
  inboundSubscribe,
  inboundSubscribed,
  inboundUnsubscribe,
  inboundUnsubscribed,
  NO_SUBSCRIPTION,
  outboundSubscribe,
  outboundSubscribed,
  outboundUnsubscribe,
  outboundUnsubscribed,
  type Subscription,
  type SubscriptionState,
  sameState,
  stateName,
} from './subscription'
