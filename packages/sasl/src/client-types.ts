// The client's types: the same step-function shape as the server, JSON state included.
import type { Mechanism, ScramMechanism } from './mechanisms'

export interface ClientCredentials {
  /** The authentication identity (RFC 4422 §2); for XMPP, the localpart (RFC 6120 §6.3.8). */
  username: string
  password: string
  /** Ask to act as this identity; omit it to act as yourself (RFC 6120 §6.3.8 advises omitting). */
  authzid?: string
}

export interface ClientOptions {
  /** The client nonce (RFC 5802 §5.1 c-nonce). Tests only; default 18 random bytes, base64. */
  nonce?: string
  /** Refuse servers asking for fewer iterations; default 4096 (RFC 7677 §4, RFC 5802 §9). */
  minIterations?: number
  /** Refuse servers asking for more, which would stall the client; default 1,000,000. */
  maxIterations?: number
}

/**
 * Holds the password until server-first arrives (Hi needs it), then only the expected
 * server signature. Keep it where the password may be kept.
 */
export type ClientState =
  | { step: 'plain-sent'; mechanism: 'PLAIN' }
  | {
      step: 'scram-first-sent'
      mechanism: ScramMechanism
      password: string
      gs2Header: string
      clientFirstBare: string
      nonce: string
      minIterations: number
      maxIterations: number
    }
  | { step: 'scram-final-sent'; mechanism: ScramMechanism; serverSignature: string }
  /** The server signature came in a challenge (pre-RFC 6120 servers); success comes next. */
  | { step: 'scram-verified'; mechanism: ScramMechanism }
  | { step: 'done'; mechanism: Mechanism }

/** Base64 for the text of `<auth/>` or `<response/>`. */
export interface ClientStepResult {
  state: ClientState
  response: string
}
