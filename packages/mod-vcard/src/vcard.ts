// XEP-0054: vcard-temp (v1.2) — https://xmpp.org/extensions/xep-0054.html
//
// Every account's vCard lives on its account side (the Account object), in a keyval store.
// The user reads (§3.1) and replaces (§3.2) the own vCard with an IQ without `to` (or to the own
// bare JID); anyone may read it with a get to the bare JID (§3.3), which the server answers on
// the account's behalf (RFC 6121 §8.5.2.1.3). The router has already answered for accounts that
// do not exist (RFC 6121 §8.5.1: service-unavailable, as §3.3 also allows).
import { defineModule, type IqEvent } from '@tercet/router'
import { NS_VCARD, StanzaError, stanzaError } from '@tercet/stanza'
import { Element, parseFrame, serialize } from '@tercet/xml'

/** Default `vcardMaxSize`: bytes of the serialised vCard (avatars belong in XEP-0084). */
export const DEFAULT_VCARD_MAX_SIZE = 32 * 1024

const encoder = new TextEncoder()
const isEmpty = (card: Element) => card.getChildElements().length === 0 && card.text().trim() === ''

export const vcard = defineModule('vcard', (mod) => {
  // §4: an entity that supports vcard-temp MUST report the feature in disco#info.
  mod.addFeature(NS_VCARD)
  const store = mod.openStore<string, 'keyval'>('vcard', 'keyval')
  const maxSize = mod.option('vcardMaxSize', DEFAULT_VCARD_MAX_SIZE)

  // §3.1: the own vCard. With none stored the server MUST answer an error or an empty <vCard/>;
  // the empty element lets a client tell "nothing yet" from a failure.
  mod.hook(`iq-get/self/${NS_VCARD}:vCard`, async (e: IqEvent) => {
    const saved = await store.get(e.to.local!)
    return e.reply(saved === undefined ? new Element('vCard', {}, NS_VCARD) : parseFrame(saved))
  })

  // §3.3: another user's vCard, answered by the server and never forwarded to a resource. With
  // none stored the server MUST return an error, item-not-found or service-unavailable.
  mod.hook(`iq-get/bare/${NS_VCARD}:vCard`, async (e: IqEvent) => {
    const saved = await store.get(e.to.local!)
    if (saved === undefined) throw stanzaError('item-not-found')
    return e.reply(parseFrame(saved))
  })

  // §3.2: the user publishes or updates the own vCard; the set replaces it entirely (there are
  // no partial updates).
  mod.hook(`iq-set/self/${NS_VCARD}:vCard`, async (e: IqEvent) => {
    const card = e.stanza.getChildElements()[0]!
    const user = e.to.local!
    if (isEmpty(card)) {
      // An empty vCard is the same as none: forget it rather than store an empty element.
      await store.delete(user)
      return e.reply()
    }
    const xml = serialize(card)
    if (encoder.encode(xml).byteLength > maxSize) {
      // RFC 6120 §8.3.3.12 not-acceptable: the server will not store a vCard this big.
      throw new StanzaError('modify', 'not-acceptable', {
        text: `a vCard may be at most ${maxSize} bytes`,
      })
    }
    await store.set(user, xml)
    return e.reply()
  })

  // §3.2: a set on another user's vCard MUST be refused, with forbidden or not-allowed.
  mod.hook(`iq-set/bare/${NS_VCARD}:vCard`, () => {
    throw stanzaError('forbidden')
  })
})
