// The module's options, read once at setup through `mod.option()` (the server's configuration).
import type { ModuleApi } from '@tercet/router'
import { DEFAULT_ITERATIONS } from '@tercet/sasl'

export interface RegisterOptions {
  /** In-band registration before authentication (XEP-0077 §3.1). Off unless configured. */
  allowRegistration: boolean
  /** Accounts one connection may create (XEP-0077 §3.1.1: a second identity is refused). */
  registrationsPerConnection: number
  /** Registration IQ sets one connection may send, failed ones included (XEP-0077 §3.1.1). */
  registrationAttemptsPerConnection: number
  /** PBKDF2 iterations of the stored SCRAM keys (RFC 7677 §4: at least 4096). */
  scramIterations: number
  /** Password changes after authentication (XEP-0077 §3.3); off → `not-allowed`. */
  allowPasswordChange: boolean
  /** Account removal after authentication (XEP-0077 §3.2); off → `not-allowed`. */
  allowAccountRemoval: boolean
  /** The `<instructions/>` of the registration form (XEP-0077 §3.1 Example 2). */
  registrationInstructions: string
}

export const REGISTER_DEFAULTS: Readonly<RegisterOptions> = {
  allowRegistration: false,
  registrationsPerConnection: 1,
  registrationAttemptsPerConnection: 5,
  scramIterations: DEFAULT_ITERATIONS,
  allowPasswordChange: true,
  allowAccountRemoval: true,
  registrationInstructions: 'Choose a username and password to register with this server.',
}

export function readOptions(mod: ModuleApi): RegisterOptions {
  const out = { ...REGISTER_DEFAULTS }
  for (const key of Object.keys(REGISTER_DEFAULTS) as (keyof RegisterOptions)[]) {
    ;(out as Record<string, unknown>)[key] = mod.option(key, REGISTER_DEFAULTS[key])
  }
  return out
}
