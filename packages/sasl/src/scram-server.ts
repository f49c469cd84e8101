// SCRAM server (RFC 5802 §5, RFC 7677 for SHA-256; SHA-512 by the same construction).
import type { ScramCredentials } from './credentials'
import { DEFAULT_ITERATIONS } from './credentials'
import { digest, hmac, randomBytes, timingSafeEqual, xor } from './crypto'
import { base64Utf8, decodeBase64, encodeBase64, utf8 } from './encoding'
import { SaslError } from './errors'
import { HASH_BYTES, SCRAM_HASH, type ScramMechanism } from './mechanisms'
import { SaslprepError, saslprep } from './saslprep'
import { parseClientFinal, parseClientFirst } from './scram-messages'
import { fail, fakeSalt, isAuthorized } from './server-common'
import type { CredentialLookup, ScramFinalState, ServerOptions, StepResult } from './server-types'

const NONCE_BYTES = 18

/** client-first-message → server-first-message (RFC 5802 §5.1). */
export async function scramFirst(
  mechanism: ScramMechanism,
  message: string,
  lookup: CredentialLookup,
  options: ServerOptions,
): Promise<StepResult> {
  const first = parseClientFirst(message)
  const username = prepareUsername(first.username)
  // RFC 6120 §6.5.11: a store that cannot answer is a temporary failure, not a verdict.
  let set: Awaited<ReturnType<CredentialLookup>>
  try {
    set = await lookup(username)
  } catch {
    return fail(mechanism, 'temporary-auth-failure')
  }
  // Computed for every user, so known and unknown names cost the same work (RFC 6120 §6.5.10:
  // one condition, not-authorized, for both).
  const fake = await fakeCredentials(mechanism, username, options)
  const creds = set?.[mechanism] ?? fake
  // RFC 5802 §5.1: the server appends its own nonce to the client's.
  const nonce = first.nonce + (options.nonce?.() ?? encodeBase64(randomBytes(NONCE_BYTES)))
  const serverFirst = `r=${nonce},s=${creds.salt},i=${creds.iterations}`
  const state: ScramFinalState = {
    step: 'scram-final',
    mechanism,
    username,
    authzid: first.authzid,
    gs2Header: first.gs2Header,
    clientFirstBare: first.bare,
    serverFirst,
    nonce,
    storedKey: creds.storedKey,
    serverKey: creds.serverKey,
    known: set?.[mechanism] !== undefined,
  }
  return { state, challenge: base64Utf8(serverFirst) }
}

// RFC 5802 §5.1: the server prepares the username with SASLprep as a query (unassigned code
// points allowed). A name SASLprep refuses can belong to nobody, so saying so leaks nothing.
function prepareUsername(raw: string): string {
  try {
    const username = saslprep(raw, { allowUnassigned: true })
    if (username !== '') return username
  } catch (error) {
    if (!(error instanceof SaslprepError)) throw error
  }
  throw new SaslError('malformed-request', 'invalid-username-encoding (RFC 5802 §5.1)')
}

// An unknown user (or one without credentials for this hash) is answered like a known one:
// a deterministic salt, the usual iteration count, and random keys no proof can match.
async function fakeCredentials(
  mechanism: ScramMechanism,
  username: string,
  options: ServerOptions,
): Promise<ScramCredentials> {
  const size = HASH_BYTES[SCRAM_HASH[mechanism]]
  return {
    salt: await fakeSalt(options, mechanism, username),
    iterations: options.fakeIterations ?? DEFAULT_ITERATIONS,
    storedKey: encodeBase64(randomBytes(size)),
    serverKey: encodeBase64(randomBytes(size)),
  }
}

/** client-final-message → server-final-message in `<success/>` (RFC 5802 §5.1, RFC 6120 §6.3.10). */
export async function scramFinal(
  state: ScramFinalState,
  message: string,
  options: ServerOptions,
): Promise<StepResult> {
  const { mechanism } = state
  const final = parseClientFinal(message)
  // RFC 5802 §5.1 c=: without channel binding it is the base64 of the GS2 header, echoed
  // exactly ("biws" for "n,,"). Our base64 is canonical, so comparing the text is exact.
  if (final.channelBinding !== base64Utf8(state.gs2Header)) {
    return fail(mechanism, 'malformed-request', 'c= does not match the GS2 header (RFC 5802 §5.1)')
  }
  // RFC 5802 §5.1 r=: MUST be the nonce of server-first. A replayed client-final carries an
  // older server nonce and stops here.
  if (final.nonce !== state.nonce) {
    return fail(mechanism, 'malformed-request', 'nonce differs from server-first (RFC 5802 §5.1)')
  }
  const proof = decodeBase64(final.proof)
  if (proof === null) return fail(mechanism, 'malformed-request', 'p= is not base64 (RFC 5802 §7)')
  const hash = SCRAM_HASH[mechanism]
  const storedKey = decodeBase64(state.storedKey)
  const serverKey = decodeBase64(state.serverKey)
  if (storedKey === null || serverKey === null) return fail(mechanism, 'temporary-auth-failure')
  const authMessage = utf8(`${state.clientFirstBare},${state.serverFirst},${final.withoutProof}`)
  // RFC 5802 §3: ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage); the proof is good
  // when H(ClientKey) equals StoredKey, compared in constant time.
  const clientSignature = await hmac(hash, storedKey, authMessage)
  const clientKey = xor(proof, clientSignature)
  const matches = timingSafeEqual(await digest(hash, clientKey), storedKey)
  if (!matches || !state.known || proof.length !== clientSignature.length) {
    return fail(mechanism, 'not-authorized')
  }
  if (!(await isAuthorized(options, state.username, state.authzid))) {
    return fail(mechanism, 'invalid-authzid')
  }
  const serverSignature = await hmac(hash, serverKey, authMessage)
  return {
    state: { step: 'done', mechanism, outcome: 'success' },
    success: {
      username: state.username,
      authzid: state.authzid,
      additionalData: base64Utf8(`v=${encodeBase64(serverSignature)}`),
    },
  }
}
