// Stanzas from a bound client (RFC 6120 §8 and §10): check and stamp addresses, validate,
// run the sender-side `pre-` events, then route.
import { type Jid, JidError } from '@tercet/jid'
import {
  errorReply,
  NS_CLIENT,
  type StanzaError,
  stanzaError,
  validateStanza,
} from '@tercet/stanza'
import { type Element, escapeAttr, serialize } from '@tercet/xml'
import { bounce, type Core, cachedJid, fireStanza, hooked, route, send } from './core'
import { handleLegacySession, streamError } from './negotiation'
import { takeToken } from './rate-limit'
import type { SessionRecord } from './session'

const STANZAS: ReadonlySet<string> = new Set(['message', 'presence', 'iq'])

export async function handleStanza(
  core: Core,
  session: SessionRecord,
  stanza: Element,
  text?: string,
): Promise<void> {
  const verdict = takeToken(core, session)
  if (verdict === 'close') {
    return streamError(core, session, 'policy-violation', 'stanza rate limit exceeded persistently')
  }
  if (verdict === 'refuse') {
    // RFC 6120 §8.3.3.18: resource-constraint, type wait — the client may retry later.
    const reply = bounce(
      stanza,
      stanzaError('resource-constraint', { text: 'too many stanzas; slow down' }),
      core.log,
    )
    if (reply) {
      reply.attrs.to = session.jid!
      await send(core, session, reply)
    }
    return
  }
  // RFC 6120 §4.9.3.10: the content namespace of a client stream is jabber:client.
  if (stanza.ns !== NS_CLIENT) return streamError(core, session, 'invalid-namespace')
  // RFC 6120 §4.9.3.24: only the three stanza kinds are allowed as first-level children.
  if (!STANZAS.has(stanza.local) || stanza.name !== stanza.local) {
    return streamError(core, session, 'unsupported-stanza-type')
  }
  const full = cachedJid(session.jid!)
  // RFC 6120 §8.1.2.1: a client's `from`, if present, must name itself; anything else is
  // `invalid-from`. The server then stamps its full JID on every stanza.
  const claimed = stanza.attr('from')
  if (claimed !== undefined) {
    let ok = false
    try {
      const jid = cachedJid(claimed)
      ok = jid.equals(full) || jid.equals(full.bare())
    } catch {
      ok = false
    }
    if (!ok) return streamError(core, session, 'invalid-from')
  }
  stanza.attrs.from = full.toString()
  if (stanza.local === 'iq' && (await handleLegacySession(core, session, stanza))) return
  // `to` is parsed once here and reused; validateStanza checks it first, so a malformed `to`
  // gets the very error validateStanza would give (RFC 6120 §8.3.3.8). A message has nothing
  // else to check once its addresses are valid (the stamped `from` always is); IQs and presence
  // still go through validateStanza for their own rules.
  const toAttr = stanza.attr('to')
  let to: Jid
  let invalid: StanzaError | undefined
  if (toAttr === undefined) {
    to = full.bare()
  } else {
    try {
      to = cachedJid(toAttr)
    } catch (e) {
      if (!(e instanceof JidError)) throw e
      to = full
      invalid = stanzaError('jid-malformed', { text: `${e.part}: ${e.reason}` })
    }
  }
  if (invalid === undefined && stanza.local !== 'message') invalid = validateStanza(stanza)
  if (invalid) {
    // The client's own malformed stanza, presence included, is answered (RFC 6120 §8.3.1).
    const reply = errorReply(stanza, invalid)
    core.log.info('stanza error', {
      kind: stanza.local,
      condition: invalid.condition,
      type: invalid.type,
    })
    if (reply) await send(core, session, reply)
    return
  }
  const origin = { sessionId: session.id, jid: full.toString() }
  const ctx = { origin, session }
  // RFC 6120 §10.3: no `to` means the account itself (presence: a broadcast, RFC 6121 §4.2).
  if (toAttr !== undefined) stanza.attrs.to = to.toString()
  const target = to.local === undefined ? 'host' : to.resource === undefined ? 'bare' : 'full'
  if (stanza.local === 'presence' && toAttr !== undefined) {
    // Directed and subscription presence is processed on the sender's account side, where the
    // roster lives (RFC 6121 §3.1.2, §4.6): its `pre-presence/*` events run there.
    await core.network.account(full.bare().toString()).outbound(serialize(stanza), origin)
    return
  }
  // Presence without `to` is the broadcast: the account side handles it (`presence/self`).
  let untouched = claimed === undefined && (toAttr === undefined || toAttr === stanza.attrs.to)
  if (stanza.local !== 'presence') {
    const names = PRE_EVENTS[stanza.local]![target]
    if (hooked(core, names)) {
      // A handler may change the stanza: the client's text no longer says what it is.
      untouched = false
      if (await fireStanza(core, names, stanza, full, to, ctx)) return
    }
  }
  // A stanza without `to` travels without one: the account side knows it from the origin, and
  // replies to it carry no `from` (RFC 6120 §8.1.2.1 leaves it to the server).
  await route(core, stanza, ctx, untouched ? stamped(text, stanza, origin.jid) : undefined)
}

const PRE_EVENTS: Record<string, Record<'host' | 'bare' | 'full', readonly string[]>> = {
  message: { host: ['pre-message/host'], bare: ['pre-message/bare'], full: ['pre-message/full'] },
  iq: { host: ['pre-iq/host'], bare: ['pre-iq/bare'], full: ['pre-iq/full'] },
}

/**
 * The client's own frame with the `from` the router stamps (RFC 6120 §8.1.2.1) written into its
 * start tag, when that is the only change: the account hop then carries the client's text rather
 * than a fresh serialisation of what was just parsed from it. The caller has checked that the
 * client sent no `from` and that its `to` needed no preparation. Undefined — serialise instead —
 * when the frame is not one plain element: a frame with CDATA (`<!`, the only markup a frame may
 * hold besides elements) is re-serialised, so recipients get character data escaped, as other
 * servers write it, and need not handle CDATA sections.
 */
function stamped(text: string | undefined, stanza: Element, from: string): string | undefined {
  if (text === undefined) return undefined
  const name = stanza.name
  const after = text.charCodeAt(name.length + 1)
  if (
    text.charCodeAt(0) !== 0x3c || // <
    !text.startsWith(name, 1) ||
    !(
      after === 0x20 ||
      after === 0x3e ||
      after === 0x2f ||
      after === 0x09 ||
      after === 0x0a ||
      after === 0x0d
    ) ||
    text.charCodeAt(text.length - 1) !== 0x3e || // >
    text.includes('<!')
  ) {
    return undefined
  }
  const at = name.length + 1
  return `${text.slice(0, at)} from="${escapeAttr(from)}"${text.slice(at)}`
}
