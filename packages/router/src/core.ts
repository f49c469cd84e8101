// The state shared by both sides of the host (a Session object and an Account object run the
// same host with the same modules) and the plumbing every part uses: output, routing, events.
import { type Jid, JidError, parseJid } from '@tercet/jid'
import { errorReply, iqResult, NS_FRAMING, StanzaError, stanzaError } from '@tercet/stanza'
import { Element, serialize } from '@tercet/xml'

export { iqResult }

import type { Dispatcher } from './dispatcher'
import type { StanzaEvent } from './events'
import type { Identity, Logger } from './module'
import type { AccountDirectory, Network, Origin, StanzaHead } from './network'
import type { SessionRecord } from './session'
import type { Storage } from './stores'

/** What the adapter does with a session's socket. */
export interface Output {
  /** Writes one complete element (RFC 7395: one per WebSocket message). */
  send(session: SessionRecord, text: string): void | Promise<void>
  /** Closes the connection after the stream was closed (`<close/>` already written). */
  close(session: SessionRecord): void | Promise<void>
}

export interface Core {
  readonly domain: string
  readonly options: Readonly<Record<string, unknown>>
  readonly dispatcher: Dispatcher
  readonly storage: Storage
  readonly network: Network
  readonly accounts: AccountDirectory
  readonly output: Output | undefined
  readonly log: Logger
  readonly features: string[]
  readonly identities: Identity[]
  /** Account side: delivers a stanza to an account handled by this very object. */
  accountStanza?: (bare: string, stanza: Element, origin: Origin | undefined) => Promise<void>
  /** The bare JID this object is the account side of, if it is one. */
  localAccount?: string
}

// Parsed JIDs are immutable (prepared parts, frozen), so the same string always parses to an
// equal Jid and one can be shared. The router parses the same few addresses several times per
// stanza (the session's own JID, `to`, `from` on both sides): a small bounded cache, shared by
// every host in the process, turns those repeats into a map lookup. Only successes are cached;
// a malformed address throws its JidError every time. Long strings are not kept, so the cache
// stays small whatever addresses clients send (a JID may be up to 3 × 1023 bytes).
const JID_CACHE_SIZE = 1024
const JID_CACHE_MAX_LENGTH = 256
const jidCache = new Map<string, Jid>()

/** parseJid with the shared cache (throws JidError like parseJid). */
export function cachedJid(input: string): Jid {
  let jid = jidCache.get(input)
  if (jid === undefined) {
    jid = parseJid(input)
    if (input.length <= JID_CACHE_MAX_LENGTH) {
      // FIFO eviction: the oldest entry goes first (a Map iterates in insertion order).
      if (jidCache.size >= JID_CACHE_SIZE) jidCache.delete(jidCache.keys().next().value!)
      jidCache.set(input, jid)
    }
  }
  return jid
}

export function option<T>(core: Core, key: string, fallback: T): T {
  const value = core.options[key]
  return value === undefined ? fallback : (value as T)
}

export async function send(core: Core, session: SessionRecord, element: Element): Promise<void> {
  if (!core.output) throw new Error('this host has no session output')
  await core.output.send(session, serialize(element))
}

/** Where a stanza is going, resolved on the sending side. */
interface RouteContext {
  origin?: Origin | undefined
  /** The sending session, when routing on its own side. */
  session?: SessionRecord | undefined
}

/**
 * Routes a stanza that has valid `to` and `from` (the router stamped them): to a local session
 * directly, to this object's own account, to another account over the network, or to the host.
 * `text`, when given, is the stanza already serialised (the client's frame with `from` stamped,
 * see session-routing.ts): it travels instead of a new serialisation.
 */
export async function route(
  core: Core,
  stanza: Element,
  ctx: RouteContext = {},
  text?: string,
): Promise<void> {
  const toAttr = stanza.attr('to')
  // No `to`: from a local session it means the sender's own account (RFC 6120 §10.3).
  const to =
    toAttr !== undefined
      ? cachedJid(toAttr)
      : ctx.origin
        ? cachedJid(ctx.origin.jid).bare()
        : cachedJid(core.domain)
  if (to.domain !== core.domain) return remote(core, stanza, ctx)
  if (to.local === undefined) return hostStanza(core, stanza, to, ctx)
  if (ctx.session?.jid !== undefined && ctx.session.jid === to.toString() && core.output) {
    return send(core, ctx.session, stanza)
  }
  const bare = to.bare().toString()
  if (core.localAccount === bare && core.accountStanza) {
    return core.accountStanza(bare, stanza, ctx.origin)
  }
  await core.network.account(bare).stanza(text ?? serialize(stanza), ctx.origin, stanzaHead(stanza))
}

/** The root facts the account side needs to route a stanza without parsing it. */
function stanzaHead(stanza: Element): StanzaHead {
  return { kind: stanza.name, to: stanza.attr('to'), type: stanza.attr('type') }
}

// No server-to-server yet: a remote domain cannot be reached (RFC 6120 §10.4.3, §8.3.3.16).
async function remote(core: Core, stanza: Element, ctx: RouteContext): Promise<void> {
  const reply = bounce(stanza, stanzaError('remote-server-not-found'), core.log)
  if (reply) await route(core, reply, ctx)
}

/** The error reply to send for a stanza, if any: never for presence, never to an error. */
export function bounce(stanza: Element, error: StanzaError, log?: Logger): Element | undefined {
  if (stanza.local === 'presence') return undefined
  if (stanza.local === 'iq' && stanza.attr('type') !== 'get' && stanza.attr('type') !== 'set') {
    return undefined
  }
  const reply = errorReply(stanza, error)
  // One structured line per stanza error the server answers with (no bodies, no passwords).
  if (reply && log) {
    log.info('stanza error', { kind: stanza.local, condition: error.condition, type: error.type })
  }
  return reply
}

/** The payload name of an IQ for event names: `<ns>:<local>` (Prosody's convention). */
export function payloadName(stanza: Element): string | undefined {
  const payload = stanza.getChildElements()[0]
  return payload ? `${payload.ns}:${payload.local}` : undefined
}

/** True when some handler is hooked on one of `names` (else firing them is a no-op). */
export function hooked(core: Core, names: readonly string[]): boolean {
  for (const name of names) if (core.dispatcher.has(name)) return true
  return false
}

/**
 * Builds the event object, fires the listed events in order until one is handled, then waits
 * for whatever the handlers sent. A StanzaError thrown by a handler is answered; any other
 * throw is logged and, for an IQ get/set, answered with internal-server-error (never a dead
 * session).
 */
export async function fireStanza(
  core: Core,
  names: readonly string[],
  stanza: Element,
  from: Jid,
  to: Jid,
  ctx: RouteContext,
  extra: Pick<StanzaEvent, 'resourceBefore'> = {},
): Promise<boolean> {
  // Nothing hooked on any of these names: nothing can handle the stanza, so skip building the
  // event (the common case for most stanzas when few modules are loaded).
  if (!hooked(core, names)) return false
  const pending: Promise<void>[] = []
  const sendReply = (reply: Element | undefined) => {
    if (reply) pending.push(route(core, reply, ctx))
    return true as const
  }
  const event: StanzaEvent = {
    stanza,
    from,
    to,
    origin: ctx.origin,
    session: ctx.session,
    reply: (payload) => sendReply(iqResult(stanza, payload)),
    error: (error) => sendReply(bounce(stanza, error, core.log)),
    route: (s) => route(core, s, ctx),
    ...extra,
  }
  let handled = false
  try {
    for (const name of names) {
      if (await core.dispatcher.fire(name, event)) {
        handled = true
        break
      }
    }
  } catch (e) {
    handled = true
    if (e instanceof StanzaError) {
      sendReply(bounce(stanza, e, core.log))
    } else {
      core.log.error('stanza handler failed', { events: names, error: String(e) })
      sendReply(bounce(stanza, stanzaError('internal-server-error'), core.log))
    }
  }
  await Promise.all(pending)
  return handled
}

// Stanzas to the domain itself: host handlers run where the stanza is (RFC 6120 §10.3).
async function hostStanza(core: Core, stanza: Element, to: Jid, ctx: RouteContext): Promise<void> {
  const from = cachedJid(stanza.attr('from') ?? core.domain)
  const kind = stanza.local
  const type = stanza.attr('type') ?? ''
  const names: string[] = []
  if (kind === 'iq') {
    const payload = payloadName(stanza)
    if (payload && (type === 'get' || type === 'set')) names.push(`iq-${type}/host/${payload}`)
  }
  names.push(`${kind}/host`)
  const handled = await fireStanza(core, names, stanza, from, to, ctx)
  // RFC 6120 §8.4: an IQ get/set that nobody handles gets service-unavailable. Messages and
  // presence to the server that no module wants are dropped, as Prosody does.
  if (!handled && kind === 'iq') {
    const reply = bounce(stanza, stanzaError('service-unavailable'), core.log)
    if (reply) await route(core, reply, ctx)
  }
}

/** `<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>` (RFC 7395 §3.6). */
export function closeElement(): Element {
  return new Element('close', {}, NS_FRAMING)
}

/** Parses an address attribute the router has already checked; undefined when absent. */
export function jidAttr(stanza: Element, name: string): Jid | undefined {
  const value = stanza.attr(name)
  if (value === undefined) return undefined
  try {
    return cachedJid(value)
  } catch (e) {
    if (e instanceof JidError) return undefined
    throw e
  }
}
