// The client side of RFC 6120 §6.4: send startClient()'s response in `<auth/>`, feed each
// `<challenge/>` to clientStep(), and the text of `<success/>` to clientFinish().
import type {
  ClientCredentials,
  ClientOptions,
  ClientState,
  ClientStepResult,
} from './client-types'
import { base64Utf8 } from './encoding'
import { SaslError } from './errors'
import { type Mechanism, SERVER_MECHANISMS } from './mechanisms'
import { scramClientFinal, scramClientFirst, verifyServerFinal } from './scram-client'

/** Mechanisms the client knows, in its order of preference (strongest first). */
export const CLIENT_MECHANISMS: readonly Mechanism[] = SERVER_MECHANISMS

/**
 * The first of `preferred` that the server offers, or null. `-PLUS` names are never chosen:
 * this package has no channel binding (RFC 5802 §6).
 */
export function chooseMechanism(
  offered: readonly string[],
  preferred: readonly Mechanism[] = CLIENT_MECHANISMS,
): Mechanism | null {
  return preferred.find((m) => offered.includes(m)) ?? null
}

/** The initial response for `<auth mechanism="…">` (RFC 6120 §6.4.2). */
export function startClient(
  mechanism: Mechanism,
  credentials: ClientCredentials,
  options: ClientOptions = {},
): ClientStepResult {
  if (mechanism !== 'PLAIN') return scramClientFirst(mechanism, credentials, options)
  const { authzid = '', username, password } = credentials
  // RFC 4616 §2: NUL separates the three fields, so none may contain one.
  if ([authzid, username, password].some((s) => s.includes('\0'))) {
    throw new SaslError('malformed-request', 'PLAIN fields must not contain NUL (RFC 4616 §2)')
  }
  return {
    state: { step: 'plain-sent', mechanism },
    response: base64Utf8(`${authzid}\0${username}\0${password}`),
  }
}

/**
 * Answers a `<challenge/>`. Throws SaslError when the client must `<abort/>` instead, and
 * SaslprepError when SASLprep refuses the password (RFC 5802 §2.2).
 */
export async function clientStep(state: ClientState, challenge: string): Promise<ClientStepResult> {
  switch (state.step) {
    case 'scram-first-sent':
      return scramClientFinal(state, challenge)
    case 'scram-final-sent':
      // Servers predating RFC 6120 §6.3.10 send server-final as a challenge and expect an
      // empty response before `<success/>`.
      verifyServerFinal(state.serverSignature, challenge)
      return { state: { step: 'scram-verified', mechanism: state.mechanism }, response: '' }
    default:
      throw new SaslError('malformed-request', `unexpected challenge in step ${state.step}`)
  }
}

/**
 * Takes `<success/>` and its text (null or '' when empty). For SCRAM it verifies the server
 * signature; throws SaslError 'not-authorized' when the server could not prove itself.
 */
export function clientFinish(state: ClientState, additionalData: string | null): ClientState {
  const data = additionalData ?? ''
  switch (state.step) {
    case 'scram-final-sent':
      verifyServerFinal(state.serverSignature, data)
      break
    case 'plain-sent':
    case 'scram-verified':
      // RFC 6120 §6.3.10: no additional data is expected here.
      if (data !== '' && data !== '=') {
        throw new SaslError('malformed-request', 'unexpected additional data with success')
      }
      break
    default:
      throw new SaslError('malformed-request', `unexpected success in step ${state.step}`)
  }
  return { step: 'done', mechanism: state.mechanism }
}
