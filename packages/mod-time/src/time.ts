// XEP-0202: Entity Time (v2.0) — https://xmpp.org/extensions/xep-0202.html
//
// The server answers `urn:xmpp:time` queries addressed to its domain with its UTC time. A query
// to a user's full JID is that client's (the router delivers it); a bare JID has no clock of its
// own, so the router answers it with service-unavailable (RFC 6120 §8.4).
import { defineModule } from '@tercet/router'
import { formatDateTime, NS_TIME } from '@tercet/stanza'
import { Element } from '@tercet/xml'

/**
 * The server's offset from UTC. A Worker runs in UTC wherever the edge is, so the offset is
 * always zero; §2 wants the XEP-0082 TZD form, and `+00:00` is the one every client parses
 * (XEP-0082 §2.1 also allows `Z`).
 */
const TZO = '+00:00'

/** The `<time/>` payload for an instant (§2: `tzo` and `utc` are both REQUIRED). */
export function entityTime(now: Date): Element {
  return new Element('time', {}, NS_TIME, [
    new Element('tzo', {}, NS_TIME, [TZO]),
    // §2: utc MUST be an XEP-0082 dateTime expressed in UTC.
    new Element('utc', {}, NS_TIME, [formatDateTime(now)]),
  ])
}

export const time = defineModule('time', (mod) => {
  // Requesters find support through XEP-0030 disco#info.
  mod.addFeature(NS_TIME)
  mod.hook(`iq-get/host/${NS_TIME}:time`, (e) => e.reply(entityTime(new Date())))
})
