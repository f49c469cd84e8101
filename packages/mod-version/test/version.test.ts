import { testHost } from '@tercet/testing'
import { describe, expect, test } from 'vitest'
import pkg from '../package.json' with { type: 'json' }
import { SOFTWARE_VERSION, version } from '../src/index'
import * as conversations from './conversations'

const env = () => testHost({ modules: [version] })

describe('XEP-0092 software version', () => {
  test('§2: the server reports name "Tercet" and its version, without os', () =>
    conversations.serverVersion(env(), { version: pkg.version }))
  test('RFC 6120 §8.4: a set is service-unavailable', () => conversations.setIsRefused(env()))
  test('a bare JID is not answered for (service-unavailable)', () =>
    conversations.bareJidIsNotAnswered(env()))
  test('a full JID’s query goes to that client', () => conversations.fullJidGoesToTheClient(env()))
  test('the reported version is package.json’s', () => {
    expect(SOFTWARE_VERSION).toBe(pkg.version)
  })
  test('§4: jabber:iq:version is advertised', async () => {
    const t = env()
    const alice = await t.login('alice@example.test/phone')
    expect(t.hostOf(alice).features).toContain('jabber:iq:version')
  })
})
