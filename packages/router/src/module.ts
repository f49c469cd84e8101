// The module system (DESIGN.md "Modules"): a module is `defineModule(name, setup)`, and setup
// receives everything it may use on `mod`. There are no globals.

import type { StreamErrorCondition } from '@tercet/stanza'
import type { Element } from '@tercet/xml'
import type {
  Handler,
  HostEvents,
  StanzaEvent,
  StanzaEventName,
  UnauthenticatedIqEvent,
  UnauthenticatedIqEventName,
} from './events'
import type { AccountDirectory } from './network'
import type { ResourceData, ResourceInfo } from './resources'
import type { StoreKind, StoreOfKind } from './stores'

export interface Identity {
  category: string
  type: string
  name?: string
  lang?: string
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

export interface ModuleApi {
  readonly name: string
  /** The domain this host serves. */
  readonly domain: string
  hook<E extends keyof HostEvents>(
    event: E,
    handler: Handler<HostEvents[E]>,
    priority?: number,
  ): void
  hook(event: StanzaEventName, handler: Handler<StanzaEvent>, priority?: number): void
  /** IQs on a stream that has not authenticated yet (XEP-0077 registration). */
  hook(
    event: UnauthenticatedIqEventName,
    handler: Handler<UnauthenticatedIqEvent>,
    priority?: number,
  ): void
  /** Advertises a disco#info feature (XEP-0030) for the server. */
  addFeature(ns: string): void
  addIdentity(identity: Identity): void
  /** Every feature and identity the host's modules advertised (for disco), live. */
  readonly features: readonly string[]
  readonly identities: readonly Identity[]
  /** A host option (the server's configuration), or `fallback` when it is not set. */
  option<T>(key: string, fallback: T): T
  openStore<T, K extends StoreKind>(name: string, kind: K): StoreOfKind<T>[K]
  /** Routes a stanza from the server (it must carry `from` and `to`). */
  route(stanza: Element): Promise<void>
  readonly log: Logger
  /** The account directory (registration, password changes, removal). */
  readonly accounts: AccountDirectory
  /** Account side: the user's live resources (empty on the session side). */
  resources(user: string): Promise<ResourceInfo[]>
  /** Account side: replaces a live resource's module data; false when it is gone. */
  updateResource(user: string, resource: string, data: ResourceData): Promise<boolean>
  /** Account side: writes a stanza straight to one live resource; false when it is gone. */
  sendToResource(user: string, resource: string, stanza: Element): Promise<boolean>
  /** Ends a session's stream with a stream error (e.g. after account removal). */
  kick(sessionId: string, condition: StreamErrorCondition, text?: string): Promise<void>
  /**
   * Fires an event of the typed map on this host (e.g. `user-deregistering`, so other modules
   * can clean up). Resolves true when a handler handled it.
   */
  fire<E extends keyof HostEvents>(event: E, payload: HostEvents[E]): Promise<boolean>
}

export interface Module {
  readonly name: string
  readonly setup: (mod: ModuleApi) => void
}

export function defineModule(name: string, setup: (mod: ModuleApi) => void): Module {
  return { name, setup }
}
