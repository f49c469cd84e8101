/**
 * The SASL failure conditions of RFC 6120 §6.5, each sent as the child of `<failure/>`.
 * The server mechanisms here produce `aborted`, `incorrect-encoding`, `invalid-authzid`,
 * `invalid-mechanism`, `malformed-request`, `not-authorized` and `temporary-auth-failure`;
 * the others belong to account policy and transport, which the caller owns.
 */
export type SaslCondition =
  | 'aborted' // §6.5.1
  | 'account-disabled' // §6.5.2
  | 'credentials-expired' // §6.5.3
  | 'encryption-required' // §6.5.4
  | 'incorrect-encoding' // §6.5.5
  | 'invalid-authzid' // §6.5.6
  | 'invalid-mechanism' // §6.5.7
  | 'malformed-request' // §6.5.8
  | 'mechanism-too-weak' // §6.5.9
  | 'not-authorized' // §6.5.10
  | 'temporary-auth-failure' // §6.5.11

/** What `<failure/>` carries: the condition and, optionally, `<text/>` (RFC 6120 §6.4.5). */
export interface SaslFailure {
  condition: SaslCondition
  text?: string
}

/**
 * Thrown by the client mechanisms when the server's data is unacceptable, so the client
 * must `<abort/>` (RFC 6120 §6.4.5); the condition says why, in the server's vocabulary.
 */
export class SaslError extends Error {
  override readonly name = 'SaslError'

  constructor(
    readonly condition: SaslCondition,
    /** Human-readable detail, usable as the `<text/>` of a failure. */
    readonly detail: string,
  ) {
    super(`${condition}: ${detail}`)
  }
}

/** The failure result the server step functions return, with `text` only when given. */
export function failure(condition: SaslCondition, text?: string): SaslFailure {
  return text === undefined ? { condition } : { condition, text }
}
