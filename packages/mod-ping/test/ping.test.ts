import { testHost } from '@tercet/testing'
import { describe, expect, test } from 'vitest'
import { ping } from '../src/index'
import * as conversations from './conversations'

const env = () => testHost({ modules: [ping] })

describe('XEP-0199 ping', () => {
  test('§4.2: the server answers a ping to its domain', () => conversations.pingServer(env()))
  test('RFC 6121 §8.5.2.1.3: the server answers a ping to a bare JID on the account’s behalf', () =>
    conversations.pingOtherAccount(env()))
  test('RFC 6120 §10.3.3: a ping without to (or to the own bare JID) is answered', () =>
    conversations.pingOwnAccount(env()))
  test('RFC 6121 §8.5.1: a ping to a nonexistent account is service-unavailable', () =>
    conversations.pingNoSuchUser(env()))
  test('§4.3: a ping to a full JID goes to the client, and the pong back', () =>
    conversations.pingClientToClient(env()))
  test('RFC 6121 §8.5.3.2.3: a ping to a resource that is not online is service-unavailable', () =>
    conversations.pingOfflineResource(env()))
  test('§6: urn:xmpp:ping is advertised', async () => {
    const t = env()
    const alice = await t.login('alice@example.test/phone')
    expect(t.hostOf(alice).features).toContain('urn:xmpp:ping')
  })
})
