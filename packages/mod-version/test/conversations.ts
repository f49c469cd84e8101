// XEP-0092 conversations, written against a transport-neutral environment: the same scripts run
// against testHost() here and, later, against the real server over WebSocket.

import type { ScriptClient as Client, ScriptEnv as Env } from '@tercet/testing'

export type { Client, Env }

const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas'
const QUERY = '<query xmlns="jabber:iq:version"/>'

/** §2: the server reports name and version, and no os (§5). */
export async function serverVersion(env: Env, expected: { version: string }): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="get" id="v1" to="${d}">${QUERY}</iq>`)
  await alice.expect(
    `<iq type="result" id="v1" from="${d}" to="alice@${d}/phone"><query xmlns="jabber:iq:version"><name>Tercet</name><version>${expected.version}</version></query></iq>`,
  )
  alice.expectNothing()
}

/** RFC 6120 §8.4: a set is not part of the protocol: service-unavailable. */
export async function setIsRefused(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="set" id="v3" to="${d}">${QUERY}</iq>`)
  await alice.expect(
    `<iq type="error" id="v3" from="${d}" to="alice@${d}/phone"><error type="cancel"><service-unavailable xmlns="${STANZAS}"/></error></iq>`,
  )
}

/** A bare JID has no software to describe; the server does not answer for it. */
export async function bareJidIsNotAnswered(env: Env): Promise<void> {
  const d = env.domain
  await env.addUser('bob', 'secret')
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="get" id="v4" to="bob@${d}">${QUERY}</iq>`)
  await alice.expect(
    `<iq type="error" id="v4" from="bob@${d}" to="alice@${d}/phone"><error type="cancel"><service-unavailable xmlns="${STANZAS}"/></error></iq>`,
  )
}

/** §1: a query to a full JID is the client's; the server relays it untouched. */
export async function fullJidGoesToTheClient(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  const bob = await env.login(`bob@${d}/laptop`)
  await alice.send(`<iq type="get" id="v5" to="bob@${d}/laptop">${QUERY}</iq>`)
  await bob.expect(
    `<iq type="get" id="v5" to="bob@${d}/laptop" from="alice@${d}/phone">${QUERY}</iq>`,
  )
  alice.expectNothing()
}
