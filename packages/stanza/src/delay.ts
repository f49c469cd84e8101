// XEP-0203: Delayed Delivery (v2.0) — https://xmpp.org/extensions/xep-0203.html
//
// The `<delay xmlns='urn:xmpp:delay'/>` a server adds to a stanza it delivers late: offline
// messages (XEP-0160), the last presence of a contact, MUC history (XEP-0045).
import type { Jid } from '@tercet/jid'
import { Element } from '@tercet/xml'
import { formatDateTime, parseDateTime } from './datetime'
import { stanzaError } from './errors'
import { NS_DELAY } from './ns'

export interface Delay {
  /** §2: when the stanza was originally sent. REQUIRED. */
  stamp: Date
  /** §2: who sent the stanza or delayed it (e.g. the server, the MUC room). RECOMMENDED. */
  from?: string
  /** §2: the element MAY contain a natural-language reason for the delay. */
  reason?: string
}

/** What {@link buildDelay} takes: `from` may be a Jid. */
export interface DelayInit {
  stamp: Date
  from?: string | Jid
  reason?: string
}

/**
 * Writes `<delay xmlns='urn:xmpp:delay' from='…' stamp='…'>reason</delay>`. §2: the stamp MUST
 * follow the XEP-0082 DateTime profile and MUST be in UTC, so it is always written with `Z`.
 */
export function buildDelay(delay: DelayInit): Element {
  const attrs: Record<string, string> = {}
  if (delay.from !== undefined) attrs.from = delay.from.toString()
  attrs.stamp = formatDateTime(delay.stamp)
  const children = delay.reason === undefined || delay.reason === '' ? [] : [delay.reason]
  return new Element('delay', attrs, NS_DELAY, children)
}

/**
 * Reads a `<delay/>`. Throws a `bad-request` StanzaError when the required stamp is missing or
 * not an XEP-0082 DateTime. A stamp with an offset other than `Z` breaks §2's "MUST be
 * expressed in UTC" but still names one instant, so it is read rather than refused.
 */
export function parseDelay(el: Element): Delay {
  if (!el.is('delay', NS_DELAY)) throw stanzaError('bad-request', { text: 'not a delay element' })
  const raw = el.attr('stamp')
  const stamp = raw === undefined ? undefined : parseDateTime(raw)
  if (stamp === undefined) {
    throw stanzaError('bad-request', { text: `invalid delay stamp '${raw ?? ''}'` })
  }
  const delay: Delay = { stamp }
  const from = el.attr('from')
  if (from !== undefined) delay.from = from
  const reason = el.text()
  if (reason !== '') delay.reason = reason
  return delay
}

/**
 * The delay of a stanza, or undefined when it has none. §2 allows one and only one `<delay/>`
 * per stanza; when there are several anyway, `from` picks the one added by that entity.
 */
export function findDelay(stanza: Element, from?: string | Jid): Delay | undefined {
  const wanted = from?.toString()
  for (const child of stanza.getChildren('delay', NS_DELAY)) {
    if (wanted === undefined || child.attr('from') === wanted) return parseDelay(child)
  }
  return undefined
}
