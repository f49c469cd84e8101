// The mechanisms, their hashes and the advertised order.

export type ScramMechanism = 'SCRAM-SHA-1' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'
export type Mechanism = ScramMechanism | 'PLAIN'

/**
 * What a server advertises in `<mechanisms/>` (RFC 6120 §6.4.1), strongest first. RFC 6120
 * §6.4.1 leaves the order to the server; clients pick their preferred one.
 * No `-PLUS` variant: TLS ends at the Cloudflare edge, so the Worker has no channel binding
 * data (RFC 5929) and a `-PLUS` exchange could never succeed. Since none is advertised, a
 * client's GS2 flag `y` is correct and accepted (RFC 5802 §6).
 */
export const SERVER_MECHANISMS: readonly Mechanism[] = [
  'SCRAM-SHA-512',
  'SCRAM-SHA-256',
  'SCRAM-SHA-1',
  'PLAIN',
]

export const SCRAM_MECHANISMS: readonly ScramMechanism[] = [
  'SCRAM-SHA-512',
  'SCRAM-SHA-256',
  'SCRAM-SHA-1',
]

export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-512'

/** The WebCrypto hash of each SCRAM mechanism: RFC 5802 (SHA-1), RFC 7677 (SHA-256), and SHA-512 by the same construction. */
export const SCRAM_HASH: Readonly<Record<ScramMechanism, HashName>> = {
  'SCRAM-SHA-1': 'SHA-1',
  'SCRAM-SHA-256': 'SHA-256',
  'SCRAM-SHA-512': 'SHA-512',
}

export const HASH_BYTES: Readonly<Record<HashName, number>> = {
  'SHA-1': 20,
  'SHA-256': 32,
  'SHA-512': 64,
}

export function isMechanism(name: string): name is Mechanism {
  return name === 'PLAIN' || isScramMechanism(name)
}

export function isScramMechanism(name: string): name is ScramMechanism {
  return Object.hasOwn(SCRAM_HASH, name)
}
