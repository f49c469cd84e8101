// XEP-0202 conversations, written against a transport-neutral environment: the same scripts run
// against testHost() here and, later, against the real server over WebSocket.
import { parseDateTime } from '@tercet/stanza'
import type { ScriptClient as Client, ScriptEnv as Env } from '@tercet/testing'

export type { Client, Env }

const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas'
const TIME = '<time xmlns="urn:xmpp:time"/>'

/** §2: the server's UTC time (an XEP-0082 dateTime in Z) and its offset, +00:00. */
export async function serverTime(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  const before = Math.floor(Date.now() / 1000) * 1000
  await alice.send(`<iq type="get" id="t1" to="${d}">${TIME}</iq>`)
  const reply = await alice.expect(
    `<iq type="result" id="t1" from="${d}" to="alice@${d}/phone"><time xmlns="urn:xmpp:time"><tzo>+00:00</tzo><utc>{{utc}}</utc></time></iq>`,
  )
  const after = Date.now()
  const utc = reply.getChildElements()[0]!.getChildText('utc')!
  if (!utc.endsWith('Z')) throw new Error(`utc ${utc} is not expressed in UTC`)
  const when = parseDateTime(utc)?.getTime()
  if (when === undefined || when < before || when > after) {
    throw new Error(`utc ${utc} is not between ${new Date(before).toISOString()} and now`)
  }
  alice.expectNothing()
}

/** RFC 6120 §8.4: a set is not part of the protocol: service-unavailable. */
export async function setIsRefused(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="set" id="t2" to="${d}">${TIME}</iq>`)
  await alice.expect(
    `<iq type="error" id="t2" from="${d}" to="alice@${d}/phone"><error type="cancel"><service-unavailable xmlns="${STANZAS}"/></error></iq>`,
  )
}

/** A bare JID has no clock of its own; the server does not answer for it. */
export async function bareJidIsNotAnswered(env: Env): Promise<void> {
  const d = env.domain
  await env.addUser('bob', 'secret')
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="get" id="t3" to="bob@${d}">${TIME}</iq>`)
  await alice.expect(
    `<iq type="error" id="t3" from="bob@${d}" to="alice@${d}/phone"><error type="cancel"><service-unavailable xmlns="${STANZAS}"/></error></iq>`,
  )
}

/** A query to a full JID is the client's; the server relays it untouched. */
export async function fullJidGoesToTheClient(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  const bob = await env.login(`bob@${d}/laptop`)
  await alice.send(`<iq type="get" id="t4" to="bob@${d}/laptop">${TIME}</iq>`)
  await bob.expect(
    `<iq type="get" id="t4" to="bob@${d}/laptop" from="alice@${d}/phone">${TIME}</iq>`,
  )
  alice.expectNothing()
}
