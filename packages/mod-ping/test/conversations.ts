// XEP-0199 conversations, written against a transport-neutral environment: the same scripts run
// against testHost() here and, later, against the real server over WebSocket.

import type { ScriptClient as Client, ScriptEnv as Env } from '@tercet/testing'

export type { Client, Env }

const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas'
const PING = '<ping xmlns="urn:xmpp:ping"/>'

/** §4.2: a client pings its server and gets an empty result from the domain. */
export async function pingServer(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="get" id="c2s1" to="${d}">${PING}</iq>`)
  await alice.expect(`<iq type="result" id="c2s1" from="${d}" to="alice@${d}/phone"/>`)
  alice.expectNothing()
}

/** RFC 6121 §8.5.2.1.3: a ping to another account's bare JID is answered by the server. */
export async function pingOtherAccount(env: Env): Promise<void> {
  const d = env.domain
  await env.addUser('bob', 'secret')
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="get" id="b1" to="bob@${d}">${PING}</iq>`)
  await alice.expect(`<iq type="result" id="b1" from="bob@${d}" to="alice@${d}/phone"/>`)
  alice.expectNothing()
}

/** RFC 6120 §10.3.3: a ping without `to` is handled on behalf of the sender's own account. */
export async function pingOwnAccount(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="get" id="o1">${PING}</iq>`)
  await alice.expect(`<iq type="result" id="o1" to="alice@${d}/phone"/>`)
  await alice.send(`<iq type="get" id="o2" to="alice@${d}">${PING}</iq>`)
  await alice.expect(`<iq type="result" id="o2" from="alice@${d}" to="alice@${d}/phone"/>`)
}

/** RFC 6121 §8.5.1: a ping to an account that does not exist is service-unavailable. */
export async function pingNoSuchUser(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="get" id="n1" to="nobody@${d}">${PING}</iq>`)
  await alice.expect(
    `<iq type="error" id="n1" from="nobody@${d}" to="alice@${d}/phone"><error type="cancel"><service-unavailable xmlns="${STANZAS}"/></error></iq>`,
  )
}

/** §4.3: a ping to a full JID is the client's; the server relays it and relays the pong back. */
export async function pingClientToClient(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  const bob = await env.login(`bob@${d}/laptop`)
  await alice.send(`<iq type="get" id="e2e1" to="bob@${d}/laptop">${PING}</iq>`)
  await bob.expect(
    `<iq type="get" id="e2e1" to="bob@${d}/laptop" from="alice@${d}/phone">${PING}</iq>`,
  )
  await bob.send(`<iq type="result" id="e2e1" to="alice@${d}/phone"/>`)
  await alice.expect(`<iq type="result" id="e2e1" to="alice@${d}/phone" from="bob@${d}/laptop"/>`)
}

/** RFC 6121 §8.5.3.2.3: a ping to a resource that is not online is service-unavailable. */
export async function pingOfflineResource(env: Env): Promise<void> {
  const d = env.domain
  await env.addUser('bob', 'secret')
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="get" id="f1" to="bob@${d}/gone">${PING}</iq>`)
  await alice.expect(
    `<iq type="error" id="f1" from="bob@${d}/gone" to="alice@${d}/phone"><error type="cancel"><service-unavailable xmlns="${STANZAS}"/></error></iq>`,
  )
}
