// Stream negotiation on the session side, over RFC 7395 framing: <open/> and <close/>, stream
// features, SASL (RFC 6120 §6) and resource binding (RFC 6120 §7).
import {
  JidError,
  parseJid,
  prepareDomainpart,
  prepareLocalpart,
  prepareResourcepart,
} from '@tercet/jid'
import { abort, type Mechanism, type StepResult, start, step } from '@tercet/sasl'
import {
  Iq,
  NS_BIND,
  NS_CLIENT,
  NS_FRAMING,
  NS_SASL,
  NS_SESSION,
  NS_STREAMS,
  StanzaError,
  StreamError,
  type StreamErrorCondition,
  stanzaError,
} from '@tercet/stanza'
import { Element } from '@tercet/xml'
import { bounce, type Core, closeElement, iqResult, option, send } from './core'
import type { SessionRecord } from './session'

export const DEFAULT_MECHANISMS: readonly Mechanism[] = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN']

/** Sends a stream error, then `<close/>`, then closes the connection (RFC 7395 §3.6.2). */
export async function streamError(
  core: Core,
  session: SessionRecord,
  condition: StreamErrorCondition,
  text?: string,
): Promise<void> {
  if (session.stage === 'closed') return
  core.log.info('stream error', {
    session: session.id,
    condition,
    ...(session.jid ? { jid: session.jid } : {}),
  })
  // RFC 7395 §3.6.2: an error before the stream is open still needs an <open/> to belong to.
  if (session.stage === 'connected') await send(core, session, openElement(core, session))
  await send(core, session, new StreamError(condition, text ? { text } : {}).toElement())
  await closeStream(core, session)
}

export async function closeStream(core: Core, session: SessionRecord): Promise<void> {
  await send(core, session, closeElement())
  session.stage = 'closed'
  await core.output?.close(session)
}

function openElement(core: Core, session: SessionRecord): Element {
  return new Element(
    'open',
    {
      from: core.domain,
      id: session.streamId ?? newStreamId(),
      version: '1.0',
      'xml:lang': session.lang ?? 'en',
    },
    NS_FRAMING,
  )
}

// RFC 6120 §4.7.3: the stream id must be unpredictable; 128 random bits.
function newStreamId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** RFC 7395 §3.4 and RFC 6120 §4.7: checks an `<open/>` and answers it with ours and the features. */
export async function handleOpen(core: Core, session: SessionRecord, open: Element): Promise<void> {
  if (session.stage === 'bound') {
    return streamError(core, session, 'policy-violation', 'a bound stream cannot be restarted')
  }
  // RFC 6120 §4.7.5: only version 1.0 is spoken; RFC 7395 §3.4 requires the attribute.
  const version = open.attr('version')
  const to = open.attr('to')
  let domain: string | undefined
  try {
    domain = to === undefined ? undefined : prepareDomainpart(to)
  } catch (e) {
    if (!(e instanceof JidError)) throw e
  }
  // RFC 6120 §4.9.3.6: the stream must be addressed to a domain this server serves.
  if (domain !== core.domain) return streamError(core, session, 'host-unknown')
  if (version === undefined || !/^1\.\d+$/.test(version)) {
    return streamError(core, session, 'unsupported-version')
  }
  session.streamId = newStreamId()
  session.lang = open.attr('xml:lang') ?? session.lang ?? 'en'
  if (session.stage === 'restart' || session.stage === 'binding') session.stage = 'binding'
  else {
    session.stage = 'authenticating'
    delete session.sasl
  }
  await send(core, session, openElement(core, session))
  await send(core, session, await features(core, session))
}

async function features(core: Core, session: SessionRecord): Promise<Element> {
  const features = new Element('stream:features', {}, NS_STREAMS)
  if (session.stage === 'authenticating') {
    // RFC 6120 §6.4.1: the mechanisms on offer; never a -PLUS variant over WebSocket.
    const mechanisms = new Element('mechanisms', {}, NS_SASL)
    for (const m of option(core, 'saslMechanisms', DEFAULT_MECHANISMS)) {
      mechanisms.append(new Element('mechanism', {}, NS_SASL, [m]))
    }
    features.append(mechanisms)
  } else {
    // RFC 6120 §7.4: binding is mandatory-to-negotiate; the legacy session IQ is optional.
    features.append(new Element('bind', {}, NS_BIND))
    features.append(
      new Element('session', {}, NS_SESSION, [new Element('optional', {}, NS_SESSION)]),
    )
  }
  await core.dispatcher.fire('stream-features', { session, features })
  return features
}

/** RFC 6120 §6.4: one SASL element (`auth`, `response`, `abort`) while authenticating. */
export async function handleSasl(core: Core, session: SessionRecord, el: Element): Promise<void> {
  const mechanisms = option(core, 'saslMechanisms', DEFAULT_MECHANISMS)
  let result: StepResult
  if (el.local === 'auth') {
    const state = start(el.attr('mechanism') ?? '', { mechanisms })
    result = await step(state, el.text(), (u) => credentials(core, session, u), saslOptions(core))
  } else if (el.local === 'response' && session.sasl) {
    result = await step(
      session.sasl,
      el.text(),
      (u) => credentials(core, session, u),
      saslOptions(core),
    )
  } else if (el.local === 'abort' && session.sasl) {
    result = abort(session.sasl)
  } else {
    // A response or abort with no exchange in progress (RFC 6120 §6.4.5 has nothing to abort).
    return saslFailure(core, session, 'malformed-request', 'no SASL exchange in progress')
  }
  session.sasl = result.state
  if (result.challenge !== undefined) {
    await send(
      core,
      session,
      new Element('challenge', {}, NS_SASL, result.challenge ? [result.challenge] : []),
    )
  } else if (result.success) {
    await saslSuccess(core, session, result.success.username, result.success.additionalData)
  } else if (result.failure) {
    await saslFailure(core, session, result.failure.condition, result.failure.text)
  }
}

function credentials(core: Core, session: SessionRecord, username: string) {
  // RFC 6120 §6.3.8 / RFC 7622: the authentication identity is a localpart.
  let user: string
  try {
    user = prepareLocalpart(username)
  } catch {
    return undefined
  }
  session.authUser = user
  return core.accounts.credentials(user)
}

function saslOptions(core: Core) {
  const secret = option<string | undefined>(core, 'saslSecret', undefined)
  return {
    ...(secret === undefined ? {} : { secret }),
    // RFC 6120 §6.3.8: an authorization identity, if given, must be the account's bare JID.
    authorize: (username: string, authzid: string) => {
      try {
        const jid = parseJid(authzid)
        return jid.isBare && jid.domain === core.domain && jid.local === prepareLocalpart(username)
      } catch {
        return authzid === username
      }
    },
  }
}

async function saslSuccess(
  core: Core,
  session: SessionRecord,
  username: string,
  data: string | null,
) {
  session.user = prepareLocalpart(username)
  delete session.authUser
  await core.accounts.recordAuthentication?.(session.user, true)
  delete session.sasl
  session.stage = 'restart' // RFC 6120 §6.4.6: the client restarts the stream next.
  await send(core, session, new Element('success', {}, NS_SASL, data ? [data] : []))
}

async function saslFailure(core: Core, session: SessionRecord, condition: string, text?: string) {
  delete session.sasl
  // The account counts wrong passwords across all connections (throttling, RFC 6120 §6.5.11).
  if (condition === 'not-authorized' && session.authUser !== undefined) {
    await core.accounts.recordAuthentication?.(session.authUser, false)
  }
  delete session.authUser
  const failure = new Element('failure', {}, NS_SASL, [new Element(condition, {}, NS_SASL)])
  if (text) failure.append(new Element('text', { 'xml:lang': 'en' }, NS_SASL, [text]))
  await send(core, session, failure)
  if (condition === 'aborted') return
  // Too many failures on one stream: close it (RFC 6120 §4.9.3.14 policy-violation).
  session.authFailures++
  if (session.authFailures >= option(core, 'maxAuthFailures', 3)) {
    await streamError(core, session, 'policy-violation', 'too many failed authentication attempts')
  }
}

/** RFC 6120 §7: the bind IQ; anything else before binding ends the stream. */
export async function handleBind(
  core: Core,
  session: SessionRecord,
  el: Element,
): Promise<boolean> {
  const iq = new Iq(el)
  const bind = el.getChild('bind', NS_BIND)
  if (el.ns !== NS_CLIENT || el.local !== 'iq' || iq.type !== 'set' || !bind || !iq.id) return false
  const bare = `${session.user}@${core.domain}`
  const requested = bind.getChildText('resource', NS_BIND)
  let resource: string | undefined
  try {
    resource = requested ? prepareResourcepart(requested) : undefined
  } catch (e) {
    if (!(e instanceof JidError)) throw e
    // RFC 6120 §7.7.2.1: a resourcepart that cannot be prepared is a bad request.
    return reply(core, session, el, stanzaError('bad-request', { text: e.reason }))
  }
  const outcome = await core.network.account(bare).bind({
    sessionId: session.id,
    ...(resource === undefined ? {} : { resource }),
  })
  if ('error' in outcome) return reply(core, session, el, stanzaError(outcome.error))
  session.jid = outcome.jid
  session.stage = 'bound'
  const jid = new Element('bind', {}, NS_BIND, [new Element('jid', {}, NS_BIND, [outcome.jid])])
  await send(core, session, iqResult(el, jid))
  await core.dispatcher.fire('resource-bind', { session })
  return true
}

async function reply(core: Core, session: SessionRecord, el: Element, error: StanzaError) {
  const answer = bounce(el, error)
  if (answer) await send(core, session, answer)
  return true
}

/** The legacy session IQ (RFC 3921 §3), advertised as optional: answered with a result. */
export async function handleLegacySession(
  core: Core,
  session: SessionRecord,
  el: Element,
): Promise<boolean> {
  if (el.local !== 'iq' || el.attr('type') !== 'set' || !el.getChild('session', NS_SESSION))
    return false
  const to = el.attr('to')
  if (to !== undefined && to !== core.domain) return false
  session.legacySession = true
  await send(core, session, iqResult(el))
  return true
}

/**
 * An IQ before authentication: offered to `iq-get|set/unauthenticated/<ns>:<name>` handlers
 * (XEP-0077 in-band registration). Returns false when nobody handled it.
 */
export async function handleUnauthenticatedIq(
  core: Core,
  session: SessionRecord,
  el: Element,
): Promise<boolean> {
  const type = el.attr('type')
  const payload = el.getChildElements()[0]
  if (
    el.ns !== NS_CLIENT ||
    el.local !== 'iq' ||
    (type !== 'get' && type !== 'set') ||
    !payload ||
    !el.attr('id')
  ) {
    return false
  }
  const pending: Promise<void>[] = []
  const answer = (reply: Element | undefined) => {
    if (reply) pending.push(send(core, session, reply))
    return true as const
  }
  const event = {
    stanza: el,
    session,
    reply: (p?: Element) => answer(iqResult(el, p)),
    error: (e: StanzaError) => answer(bounce(el, e)),
  }
  let handled: boolean
  try {
    handled = await core.dispatcher.fire(
      `iq-${type}/unauthenticated/${payload.ns}:${payload.local}`,
      event,
    )
  } catch (e) {
    if (!(e instanceof StanzaError)) throw e
    handled = answer(bounce(el, e))
  }
  await Promise.all(pending)
  return handled
}
