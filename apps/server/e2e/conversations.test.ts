// The IM modules' conversation scripts (packages/mod-*/test/conversations.ts), unchanged, run
// against the real server over WebSockets — the same scripts that run against testHost().

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import * as message from '@tercet/mod-message/conversations'
import * as offline from '@tercet/mod-offline/conversations'
import * as ping from '@tercet/mod-ping/conversations'
import * as presence from '@tercet/mod-presence/conversations'
import * as presenceExchange from '@tercet/mod-presence/exchange'
import * as privateStorage from '@tercet/mod-private/conversations'
import * as roster from '@tercet/mod-roster/conversations'
import * as time from '@tercet/mod-time/conversations'
import * as vcard from '@tercet/mod-vcard/conversations'
import { conversation } from '@tercet/testing'
import { afterAll, afterEach, beforeAll, describe, test } from 'vitest'
import { type DevServer, startDevServer } from '../scripts/dev-server.mjs'
import { ServerEnv } from './server-env'

let server: DevServer
let env: ServerEnv

beforeAll(async () => {
  // The scripts address example.test, as under testHost(); the server serves that domain here.
  server = await startDevServer({ XMPP_DOMAIN: 'example.test' })
  env = new ServerEnv(server, 'example.test')
}, 90_000)
afterEach(async () => {
  await env.reset()
})
afterAll(async () => {
  await server?.stop()
})

// biome-ignore lint/suspicious/noExplicitAny: each package types its own Env; ServerEnv fits them all
const run = (script: (env: any) => Promise<void>) => () => script(env)

// On a real network there is no "delivery finished" signal: ServerEnv waits for a quiet moment,
// a timing heuristic that a loaded machine can defeat. A script that fails gets one more try on
// a clean slate; one that fails twice is a real failure.
describe('conversation scripts against the real server', { retry: 1 }, () => {
  test('ping: server, other account, own account, no such user', async () => {
    await run(ping.pingServer)()
    await env.reset()
    await run(ping.pingOtherAccount)()
    await env.reset()
    await run(ping.pingOwnAccount)()
    await env.reset()
    await run(ping.pingNoSuchUser)()
  })
  test('time: the server answers, refuses set', async () => {
    await run(time.serverTime)()
    await env.reset()
    await run(time.setIsRefused)()
  })
  test('vCard: publish and read, replace, clear, others forbidden', async () => {
    for (const script of [
      vcard.publishAndRead,
      vcard.setReplacesWholeCard,
      vcard.emptySetClears,
      vcard.setOthersIsForbidden,
    ]) {
      await run(script)()
      await env.reset()
    }
  })
  test('private XML: store, per namespace, reserved, others forbidden', async () => {
    for (const script of [
      privateStorage.storeAndRetrieve,
      privateStorage.perNamespace,
      privateStorage.reservedNamespaces,
      privateStorage.othersAreForbidden,
    ]) {
      await run(script)()
      await env.reset()
    }
  })
  test('message delivery rules (RFC 6121 §8.5)', async () => {
    for (const script of [
      message.chatToHighestPriority,
      message.headlineToAllNonNegative,
      message.groupchatBouncesErrorDropped,
      message.fullJidOnline,
      message.noSuchUser,
      message.extensionsUntouched,
    ]) {
      env.ignorePresence = true
      await run(script)()
      await env.reset()
    }
  })
  test('offline storage: stored, delivered in order with delay', async () => {
    for (const script of [offline.storedThenDeliveredInOrder, offline.headlineAndErrorAreDropped]) {
      await run(script)()
      await env.reset()
    }
  })
  test('roster: get and set, pushes to interested resources, versioning', async () => {
    for (const script of [
      roster.getAndSet,
      roster.pushesToInterestedResources,
      roster.versioning,
    ]) {
      await run(script)()
      await env.reset()
    }
  })
  test('the scansion-style script @tercet/testing/scripts/chat.scs', async () => {
    const file = createRequire(import.meta.url).resolve('@tercet/testing/scripts/chat.scs')
    env.ignorePresence = true // the script is about message routing; presence echoes are not
    await conversation(env, readFileSync(file, 'utf8'))
  })
  test('presence: handshake both ways, initial presence, probes, session end', async () => {
    for (const script of [
      presence.handshakeBothWays,
      presenceExchange.initialPresence,
      presenceExchange.sessionEndsWithoutUnavailable,
    ]) {
      await run(script)()
      await env.reset()
    }
  })
})
