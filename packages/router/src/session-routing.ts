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
import { type Element, serialize } from '@tercet/xml'
import { bounce, type Core, cachedJid, fireStanza, hooked, route, send } from './core'
import { handleLegacySession, streamError } from './negotiation'
import { takeToken } from './rate-limit'
import type { SessionRecord } from './session'

const STANZAS: ReadonlySet<string> = new Set(['message', 'presence', 'iq'])

export async function handleStanza(
  core: Core,
  session: SessionRecord,
  stanza: Element,
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
  if (stanza.local !== 'presence') {
    const names = [`pre-${stanza.local}/${target}`]
    if (hooked(core, names) && (await fireStanza(core, names, stanza, full, to, ctx))) return
  }
  // A stanza without `to` travels without one: the account side knows it from the origin, and
  // replies to it carry no `from` (RFC 6120 §8.1.2.1 leaves it to the server).
  await route(core, stanza, ctx)
}
