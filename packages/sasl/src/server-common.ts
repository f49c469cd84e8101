// Pieces both server mechanisms share: results, authorization and the unknown-user disguise.
import { SALT_BYTES } from './credentials'
import { hmac } from './crypto'
import { encodeBase64, utf8 } from './encoding'
import { failure, type SaslCondition } from './errors'
import type { ServerOptions, StepResult } from './server-types'

export function fail(mechanism: string, condition: SaslCondition, text?: string): StepResult {
  return {
    state: { step: 'done', mechanism, outcome: 'failure' },
    failure: failure(condition, text),
  }
}

/**
 * RFC 4616 §2 and RFC 5802 §5.1: authorization is checked only after authentication, so an
 * attacker without the password learns nothing from `invalid-authzid` (RFC 6120 §6.5.6).
 */
export async function isAuthorized(
  options: ServerOptions,
  username: string,
  authzid: string | null,
): Promise<boolean> {
  if (authzid === null) return true
  return options.authorize ? await options.authorize(username, authzid) : authzid === username
}

// A public key for deployments that set no secret; see ServerOptions.secret.
const FALLBACK_SECRET = 'tercet/sasl fake salt: set ServerOptions.secret in production'

/**
 * The salt answered for an unknown user: HMAC-SHA-256(secret, mechanism NUL username),
 * truncated to the length of real salts. Deterministic, so asking twice gives the same answer
 * as it would for a real user (the disguise RFC 5802 §9 and RFC 7677 §4 discuss).
 */
export async function fakeSalt(
  options: ServerOptions,
  mechanism: string,
  username: string,
): Promise<string> {
  const secret = options.secret ?? FALLBACK_SECRET
  const key = typeof secret === 'string' ? utf8(secret) : secret
  const mac = await hmac('SHA-256', key, utf8(`${mechanism}\0${username}`))
  return encodeBase64(mac.subarray(0, SALT_BYTES))
}
