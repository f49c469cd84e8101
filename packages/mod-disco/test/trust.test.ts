// XEP-0030 §8 with the roster module: a contact subscribed to the user's presence may discover
// the account; anyone else gets service-unavailable (as for an account that does not exist).
import { presence } from '@tercet/mod-presence'
import { roster } from '@tercet/mod-roster'
import { testHost } from '@tercet/testing'
import { describe, test } from 'vitest'
import { disco } from '../src/index'

const INFO = 'http://jabber.org/protocol/disco#info'

describe('account disco#info and presence subscriptions', () => {
  test('a subscriber sees account/registered; a stranger gets service-unavailable', async () => {
    const t = testHost({ modules: [roster, presence, disco] })
    const alice = await t.login('alice@example.test/a')
    const bob = await t.login('bob@example.test/b')
    const carol = await t.login('carol@example.test/c')
    for (const c of [alice, bob])
      await c.send('<iq type="get" id="r"><query xmlns="jabber:iq:roster"/></iq>')
    await bob.send('<presence to="alice@example.test" type="subscribe"/>')
    await alice.send('<presence to="bob@example.test" type="subscribed"/>')
    for (const c of [alice, bob, carol]) c.received()
    await bob.send(`<iq type="get" id="d1" to="alice@example.test"><query xmlns="${INFO}"/></iq>`)
    await bob.expect(
      `<iq type="result" id="d1" from="alice@example.test" to="bob@example.test/b"><query xmlns="${INFO}"><identity category="account" type="registered"/><feature var="${INFO}"/><feature var="http://jabber.org/protocol/disco#items"/></query></iq>`,
    )
    await carol.send(`<iq type="get" id="d2" to="alice@example.test"><query xmlns="${INFO}"/></iq>`)
    await carol.expect(
      `<iq type="error" id="d2" from="alice@example.test" to="carol@example.test/c"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
    )
  })
})
