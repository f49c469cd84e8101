// RFC 6121: XMPP Instant Messaging and Presence, §3 Managing Presence Subscriptions (with §3.4
// pre-approval), §4 Exchanging Presence Information and Appendix A, the subscription states —
// https://www.rfc-editor.org/rfc/rfc6121#section-3
import { defineModule } from '@tercet/router'
import { NS_PRE_APPROVAL } from '@tercet/stanza'
import { Element } from '@tercet/xml'
import { selfPresence, unbound } from './broadcast'
import { inbound } from './inbound'
import { outbound } from './outbound'

export const presence = defineModule('presence', (mod) => {
  mod.hook('stream-features', (e) => {
    // §3.4: pre-approval support is advertised with the post-authentication features.
    if (e.session.stage === 'binding') e.features.append(new Element('sub', {}, NS_PRE_APPROVAL))
  })
  // Outbound: on the sender's account side, before routing (A.2, §4.6).
  mod.hook('pre-presence/bare', (e) => outbound(mod, e))
  mod.hook('pre-presence/full', (e) => outbound(mod, e))
  mod.hook('pre-presence/host', (e) => outbound(mod, e))
  // Broadcast: presence without `to` (§4.2, §4.4, §4.5).
  mod.hook('presence/self', (e) => selfPresence(mod, e))
  // Inbound: on the recipient's account side (A.3, §4.3.2).
  mod.hook('presence/bare', (e) => inbound(mod, e, 'bare'))
  mod.hook('presence/full', (e) => inbound(mod, e, 'full'))
  // A session that ends without unavailable presence (§4.5.2, §4.6.3).
  mod.hook('resource-unbind', (e) => unbound(mod, e))
})
