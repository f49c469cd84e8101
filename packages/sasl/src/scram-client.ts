// SCRAM client (RFC 5802 §5, RFC 7677): client-first, client-final, and the check of the
// server signature that makes SCRAM mutual (RFC 5802 §5.1 v=).
import type {
  ClientCredentials,
  ClientOptions,
  ClientState,
  ClientStepResult,
} from './client-types'
import { keysFromSaltedPassword } from './credentials'
import { hi, hmac, randomBytes, timingSafeEqual, xor } from './crypto'
import { base64Utf8, decodeBase64, encodeBase64, fromUtf8, utf8 } from './encoding'
import { SaslError } from './errors'
import { SCRAM_HASH, type ScramMechanism } from './mechanisms'
import { saslprep } from './saslprep'
import { encodeSaslname, parseServerFinal, parseServerFirst } from './scram-messages'

type SentFirst = Extract<ClientState, { step: 'scram-first-sent' }>

const malformed = (detail: string) => new SaslError('malformed-request', detail)

/** client-first-message (RFC 5802 §5.1). Throws SaslprepError for a username it refuses. */
export function scramClientFirst(
  mechanism: ScramMechanism,
  credentials: ClientCredentials,
  options: ClientOptions,
): ClientStepResult {
  // RFC 5802 §5.1: the client SHOULD prepare the username as a query and abort when that
  // fails or leaves nothing.
  const username = saslprep(credentials.username, { allowUnassigned: true })
  if (username === '') throw malformed('empty username (RFC 5802 §5.1)')
  // RFC 5802 §6: "n" — no channel binding, and none offered by the server as far as we use it.
  // RFC 5802 §7: authzid = "a=" saslname, at least one character; '' means none.
  const authzid = credentials.authzid ? `a=${encodeSaslname(credentials.authzid)}` : ''
  const gs2Header = `n,${authzid},`
  const nonce = options.nonce ?? encodeBase64(randomBytes(18))
  const clientFirstBare = `n=${encodeSaslname(username)},r=${nonce}`
  const state: SentFirst = {
    step: 'scram-first-sent',
    mechanism,
    password: credentials.password,
    gs2Header,
    clientFirstBare,
    nonce,
    minIterations: options.minIterations ?? 4096,
    maxIterations: options.maxIterations ?? 1_000_000,
  }
  return { state, response: base64Utf8(gs2Header + clientFirstBare) }
}

/** server-first-message → client-final-message (RFC 5802 §5.1, §3). */
export async function scramClientFinal(
  state: SentFirst,
  challenge: string,
): Promise<ClientStepResult> {
  const serverFirst = decodeText(challenge)
  const first = parseServerFirst(serverFirst)
  // RFC 5802 §5.1: the nonce must begin with ours, and the server must have added to it.
  if (!first.nonce.startsWith(state.nonce) || first.nonce.length === state.nonce.length) {
    throw malformed('server nonce does not extend the client nonce (RFC 5802 §5.1)')
  }
  if (first.iterations < state.minIterations || first.iterations > state.maxIterations) {
    throw malformed(`iteration count ${first.iterations} is outside the accepted range`)
  }
  const salt = decodeBase64(first.salt)
  if (salt === null || salt.length === 0) throw malformed('s= is not base64 (RFC 5802 §7)')
  const hash = SCRAM_HASH[state.mechanism]
  // RFC 5802 §2.2: Hi(Normalize(password)), Normalize being SASLprep for stored strings.
  const salted = await hi(hash, utf8(saslprep(state.password)), salt, first.iterations)
  const keys = await keysFromSaltedPassword(hash, salted)
  const withoutProof = `c=${base64Utf8(state.gs2Header)},r=${first.nonce}`
  const authMessage = utf8(`${state.clientFirstBare},${serverFirst},${withoutProof}`)
  const proof = xor(keys.clientKey, await hmac(hash, keys.storedKey, authMessage))
  const serverSignature = await hmac(hash, keys.serverKey, authMessage)
  return {
    state: {
      step: 'scram-final-sent',
      mechanism: state.mechanism,
      serverSignature: encodeBase64(serverSignature),
    },
    response: base64Utf8(`${withoutProof},p=${encodeBase64(proof)}`),
  }
}

/**
 * Checks server-final's `v=` against the signature we computed. Throws SaslError
 * 'not-authorized' when the server does not know our credentials (RFC 5802 §5.1: the client
 * MUST verify it), or when the server reported `e=`.
 */
export function verifyServerFinal(serverSignature: string, data: string): void {
  const { verifier } = parseServerFinal(decodeText(data))
  const got = decodeBase64(verifier)
  const want = decodeBase64(serverSignature)
  if (got === null || want === null || !timingSafeEqual(got, want)) {
    throw new SaslError('not-authorized', 'server signature mismatch (RFC 5802 §5.1)')
  }
}

function decodeText(data: string): string {
  const bytes = decodeBase64(data)
  if (bytes === null) throw new SaslError('incorrect-encoding', 'server data is not base64')
  const text = fromUtf8(bytes)
  if (text === null) throw malformed('server data is not UTF-8')
  return text
}
