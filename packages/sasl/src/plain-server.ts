// PLAIN server (RFC 4616), verified against stored SCRAM credentials: the server never holds
// the password, so it recomputes StoredKey from the one presented (RFC 5802 §3).
import { DEFAULT_ITERATIONS, keysFromSaltedPassword, type ScramCredentials } from './credentials'
import { hi, timingSafeEqual } from './crypto'
import { decodeBase64, utf8 } from './encoding'
import { SaslError } from './errors'
import { SCRAM_HASH, SCRAM_MECHANISMS, type ScramMechanism } from './mechanisms'
import { SaslprepError, saslprep } from './saslprep'
import { fail, fakeSalt, isAuthorized } from './server-common'
import type { CredentialLookup, ServerOptions, StepResult } from './server-types'

const malformed = (detail: string) => new SaslError('malformed-request', detail)

/** message = [authzid] UTF8NUL authcid UTF8NUL passwd (RFC 4616 §2). */
export async function plainVerify(
  message: string,
  lookup: CredentialLookup,
  options: ServerOptions,
): Promise<StepResult> {
  const parts = message.split('\0')
  if (parts.length !== 3) throw malformed('expected [authzid] NUL authcid NUL passwd (RFC 4616 §2)')
  const [authzid, authcid, passwd] = parts as [string, string, string]
  // RFC 4616 §2: authcid = 1*SAFE and passwd = 1*SAFE.
  if (authcid === '' || passwd === '') throw malformed('empty authcid or passwd (RFC 4616 §2)')
  const username = prepare(authcid, true)
  // RFC 5802 §2.2 prepares passwords as stored strings; one SASLprep refuses can match no
  // stored credential, since deriveCredentials refuses it too.
  const password = prepare(passwd, false)
  let set: Awaited<ReturnType<CredentialLookup>>
  try {
    set = await lookup(username)
  } catch {
    return fail('PLAIN', 'temporary-auth-failure') // RFC 6120 §6.5.11
  }
  // The strongest hash the user has. An unknown user still pays for one PBKDF2 run, on the
  // strongest hash as deriveCredentialSet users have it, so the answer takes as long as a
  // wrong password does (RFC 6120 §6.5.10 covers both).
  const mechanism = SCRAM_MECHANISMS.find((m) => set?.[m] !== undefined) ?? SCRAM_MECHANISMS[0]!
  const creds = set?.[mechanism] ?? (await fake(mechanism, username, options))
  const ok = password !== null && (await matches(mechanism, creds, password))
  if (!ok || set?.[mechanism] === undefined) return fail('PLAIN', 'not-authorized')
  const requested = authzid === '' ? null : authzid
  if (!(await isAuthorized(options, username, requested))) return fail('PLAIN', 'invalid-authzid')
  return {
    state: { step: 'done', mechanism: 'PLAIN', outcome: 'success' },
    success: { username, authzid: requested, additionalData: null },
  }
}

// RFC 4616 §2 recommends SASLprep for authcid and passwd. A username SASLprep refuses is
// malformed (it can name nobody); a refused password is reported as null, i.e. wrong.
function prepare(text: string, isUsername: true): string
function prepare(text: string, isUsername: false): string | null
function prepare(text: string, isUsername: boolean): string | null {
  try {
    const prepared = saslprep(text, { allowUnassigned: isUsername })
    if (prepared !== '') return prepared
  } catch (error) {
    if (!(error instanceof SaslprepError)) throw error
  }
  if (isUsername) throw malformed('authcid refused by SASLprep (RFC 4013)')
  return null
}

async function matches(
  mechanism: ScramMechanism,
  creds: ScramCredentials,
  password: string,
): Promise<boolean> {
  const salt = decodeBase64(creds.salt)
  const storedKey = decodeBase64(creds.storedKey)
  if (salt === null || storedKey === null) throw new Error('stored credentials are not base64')
  const hash = SCRAM_HASH[mechanism]
  const keys = await keysFromSaltedPassword(
    hash,
    await hi(hash, utf8(password), salt, creds.iterations),
  )
  return timingSafeEqual(keys.storedKey, storedKey)
}

async function fake(
  mechanism: ScramMechanism,
  username: string,
  options: ServerOptions,
): Promise<ScramCredentials> {
  const iterations = options.fakeIterations ?? DEFAULT_ITERATIONS
  const salt = await fakeSalt(options, mechanism, username)
  return { salt, iterations, storedKey: '', serverKey: '' }
}
