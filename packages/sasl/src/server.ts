// The server side of RFC 6120 §6.4 as a pure step function over JSON state: the caller maps
// `<auth/>` to start() + step(), `<response/>` to step() and `<abort/>` to abort().
import { decodeBase64, fromUtf8 } from './encoding'
import { SaslError } from './errors'
import { isMechanism, type Mechanism, SERVER_MECHANISMS } from './mechanisms'
import { plainVerify } from './plain-server'
import { scramFinal, scramFirst } from './scram-server'
import { fail } from './server-common'
import type { CredentialLookup, ServerOptions, ServerState, StepResult } from './server-types'

export interface StartOptions {
  /** The mechanisms this server offers; default SERVER_MECHANISMS. */
  mechanisms?: readonly Mechanism[]
}

/** The state after `<auth mechanism="…"/>`; an unoffered mechanism fails at the first step. */
export function start(mechanism: string, options: StartOptions = {}): ServerState {
  const offered = options.mechanisms ?? SERVER_MECHANISMS
  return isMechanism(mechanism) && offered.includes(mechanism)
    ? { step: 'start', mechanism }
    : { step: 'invalid-mechanism', mechanism }
}

/**
 * Feeds one client message: the text of `<auth/>` (null or '' when it has none) or of
 * `<response/>`. Never throws; every failure comes back as an RFC 6120 §6.5 condition.
 */
export async function step(
  state: ServerState,
  clientMessage: string | null,
  lookup: CredentialLookup,
  options: ServerOptions = {},
): Promise<StepResult> {
  switch (state.step) {
    case 'invalid-mechanism':
      return fail(state.mechanism, 'invalid-mechanism') // RFC 6120 §6.5.7
    case 'done':
      // A message after the outcome (a replay, say) gets no second verdict on the same state.
      return fail(state.mechanism, 'malformed-request', 'the exchange is already over')
    case 'start':
      // RFC 6120 §6.4.2: `<auth/>` without text has no initial response, and the server
      // answers with an empty challenge; "=" is a present but empty initial response.
      if (clientMessage === null || clientMessage === '') {
        return { state: { step: 'await-initial', mechanism: state.mechanism }, challenge: '' }
      }
      return guarded(state.mechanism, clientMessage, (text) =>
        initial(state.mechanism, text, lookup, options),
      )
    case 'await-initial':
      return guarded(state.mechanism, clientMessage, (text) =>
        initial(state.mechanism, text, lookup, options),
      )
    case 'scram-final':
      return guarded(state.mechanism, clientMessage, (text) => scramFinal(state, text, options))
  }
}

/** `<abort/>` from the client: RFC 6120 §6.4.5 requires `<failure><aborted/></failure>`. */
export function abort(state: ServerState): StepResult {
  return fail(state.mechanism, 'aborted')
}

function initial(
  mechanism: Mechanism,
  text: string,
  lookup: CredentialLookup,
  options: ServerOptions,
): Promise<StepResult> {
  return mechanism === 'PLAIN'
    ? plainVerify(text, lookup, options)
    : scramFirst(mechanism, text, lookup, options)
}

// Decodes the message, runs the mechanism, and turns what it throws into a failure.
async function guarded(
  mechanism: string,
  clientMessage: string | null,
  run: (text: string) => Promise<StepResult>,
): Promise<StepResult> {
  // "=" and an empty element both carry zero-length data here (RFC 6120 §6.4.2).
  const base64 = clientMessage === null || clientMessage === '=' ? '' : clientMessage
  const bytes = decodeBase64(base64)
  // RFC 6120 §6.5.5 (incorrect-encoding): the base64 itself is wrong.
  if (bytes === null) return fail(mechanism, 'incorrect-encoding', 'not base64 (RFC 4648 §4)')
  const text = fromUtf8(bytes)
  // RFC 4616 §2 and RFC 5802 §7 both specify UTF-8 (RFC 3629) messages.
  if (text === null) return fail(mechanism, 'malformed-request', 'not UTF-8 (RFC 3629)')
  try {
    return await run(text)
  } catch (error) {
    if (error instanceof SaslError) return fail(mechanism, error.condition, error.detail)
    // WebCrypto refusing (e.g. PBKDF2 above the Workers cap) is the server's trouble, not the
    // client's: RFC 6120 §6.5.11 temporary-auth-failure.
    return fail(mechanism, 'temporary-auth-failure')
  }
}
