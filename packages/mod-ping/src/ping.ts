// XEP-0199: XMPP Ping (v2.0.1) — https://xmpp.org/extensions/xep-0199.html
//
// The server answers pings addressed to itself (§4.2, client-to-server) and, on behalf of the
// user, pings addressed to an account's bare JID. A ping to a full JID is the client's to answer:
// the router delivers it (RFC 6121 §8.5.3.1) or answers service-unavailable when that resource
// is not online (§8.5.3.2.3).
import { defineModule, type IqEvent } from '@tercet/router'
import { NS_PING } from '@tercet/stanza'

export const ping = defineModule('ping', (mod) => {
  // §6: an entity that supports the protocol advertises urn:xmpp:ping in disco#info.
  mod.addFeature(NS_PING)
  // §4.2 / §4.4: the result is an empty IQ result; there is no pong payload.
  const pong = (e: IqEvent) => e.reply()
  // Session side: pings to the server's own domain.
  mod.hook(`iq-get/host/${NS_PING}:ping`, pong)
  // Account side: RFC 6121 §8.5.2.1.3, an IQ to a bare JID is answered by the server on behalf
  // of the account; the router has already refused accounts that do not exist (§8.5.1).
  mod.hook(`iq-get/bare/${NS_PING}:ping`, pong)
})
