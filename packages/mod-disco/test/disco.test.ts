import { defineModule, type ModuleApi } from '@tercet/router'
import { testHost } from '@tercet/testing'
import { describe, expect, test } from 'vitest'
import { advertised, liveAdvertised } from '../src/advertised'
import { disco, withDisco } from '../src/index'
import * as conversations from './conversations'

const INFO = 'http://jabber.org/protocol/disco#info'
const ITEMS = 'http://jabber.org/protocol/disco#items'

// Stand-ins for the real modules: what matters is that they advertise.
const alpha = defineModule('alpha', (mod) => {
  mod.addFeature('urn:x:alpha')
  mod.addFeature('msgoffline')
})
const beta = defineModule('beta', (mod) => {
  mod.addFeature('urn:x:beta')
  mod.addFeature('urn:x:alpha') // twice across modules: listed once
  mod.addIdentity({ category: 'store', type: 'file', name: 'Tercet' })
})

const trusted = 'carol'
const env = (options?: Record<string, unknown>) =>
  testHost({
    modules: withDisco([alpha, beta], {
      // Stands in for the roster: carol is subscribed to everyone's presence.
      mayDiscoverAccount: ({ requester }) => requester.local === trusted,
    }),
    ...(options ? { options } : {}),
  })

describe('XEP-0030 service discovery: the server', () => {
  test('§3.1: identity server/im and every module’s features, sorted, each once', () =>
    conversations.serverInfo(env(), {
      identities: [
        '<identity category="server" type="im" name="Tercet"/>',
        '<identity category="store" type="file" name="Tercet"/>',
      ],
      features: [INFO, ITEMS, 'msgoffline', 'urn:x:alpha', 'urn:x:beta'],
    }))
  test('discoName names the server identity', () =>
    conversations.serverInfo(
      testHost({ modules: withDisco([]), options: { discoName: 'Example' } }),
      {
        identities: ['<identity category="server" type="im" name="Example"/>'],
        features: [INFO, ITEMS],
      },
    ))
  test('§3.2, §7: unknown nodes are item-not-found', () => conversations.serverUnknownNode(env()))
  test('§4.1: no items is an empty query', () => conversations.serverItems(env(), []))
  test('§4.1: discoItems lists components', () =>
    conversations.serverItems(
      env({
        discoItems: [
          { jid: 'muc.example.test', name: 'Chatrooms' },
          { jid: 'upload.example.test' },
        ],
      }),
      ['<item jid="muc.example.test" name="Chatrooms"/>', '<item jid="upload.example.test"/>'],
    ))
  test('§3.1: a query to a full JID goes to that client', () =>
    conversations.fullJidGoesToTheClient(env()))
})

describe('XEP-0030 service discovery: accounts (answered by the server)', () => {
  test('§3.1: the own account is account/registered', () => conversations.ownAccountInfo(env()))
  test('§8 rule 1, RFC 6121 §8.5.1: unauthorised or nonexistent is service-unavailable', () =>
    conversations.accountInfoNeedsAuthorisation(env()))
  test('§3.1: an authorised requester sees account/registered', () =>
    conversations.accountInfoForAuthorised(env(), trusted))
  test('§4.1, §8 rule 2: available resources to the account and authorised users only', () =>
    conversations.accountItems(env(), trusted))
})

describe('extension events', () => {
  const roster = defineModule('roster-stand-in', (mod) => {
    mod.hook('disco-account-trust', ({ requester }) => requester.local === 'dave')
  })
  const muc = defineModule('muc-stand-in', (mod) => {
    mod.hook('disco-items', ({ items }) => {
      items.push({ jid: 'rooms.example.test', name: 'Rooms' })
    })
  })
  const withEvents = () =>
    testHost({
      modules: withDisco([roster, muc]),
      options: { discoItems: [{ jid: 'a.example.test' }] },
    })
  test('disco-account-trust: a module authorises a requester (§8)', async () => {
    await conversations.accountInfoForAuthorised(withEvents(), 'dave')
    await conversations.accountItems(withEvents(), 'dave')
  })
  test('disco-items: modules add the server’s items after the configured ones', () =>
    conversations.serverItems(withEvents(), [
      '<item jid="a.example.test"/>',
      '<item jid="rooms.example.test" name="Rooms"/>',
    ]))
})

describe('gathering features', () => {
  test('the host and disco agree on the features', async () => {
    const t = env()
    const alice = await t.login('alice@example.test/phone')
    expect([...t.hostOf(alice).features].sort()).toEqual(
      [INFO, ITEMS, 'msgoffline', 'urn:x:alpha', 'urn:x:beta'].sort(),
    )
    expect(t.hostOf(alice).identities.map((i) => `${i.category}/${i.type}`)).toEqual([
      'store/file',
      'server/im',
    ])
  })
  test('disco alone sees every module’s features through ModuleApi.features', () =>
    conversations.serverInfo(testHost({ modules: [alpha, disco] }), {
      identities: ['<identity category="server" type="im" name="Tercet"/>'],
      features: [INFO, ITEMS, 'msgoffline', 'urn:x:alpha'],
    }))
  test('once ModuleApi exposes the host’s features, they are read from there', () => {
    const recordedSoFar = advertised()
    recordedSoFar.features.add('urn:x:recorded')
    const mod = {
      features: ['urn:x:host', 'urn:x:recorded'],
      identities: [{ category: 'server', type: 'im' }],
    } as unknown as ModuleApi
    const live = liveAdvertised(mod, recordedSoFar)
    expect([...live.features]).toEqual(['urn:x:host', 'urn:x:recorded'])
    expect(live.identities).toEqual([{ category: 'server', type: 'im' }])
  })
})
