// The server's types. A ServerState is plain JSON: a Durable Object may hibernate between two
// client messages and restore it from the WebSocket attachment (DESIGN.md, "State is data").
import type { CredentialSet } from './credentials'
import type { SaslFailure } from './errors'
import type { Mechanism, ScramMechanism } from './mechanisms'

export type ServerState =
  /** Right after `<auth mechanism="…">`; the next message is the initial response, if any. */
  | { step: 'start'; mechanism: Mechanism }
  /** An empty challenge was sent because `<auth/>` carried no initial response (RFC 6120 §6.4.2). */
  | { step: 'await-initial'; mechanism: Mechanism }
  /** `<auth/>` named a mechanism this server does not offer (RFC 6120 §6.5.7). */
  | { step: 'invalid-mechanism'; mechanism: string }
  | ScramFinalState
  | { step: 'done'; mechanism: string; outcome: 'success' | 'failure' }

/**
 * Between server-first and client-final. It holds StoredKey and ServerKey, as sensitive as the
 * credential row itself: keep it server-side (a WebSocket attachment is; a cookie is not).
 */
export interface ScramFinalState {
  step: 'scram-final'
  mechanism: ScramMechanism
  username: string
  authzid: string | null
  gs2Header: string
  clientFirstBare: string
  serverFirst: string
  nonce: string
  storedKey: string
  serverKey: string
  /** False when the user is unknown: the exchange then runs on fake keys and must fail. */
  known: boolean
}

export interface SaslSuccess {
  /** The authentication identity, prepared with SASLprep. */
  username: string
  /** The authorization identity the client asked for, or null. */
  authzid: string | null
  /** Base64 for the text of `<success/>` (SCRAM's server-final, RFC 6120 §6.3.10), or null for none. */
  additionalData: string | null
}

/**
 * Exactly one of `challenge`, `success` and `failure` is present; the others are declared
 * `never` so `result.failure` reads as `SaslFailure | undefined` without narrowing first.
 */
export type StepResult =
  /** Base64 for the text of `<challenge/>`; '' is an empty challenge. */
  | { state: ServerState; challenge: string; success?: never; failure?: never }
  | { state: ServerState; success: SaslSuccess; challenge?: never; failure?: never }
  | { state: ServerState; failure: SaslFailure; challenge?: never; success?: never }

/**
 * Finds a user's credentials by prepared username; null or undefined for an unknown user.
 * A throw (storage down) becomes `temporary-auth-failure` (RFC 6120 §6.5.11).
 */
export type CredentialLookup = (
  username: string,
) => Promise<CredentialSet | null | undefined> | CredentialSet | null | undefined

export interface ServerOptions {
  /**
   * Keys the fake salt answered for unknown users, so the same unknown name always gets the
   * same salt yet nobody without the secret can tell it from a real one. Set it in production
   * (a Worker secret): without it a fixed public key is used, and an attacker who computes the
   * fake salt can tell unknown users apart.
   */
  secret?: string | Uint8Array
  /** Iterations answered for unknown users: use the count real credentials have. Default 4096. */
  fakeIterations?: number
  /**
   * May `username` act as `authzid`? Called only after authentication succeeded. Default: only
   * when authzid equals the username. XMPP clients often send their bare JID
   * (RFC 6120 §6.3.8), which needs this hook to be accepted.
   */
  authorize?: (username: string, authzid: string) => boolean | Promise<boolean>
  /** The server nonce part (RFC 5802 §5.1 s-nonce). Tests only; default 18 random bytes, base64. */
  nonce?: () => string
}
