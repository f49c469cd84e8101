import { testHost } from '@tercet/testing'
import { describe, expect, test } from 'vitest'
import { privateStorage } from '../src/index'
import * as conversations from './conversations'

const env = (options?: Record<string, unknown>) =>
  testHost({ modules: [privateStorage], ...(options ? { options } : {}) })

describe('XEP-0049 private XML storage', () => {
  test('§2.3: store a fragment and retrieve it by namespace', () =>
    conversations.storeAndRetrieve(env()))
  test('nothing stored: the asked-for element comes back empty', () =>
    conversations.nothingStored(env()))
  test('per namespace: a set replaces only the namespaces it carries', () =>
    conversations.perNamespace(env()))
  test('§2.3: several elements of one namespace are stored and returned together', () =>
    conversations.severalElementsOneNamespace(env()))
  test('the data belongs to the account: every resource reads it', () =>
    conversations.sharedByResources(env()))
  test('§2.3: a query without a child is not-acceptable', () => conversations.emptyQuery(env()))
  test('§2.3: jabber:client, jabber:server and jabber:iq:private are not-acceptable', () =>
    conversations.reservedNamespaces(env()))
  test('§2.3: a get naming two namespaces is bad-request', () =>
    conversations.getWithTwoNamespaces(env()))
  test('§2.3, §4: another user’s private data is forbidden', () =>
    conversations.othersAreForbidden(env()))
  test('privateMaxSize: more bytes under one namespace is not-acceptable', () =>
    conversations.tooLarge(env({ privateMaxSize: 100 }), { maxSize: 100 }))
  test('the default limit is 64 KiB', () => conversations.tooLarge(env(), { maxSize: 64 * 1024 }))
  test('jabber:iq:private is advertised', async () => {
    const t = env()
    const alice = await t.login('alice@example.test/phone')
    expect(t.hostOf(alice).features).toContain('jabber:iq:private')
  })
})
