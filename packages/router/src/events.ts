// Event payloads. Names follow Prosody's vocabulary (STYLE.md): `iq-get/host/urn:xmpp:ping:ping`,
// `message/bare`, `presence/full`, `pre-message/bare`, `stream-features`, `resource-bind` …
import type { Jid } from '@tercet/jid'
import type { StanzaError } from '@tercet/stanza'
import type { Element } from '@tercet/xml'
import type { Origin } from './network'
import type { ResourceData } from './resources'
import type { SessionRecord } from './session'

/** Who a stanza event is for: the server itself, an account, or one of its resources. */
export type Target = 'host' | 'bare' | 'full' | 'self'
export type StanzaKind = 'message' | 'presence' | 'iq'

/**
 * A stanza event: `message/bare`, `iq-get/host/urn:xmpp:ping:ping`, `pre-presence/full`, …
 * Handlers return true once they have handled it; the first true stops propagation.
 */
export interface StanzaEvent {
  readonly stanza: Element
  /** The sender, prepared (stamped by the router for client stanzas). */
  readonly from: Jid
  /** The addressee, prepared; the sender's bare JID when the stanza had no `to`. */
  readonly to: Jid
  /** The local session that sent it, when it came from one. */
  readonly origin: Origin | undefined
  /** The sending session's record: only on the session's own side (host and pre- events). */
  readonly session: SessionRecord | undefined
  /** For an IQ get/set: sends the result (with an optional payload). Returns true. */
  reply(payload?: Element): true
  /** Answers with an error stanza (never to an error, RFC 6120 §8.3.1). Returns true. */
  error(error: StanzaError): true
  /** Routes any stanza from the server as if it came from its `from` (which it must have). */
  route(stanza: Element): Promise<void>
  /**
   * `presence/self` only: the sending resource's state before this presence (the core has
   * already recorded the new one). Not available before means this is initial presence.
   */
  readonly resourceBefore?: { readonly available: boolean; readonly priority: number }
}

/** Alias for IQ handlers, as in STYLE.md's ping example. */
export type IqEvent = StanzaEvent

export interface StreamFeaturesEvent {
  readonly session: SessionRecord
  /** The `<stream:features/>` being built: append children to it. */
  readonly features: Element
}

export interface SessionEvent {
  readonly session: SessionRecord
}

export interface SessionClosedEvent {
  readonly session: SessionRecord
  /** Why: `close` (the client sent `<close/>`), a stream error condition, or the adapter's word. */
  readonly reason: string
}

/** A resource came or went on the account side. */
export interface ResourceEvent {
  readonly user: string
  readonly jid: Jid
  /** True when the resource had sent available presence (RFC 6121 §4.5 needs to know). */
  readonly wasAvailable: boolean
  /** The module data the resource carried (directed presence, interest in the roster …). */
  readonly data: ResourceData
}

/**
 * The typed event map. Modules add their own events by declaration merging:
 *
 *   declare module '@tercet/router' { interface HostEvents { 'roster/changed': { user: string } } }
 */
export interface HostEvents {
  'stream-features': StreamFeaturesEvent
  'resource-bind': SessionEvent
  'session-closed': SessionClosedEvent
  /** Account side: a resource was unbound (session closed or replaced). */
  'resource-unbind': ResourceEvent
}

type IqType = 'get' | 'set' | 'result' | 'error'
/** Every stanza event name the router fires. */
export type StanzaEventName =
  | `${StanzaKind}/${Target}`
  | `pre-${StanzaKind}/${Target}`
  | `iq-${IqType}/${Target}/${string}`
  | `message/offline`

/** `iq-get/unauthenticated/<ns>:<name>` or `iq-set/…`: IQs before authentication. */
export type UnauthenticatedIqEventName = `iq-${'get' | 'set'}/unauthenticated/${string}`

/**
 * An IQ on a stream that has not authenticated (XEP-0077 §3.1). The sender has no address
 * yet: replies go straight back on the stream.
 */
export interface UnauthenticatedIqEvent {
  readonly stanza: Element
  readonly session: SessionRecord
  reply(payload?: Element): true
  error(error: StanzaError): true
}

/** A hook's handler: return true once handled; anything else lets the next handler run. */
export type Handler<P> = (payload: P) => unknown
