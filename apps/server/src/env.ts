// The Worker's bindings and configuration (wrangler.jsonc `vars`, secrets, Durable Objects).
import type { Account } from './account-object'
import type { Session } from './session-object'

export interface Env {
  SESSION: DurableObjectNamespace<Session>
  ACCOUNT: DurableObjectNamespace<Account>
  /** The XMPP domain served (RFC 7622 domainpart). `localhost` in local dev. */
  XMPP_DOMAIN: string
  /** "true" lets plain ws:// in (local dev only: TLS belongs to the edge). */
  ALLOW_INSECURE?: string
  /** "true" turns on XEP-0077 in-band registration. */
  ALLOW_REGISTRATION?: string
  /** Bearer token of the admin API: a wrangler secret in production, fixed in local dev. */
  ADMIN_TOKEN?: string
  /** Keys the fake SCRAM salts of unknown users (a secret in production). */
  SASL_SECRET?: string
  /** Milliseconds a connection has to send <open/> (default 30,000). */
  OPEN_TIMEOUT_MS?: string
  /** Milliseconds a connection has to authenticate (default 60,000). */
  AUTH_TIMEOUT_MS?: string
  /** PBKDF2 iterations for new credentials (≤ 100,000 on Cloudflare). */
  SCRAM_ITERATIONS?: string
}

export const flag = (value: string | undefined) => value === 'true' || value === '1'
