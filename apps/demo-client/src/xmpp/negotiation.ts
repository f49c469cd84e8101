// The client's side of stream negotiation over RFC 7395 framing: <open/>, stream features,
// optional XEP-0077 registration, SASL (RFC 6120 §6) and resource binding (RFC 6120 §7).
// A step function over plain data (STYLE.md "State is data"): each received element gives
// the next state, the elements to send, and either the bound JID or an error.
import {
  type ClientState,
  chooseMechanism,
  clientFinish,
  clientStep,
  startClient,
} from '@tercet/sasl'
import {
  NS_BIND,
  NS_CLIENT,
  NS_FRAMING,
  NS_REGISTER,
  NS_REGISTER_FEATURE,
  NS_SASL,
  NS_STREAMS,
  StanzaError,
  StreamError,
} from '@tercet/stanza'
import { Element, h } from '@tercet/xml'
import { ConnectError, saslFailureError, streamErrorError } from './errors'

export interface Login {
  /** The account's localpart and domain, already prepared (RFC 7622). */
  local: string
  domain: string
  password: string
  /** The resource to ask for (RFC 6120 §7.7.2.2). */
  resource: string
  /** Create the account with XEP-0077 before authenticating. */
  register: boolean
}

export type Negotiation =
  | { stage: 'await-open'; authenticated: boolean }
  | { stage: 'await-features'; authenticated: boolean }
  | { stage: 'registering'; id: string; mechanisms: string[] }
  | { stage: 'authenticating'; sasl: ClientState }
  | { stage: 'binding'; id: string }
  | { stage: 'bound'; jid: string }

export interface NegotiationStep {
  state: Negotiation
  send: Element[]
  /** The full JID, once bound. */
  jid?: string
  error?: ConnectError
}

/** RFC 7395 §3.4: the `<open/>` that starts (and, after SASL, restarts) the stream. */
export function openElement(domain: string): Element {
  return new Element('open', { to: domain, version: '1.0', 'xml:lang': 'en' }, NS_FRAMING)
}

/** The first state and what to send once the socket is open. */
export function beginNegotiation(login: Login): NegotiationStep {
  return { state: { stage: 'await-open', authenticated: false }, send: [openElement(login.domain)] }
}

const fail = (state: Negotiation, error: ConnectError): NegotiationStep => ({
  state,
  send: [],
  error,
})

/** Feeds one received element. */
export async function negotiate(
  state: Negotiation,
  el: Element,
  login: Login,
  nextId: () => string,
): Promise<NegotiationStep> {
  if (el.is('error', NS_STREAMS)) {
    const e = StreamError.fromElement(el)
    return fail(state, streamErrorError(e.condition, login.domain, e.text))
  }
  switch (state.stage) {
    case 'await-open':
      if (!el.is('open', NS_FRAMING)) return unexpected(state, el)
      return { state: { stage: 'await-features', authenticated: state.authenticated }, send: [] }
    case 'await-features':
      if (!el.is('features', NS_STREAMS)) return unexpected(state, el)
      return state.authenticated ? bind(el, login, nextId) : beforeAuth(el, login, nextId)
    case 'registering':
      return registered(state, el, login)
    case 'authenticating':
      return sasl(state, el, login)
    case 'binding':
      return bound(state, el)
    case 'bound':
      return unexpected(state, el)
  }
}

function unexpected(state: Negotiation, el: Element): NegotiationStep {
  return fail(
    state,
    new ConnectError('protocol', `Unexpected <${el.name}> while in ${state.stage}.`),
  )
}

function beforeAuth(features: Element, login: Login, nextId: () => string): NegotiationStep {
  const mechanisms = (features.getChild('mechanisms', NS_SASL)?.getChildren('mechanism') ?? []).map(
    (m) => m.text().trim(),
  )
  if (!login.register) return auth(mechanisms, login)
  // XEP-0077 §8: the server advertises registration before authentication as a stream feature.
  if (!features.getChild('register', NS_REGISTER_FEATURE)) {
    return fail(
      { stage: 'await-features', authenticated: false },
      new ConnectError(
        'registration-unavailable',
        'This server does not allow creating accounts in-band (XEP-0077).',
      ),
    )
  }
  const id = nextId()
  // XEP-0077 §3.1 Example 4: the legacy fields; the server answers result or an error.
  const iq = h(
    'iq',
    { xmlns: NS_CLIENT, type: 'set', id },
    h(
      'query',
      { xmlns: NS_REGISTER },
      h('username', {}, login.local),
      h('password', {}, login.password),
    ),
  )
  return { state: { stage: 'registering', id, mechanisms }, send: [iq] }
}

function registered(
  state: Extract<Negotiation, { stage: 'registering' }>,
  el: Element,
  login: Login,
): NegotiationStep {
  if (!el.is('iq', NS_CLIENT) || el.attr('id') !== state.id) return unexpected(state, el)
  if (el.attr('type') === 'result') return auth(state.mechanisms, login)
  const error = el.getChild('error')
  const e = error ? StanzaError.fromElement(error) : undefined
  // XEP-0077 §3.1 Example 6 (conflict) and Example 7 (not-acceptable).
  if (e?.condition === 'conflict') {
    return fail(
      state,
      new ConnectError(
        'registration-conflict',
        `The username "${login.local}" is already taken.`,
        e.condition,
      ),
    )
  }
  const why = e ? `${e.condition}${e.text ? `: ${e.text}` : ''}` : 'no reason given'
  return fail(
    state,
    new ConnectError(
      'registration-refused',
      `The server refused the registration (${why}).`,
      e?.condition,
    ),
  )
}

function auth(mechanisms: string[], login: Login): NegotiationStep {
  // SCRAM-SHA-256 is the strongest this server offers; never PLAIN when SCRAM is there.
  const mechanism = chooseMechanism(mechanisms)
  if (!mechanism) {
    return fail(
      { stage: 'await-features', authenticated: false },
      new ConnectError(
        'auth-failed',
        `No SASL mechanism in common (offered: ${mechanisms.join(', ') || 'none'}).`,
      ),
    )
  }
  const { state, response } = startClient(mechanism, {
    username: login.local,
    password: login.password,
  })
  // RFC 6120 §6.4.2: an empty initial response is sent as "=".
  const auth = new Element('auth', { mechanism }, NS_SASL, [response || '='])
  return { state: { stage: 'authenticating', sasl: state }, send: [auth] }
}

async function sasl(
  state: Extract<Negotiation, { stage: 'authenticating' }>,
  el: Element,
  login: Login,
): Promise<NegotiationStep> {
  if (el.is('failure', NS_SASL)) {
    const condition =
      el.getChildElements().find((c) => c.local !== 'text')?.local ?? 'not-authorized'
    return fail(state, saslFailureError(condition, el.getChildText('text')))
  }
  try {
    if (el.is('challenge', NS_SASL)) {
      const next = await clientStep(state.sasl, el.text())
      const response = new Element('response', {}, NS_SASL, next.response ? [next.response] : [])
      return { state: { stage: 'authenticating', sasl: next.state }, send: [response] }
    }
    if (el.is('success', NS_SASL)) {
      clientFinish(state.sasl, el.text() || null)
      // RFC 6120 §6.4.6: after success the client restarts the stream.
      return {
        state: { stage: 'await-open', authenticated: true },
        send: [openElement(login.domain)],
      }
    }
  } catch (e) {
    return fail(
      state,
      new ConnectError(
        'server-not-verified',
        `The server could not prove it knows the password (${(e as Error).message}).`,
      ),
    )
  }
  return unexpected(state, el)
}

function bind(features: Element, login: Login, nextId: () => string): NegotiationStep {
  if (!features.getChild('bind', NS_BIND)) {
    return fail(
      { stage: 'await-features', authenticated: true },
      new ConnectError('protocol', 'The server offered no resource binding (RFC 6120 §7).'),
    )
  }
  const id = nextId()
  const iq = h(
    'iq',
    { xmlns: NS_CLIENT, type: 'set', id },
    h('bind', { xmlns: NS_BIND }, h('resource', {}, login.resource)),
  )
  return { state: { stage: 'binding', id }, send: [iq] }
}

function bound(state: Extract<Negotiation, { stage: 'binding' }>, el: Element): NegotiationStep {
  if (!el.is('iq', NS_CLIENT) || el.attr('id') !== state.id) return unexpected(state, el)
  const jid = el.getChild('bind', NS_BIND)?.getChildText('jid')
  if (el.attr('type') === 'result' && jid) return { state: { stage: 'bound', jid }, send: [], jid }
  const error = el.getChild('error')
  const condition = error ? StanzaError.fromElement(error).condition : 'no jid'
  return fail(
    state,
    new ConnectError('protocol', `Resource binding failed (${condition}).`, condition),
  )
}
