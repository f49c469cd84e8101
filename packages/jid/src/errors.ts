/** Which part of an address failed preparation or enforcement. */
export type JidPart = 'localpart' | 'domainpart' | 'resourcepart' | 'jid'

/**
 * An address that cannot be prepared (RFC 7622 §3). Stanza handlers answer it with the
 * `jid-malformed` stanza error (RFC 6120 §8.3.3.8); a stream header with a bad `to` gets
 * `host-unknown` or `improper-addressing` instead, which is the caller's choice.
 */
export class JidError extends Error {
  /** The RFC 6120 §8.3.3 stanza error condition this maps to. */
  readonly condition = 'jid-malformed' as const
  override readonly name = 'JidError'

  constructor(
    readonly part: JidPart,
    readonly reason: string,
    readonly input?: string,
  ) {
    super(`${part}: ${reason}`)
  }
}

/** U+XXXX notation for error messages. */
export function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
}
