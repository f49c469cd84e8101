// WebCrypto primitives of RFC 5802 §2.2: H, HMAC and Hi (PBKDF2 with HMAC as the PRF).
import { HASH_BYTES, type HashName } from './mechanisms'

const subtle = () => crypto.subtle

// Copies into a fresh ArrayBuffer-backed view: WebCrypto's types refuse SharedArrayBuffer views.
const buf = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes)

export async function digest(hash: HashName, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest(hash, buf(data)))
}

export async function hmac(hash: HashName, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const k = await subtle().importKey('raw', buf(key), { name: 'HMAC', hash }, false, ['sign'])
  return new Uint8Array(await subtle().sign('HMAC', k, buf(data)))
}

/**
 * Hi(str, salt, i) of RFC 5802 §2.2 is PBKDF2 (RFC 8018 §5.2) with HMAC-H as the PRF and
 * dkLen equal to the hash length. Cloudflare Workers refuse more than 100,000 iterations.
 */
export async function hi(
  hash: HashName,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
): Promise<Uint8Array> {
  const key = await subtle().importKey('raw', buf(password), 'PBKDF2', false, ['deriveBits'])
  const params = { name: 'PBKDF2', hash, salt: buf(salt), iterations }
  return new Uint8Array(await subtle().deriveBits(params, key, HASH_BYTES[hash] * 8))
}

export function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length)
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ (b[i] ?? 0)
  return out
}

/**
 * Compares without an early exit, so the time taken does not reveal where two proofs first
 * differ (RFC 5802 §9 asks for the proof to be checked; a timing oracle would leak StoredKey
 * comparisons byte by byte). The lengths are public (fixed by the hash), so they may short-cut.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length))
}
