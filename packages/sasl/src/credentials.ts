// Stored SCRAM credentials (RFC 5802 §2.2, §3): the server keeps StoredKey and ServerKey,
// never the password, and PLAIN is verified against the same record.

import { digest, hi, hmac, randomBytes } from './crypto'
import { decodeBase64, encodeBase64, utf8 } from './encoding'
import { type HashName, SCRAM_HASH, SCRAM_MECHANISMS, type ScramMechanism } from './mechanisms'
import { saslprep } from './saslprep'

/** RFC 7677 §4 and RFC 5802 §9: the iteration count SHOULD be at least 4096. */
export const DEFAULT_ITERATIONS = 4096
/**
 * Cloudflare Workers' WebCrypto refuses PBKDF2 above 100,000 iterations (a NotSupportedError),
 * so credentials derived with more cannot be checked by PLAIN on a production Worker.
 */
export const WORKERS_MAX_ITERATIONS = 100_000
/** 16 random bytes, as in RFC 7677 §3's example. */
export const SALT_BYTES = 16

/** One mechanism's stored credentials; the binary fields are base64 (RFC 4648 §4) so the record is JSON. */
export interface ScramCredentials {
  salt: string
  iterations: number
  storedKey: string
  serverKey: string
}

/** What a lookup returns for a user: credentials for some or all SCRAM hashes. */
export type CredentialSet = { [M in ScramMechanism]?: ScramCredentials }

export interface DeriveOptions {
  mechanism: ScramMechanism
  /** Default DEFAULT_ITERATIONS (4096). Production Workers cap PBKDF2 at 100,000. */
  iterations?: number
  /** Raw bytes or their base64; default SALT_BYTES random bytes. */
  salt?: Uint8Array | string
}

/**
 * SaltedPassword, StoredKey and ServerKey from RFC 5802 §3 for `password`, which is prepared
 * with SASLprep as a stored string first (RFC 5802 §2.2 Normalize). Throws SaslprepError for a
 * password SASLprep refuses and RangeError for a bad iteration count or salt.
 */
export async function deriveCredentials(
  password: string,
  options: DeriveOptions,
): Promise<ScramCredentials> {
  const iterations = options.iterations ?? DEFAULT_ITERATIONS
  // RFC 5802 §7: iteration-count is a positive number.
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new RangeError(`iterations must be a positive integer, got ${iterations}`)
  }
  const salt = saltBytes(options.salt)
  const hash = SCRAM_HASH[options.mechanism]
  const salted = await hi(hash, utf8(saslprep(password)), salt, iterations)
  const keys = await keysFromSaltedPassword(hash, salted)
  return {
    salt: encodeBase64(salt),
    iterations,
    storedKey: encodeBase64(keys.storedKey),
    serverKey: encodeBase64(keys.serverKey),
  }
}

/** `deriveCredentials` for several mechanisms (default all three), each with its own salt. */
export async function deriveCredentialSet(
  password: string,
  options: { iterations?: number; mechanisms?: readonly ScramMechanism[] } = {},
): Promise<CredentialSet> {
  const set: CredentialSet = {}
  for (const mechanism of options.mechanisms ?? SCRAM_MECHANISMS) {
    const derive: DeriveOptions = { mechanism }
    if (options.iterations !== undefined) derive.iterations = options.iterations
    set[mechanism] = await deriveCredentials(password, derive)
  }
  return set
}

function saltBytes(salt: Uint8Array | string | undefined): Uint8Array {
  if (salt === undefined) return randomBytes(SALT_BYTES)
  const bytes = typeof salt === 'string' ? decodeBase64(salt) : salt
  // RFC 5802 §7: salt = "s=" base64, and an empty salt would make Hi unsalted.
  if (bytes === null || bytes.length === 0) throw new RangeError('salt must be non-empty base64')
  return bytes
}

export interface ScramKeys {
  clientKey: Uint8Array
  storedKey: Uint8Array
  serverKey: Uint8Array
}

/** RFC 5802 §3: ClientKey := HMAC(SaltedPassword, "Client Key"), StoredKey := H(ClientKey), ServerKey := HMAC(SaltedPassword, "Server Key"). */
export async function keysFromSaltedPassword(
  hash: HashName,
  salted: Uint8Array,
): Promise<ScramKeys> {
  const clientKey = await hmac(hash, salted, utf8('Client Key'))
  const storedKey = await digest(hash, clientKey)
  const serverKey = await hmac(hash, salted, utf8('Server Key'))
  return { clientKey, storedKey, serverKey }
}
