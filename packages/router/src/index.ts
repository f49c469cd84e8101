export {
  newThrottle,
  type ThrottleOptions,
  type ThrottleState,
  throttleAllows,
  throttleRecord,
} from './auth-throttle'
export type { Output } from './core'
export type { Decision, LiveResource, NoSuchUserPolicy } from './delivery-rules'
export { messageToBare, presenceToBare, toNonexistent, toUnavailableFull } from './delivery-rules'
export type {
  Handler,
  HostEvents,
  IqEvent,
  ResourceEvent,
  SessionClosedEvent,
  SessionEvent,
  StanzaEvent,
  StanzaEventName,
  StanzaKind,
  StreamFeaturesEvent,
  Target,
  UnauthenticatedIqEvent,
  UnauthenticatedIqEventName,
} from './events'
export { createHost, type Host, type HostConfig } from './host'
export { defineModule, type Identity, type Logger, type Module, type ModuleApi } from './module'
export { DEFAULT_MECHANISMS } from './negotiation'
export type {
  AccountDirectory,
  AccountEndpoint,
  BindError,
  BindOutcome,
  BindRequest,
  Network,
  Origin,
  SessionEndpoint,
  StanzaHead,
} from './network'
export { type RateState, type RateVerdict, takeToken } from './rate-limit'
export { liveResources, type ResourceData, type ResourceRecord } from './resources'
export { createSession, type SessionData, type SessionRecord, type SessionStage } from './session'
export type {
  ArchiveItem,
  ArchiveQuery,
  ArchiveResult,
  ArchiveStore,
  KeyValStore,
  MapStore,
  Storage,
  StoreKind,
  StoreOfKind,
} from './stores'
export { UnknownArchiveIdError } from './stores'
