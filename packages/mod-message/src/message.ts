// RFC 6121: XMPP Instant Messaging and Presence, §5 (Exchanging Messages) and §8 (Server Rules
// for Processing XML Stanzas) — https://www.rfc-editor.org/rfc/rfc6121#section-8
//
// Every delivery rule of §8 already lives in @tercet/router, because the account side has to
// apply it before any module sees the stanza:
//
// - §8.5.1 no such user: messages bounce with service-unavailable (or are dropped, as the
//   `noSuchUserMessages` option says), nothing else is answered.
// - §8.5.2.1.1 to a bare JID: normal and chat go to the most available resources (the highest
//   non-negative priority, every resource sharing it); headline to every non-negative
//   resource; groupchat bounces; error is dropped. §4.7.2.3: a negative priority never gets them.
// - §8.5.2.2.1 nobody can take it: normal and chat are offered to offline storage
//   (`message/offline`, see @tercet/mod-offline) and otherwise bounce with service-unavailable;
//   headline and error are dropped.
// - §8.5.3.1 to an online full JID: delivered, whatever the priority. §8.5.3.2.1 to a resource
//   that is not online: normal and chat as if to the bare JID, groupchat bounces, the rest is
//   dropped.
// - RFC 6120 §10.3.1: a message without `to` is for the sender's own bare JID.
//
// This module therefore hooks nothing. It exists so that a server's module list names RFC 6121
// messaging explicitly, and so that the conversations in test/ prove the rules end to end
// (they run against whatever transport the environment provides). Message extensions (carbons,
// archiving, receipts) are their own modules.
import { defineModule } from '@tercet/router'

export const message = defineModule('message', () => {})
