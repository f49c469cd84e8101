// How the core reaches other objects. In apps/server each account and each session is its own
// Durable Object and these calls are RPCs; under testHost() they are plain function calls. The
// shapes carry only strings and JSON, so both behave the same.
import type { CredentialSet } from '@tercet/sasl'
import type { StreamErrorCondition } from '@tercet/stanza'

/**
 * What the sending side already knows of a routed stanza's root: enough for the account side
 * to deliver a message no module looks at without parsing its text (see `accountStanzaXml`).
 * Plain JSON, like everything that crosses the network.
 */
export interface StanzaHead {
  /** `message`, `presence` or `iq`. */
  kind: string
  to?: string | undefined
  type?: string | undefined
}

/** The local session a stanza came from. */
export interface Origin {
  sessionId: string
  /** Its bound full JID. */
  jid: string
}

export interface BindRequest {
  sessionId: string
  /** The prepared resourcepart the client asked for (RFC 6120 §7.7.2.1), if any. */
  resource?: string
}

/** RFC 6120 §7.6.2 and §7.7.2.2: what can go wrong when binding. */
export type BindError = 'conflict' | 'not-allowed' | 'resource-constraint'

export type BindOutcome = { jid: string } | { error: BindError }

/** The account side of one bare JID (its Account object). */
export interface AccountEndpoint {
  bind(request: BindRequest): Promise<BindOutcome>
  /** The session ended; forget its resource if it still holds it. */
  unbind(sessionId: string): Promise<void>
  /**
   * A stanza addressed to this account's bare JID or one of its full JIDs, serialised, with
   * its head as the sender parsed it (adapters pass `head` through unchanged).
   */
  stanza(xml: string, origin?: Origin, head?: StanzaHead): Promise<void>
  /**
   * Outbound presence from one of this account's own sessions, addressed elsewhere: the account
   * side processes it first (roster, subscription state, directed presence; RFC 6121 §3, §4.6)
   * and then routes it on.
   */
  outbound(xml: string, origin: Origin): Promise<void>
}

/** One connected session (its Session object). */
export interface SessionEndpoint {
  /** Writes a stanza, serialised, to the client. */
  push(xml: string): Promise<void>
  /** Ends the stream with this stream error (e.g. `conflict` when a new session took the resource). */
  close(condition: StreamErrorCondition, text?: string): Promise<void>
}

export interface Network {
  account(bare: string): AccountEndpoint
  session(id: string): SessionEndpoint
}

/** Accounts as SASL and registration see them. `user` is a prepared localpart. */
export interface AccountDirectory {
  exists(user: string): Promise<boolean>
  /** Stored SCRAM credentials (never passwords), or undefined for an unknown user. */
  credentials(user: string): Promise<CredentialSet | undefined>
  /** Creates an account; false when the name is taken (XEP-0077 `conflict`). */
  create(user: string, credentials: CredentialSet): Promise<boolean>
  /** Replaces an existing account's credentials (a password change). */
  setCredentials(user: string, credentials: CredentialSet): Promise<void>
  /** Removes an account and everything stored for it. */
  remove(user: string): Promise<void>
  /**
   * Told after each SASL verdict on an existing account, so it can throttle guessing across
   * all connections. While throttled, `credentials()` should throw: the SASL step turns that
   * into `temporary-auth-failure` (RFC 6120 §6.5.11).
   */
  recordAuthentication?(user: string, success: boolean): Promise<void>
}
