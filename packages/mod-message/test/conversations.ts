// RFC 6121 §8 message delivery, written against a transport-neutral environment: the same
// scripts run against testHost() here and, later, against the real server over WebSocket.

import type { ScriptClient as Client, ScriptEnv as Env } from '@tercet/testing'

export type { Client, Env }

const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas'
const unavailable = `<error type="cancel"><service-unavailable xmlns="${STANZAS}"/></error>`

/** Logs in and sends initial presence with a priority, then forgets what arrived meanwhile. */
async function online(env: Env, jid: string, priority = 0): Promise<Client> {
  const client = await env.login(jid)
  await client.send(`<presence><priority>${priority}</priority></presence>`)
  client.received()
  return client
}

const msg = (to: string, type: string | undefined, id: string, body: string) =>
  `<message to="${to}"${type ? ` type="${type}"` : ''} id="${id}"><body>${body}</body></message>`
const delivered = (to: string, from: string, type: string | undefined, id: string, body: string) =>
  `<message to="${to}" from="${from}"${type ? ` type="${type}"` : ''} id="${id}"><body>${body}</body></message>`
const bounced = (id: string, from: string, to: string) =>
  `<message type="error" id="${id}" from="${from}" to="${to}">${unavailable}</message>`

/** §8.5.2.1.1: chat to a bare JID goes to the highest-priority resource only. */
export async function chatToHighestPriority(env: Env): Promise<void> {
  const d = env.domain
  const alice = await online(env, `alice@${d}/phone`)
  const low = await online(env, `bob@${d}/low`, 1)
  const high = await online(env, `bob@${d}/high`, 5)
  await alice.send(msg(`bob@${d}`, 'chat', 'c1', 'hi'))
  await high.expect(delivered(`bob@${d}`, `alice@${d}/phone`, 'chat', 'c1', 'hi'))
  low.expectNothing()
  alice.expectNothing()
}

/** §8.5.2.1.1: normal (no type) goes to every resource sharing the highest priority. */
export async function normalToAllTopResources(env: Env): Promise<void> {
  const d = env.domain
  const alice = await online(env, `alice@${d}/phone`)
  const a = await online(env, `bob@${d}/a`, 3)
  const b = await online(env, `bob@${d}/b`, 3)
  const c = await online(env, `bob@${d}/c`, 0)
  await alice.send(msg(`bob@${d}`, undefined, 'n1', 'note'))
  await a.expect(delivered(`bob@${d}`, `alice@${d}/phone`, undefined, 'n1', 'note'))
  await b.expect(delivered(`bob@${d}`, `alice@${d}/phone`, undefined, 'n1', 'note'))
  c.expectNothing()
}

/** §8.5.2.1.1: headline goes to every available resource with non-negative priority. */
export async function headlineToAllNonNegative(env: Env): Promise<void> {
  const d = env.domain
  const alice = await online(env, `alice@${d}/phone`)
  const a = await online(env, `bob@${d}/a`, 0)
  const b = await online(env, `bob@${d}/b`, 7)
  const bot = await online(env, `bob@${d}/bot`, -1)
  await alice.send(msg(`bob@${d}`, 'headline', 'h1', 'news'))
  await a.expect(delivered(`bob@${d}`, `alice@${d}/phone`, 'headline', 'h1', 'news'))
  await b.expect(delivered(`bob@${d}`, `alice@${d}/phone`, 'headline', 'h1', 'news'))
  bot.expectNothing()
}

/** §8.5.2.1.1: groupchat to a user's bare JID bounces; error is silently dropped. */
export async function groupchatBouncesErrorDropped(env: Env): Promise<void> {
  const d = env.domain
  const alice = await online(env, `alice@${d}/phone`)
  const bob = await online(env, `bob@${d}/laptop`)
  await alice.send(msg(`bob@${d}`, 'groupchat', 'g1', 'room'))
  await alice.expect(bounced('g1', `bob@${d}`, `alice@${d}/phone`))
  await alice.send(`<message to="bob@${d}" type="error" id="e1">${unavailable}</message>`)
  bob.expectNothing()
  alice.expectNothing()
}

/**
 * §8.5.2.2.1 (and §4.7.2.3): with no resource that can take it, chat and normal bounce with
 * service-unavailable unless offline storage takes them; headline is dropped.
 */
export async function nobodyToTakeIt(env: Env, storage: { offline: boolean }): Promise<void> {
  const d = env.domain
  const alice = await online(env, `alice@${d}/phone`)
  const bot = await online(env, `bob@${d}/bot`, -1)
  await alice.send(msg(`bob@${d}`, 'chat', 'c1', 'hi'))
  await alice.send(msg(`bob@${d}`, 'normal', 'n1', 'hi'))
  if (!storage.offline) {
    await alice.expect(bounced('c1', `bob@${d}`, `alice@${d}/phone`))
    await alice.expect(bounced('n1', `bob@${d}`, `alice@${d}/phone`))
  }
  await alice.send(msg(`bob@${d}`, 'headline', 'h1', 'news'))
  alice.expectNothing()
  bot.expectNothing()
}

/** §8.5.3.1: a message to an online full JID is delivered, even with negative priority. */
export async function fullJidOnline(env: Env): Promise<void> {
  const d = env.domain
  const alice = await online(env, `alice@${d}/phone`)
  const bot = await online(env, `bob@${d}/bot`, -1)
  for (const type of ['chat', 'normal', 'headline', 'groupchat']) {
    await alice.send(msg(`bob@${d}/bot`, type, `f-${type}`, type))
    await bot.expect(delivered(`bob@${d}/bot`, `alice@${d}/phone`, type, `f-${type}`, type))
  }
  alice.expectNothing()
}

/**
 * §8.5.3.2.1: to a resource that is not online, chat and normal go as if to the bare JID,
 * groupchat bounces, headline is dropped.
 */
export async function fullJidNotOnline(env: Env): Promise<void> {
  const d = env.domain
  const alice = await online(env, `alice@${d}/phone`)
  const bob = await online(env, `bob@${d}/laptop`)
  await alice.send(msg(`bob@${d}/gone`, 'chat', 'c1', 'hi'))
  await bob.expect(delivered(`bob@${d}/gone`, `alice@${d}/phone`, 'chat', 'c1', 'hi'))
  await alice.send(msg(`bob@${d}/gone`, undefined, 'n1', 'hi'))
  await bob.expect(delivered(`bob@${d}/gone`, `alice@${d}/phone`, undefined, 'n1', 'hi'))
  await alice.send(msg(`bob@${d}/gone`, 'groupchat', 'g1', 'room'))
  await alice.expect(bounced('g1', `bob@${d}/gone`, `alice@${d}/phone`))
  await alice.send(msg(`bob@${d}/gone`, 'headline', 'h1', 'news'))
  bob.expectNothing()
  alice.expectNothing()
}

/** §8.5.1: a message to an account that does not exist bounces with service-unavailable. */
export async function noSuchUser(env: Env): Promise<void> {
  const d = env.domain
  const alice = await online(env, `alice@${d}/phone`)
  await alice.send(msg(`nobody@${d}`, 'chat', 'x1', '?'))
  await alice.expect(bounced('x1', `nobody@${d}`, `alice@${d}/phone`))
  await alice.send(msg(`nobody@${d}/res`, 'chat', 'x2', '?'))
  await alice.expect(bounced('x2', `nobody@${d}/res`, `alice@${d}/phone`))
}

/** RFC 6120 §10.3.1: a message without `to` goes to the sender's own bare JID. */
export async function noToIsOwnBareJid(env: Env): Promise<void> {
  const d = env.domain
  const phone = await online(env, `alice@${d}/phone`, 1)
  const laptop = await online(env, `alice@${d}/laptop`, 2)
  await phone.send('<message type="chat" id="s1"><body>note to self</body></message>')
  await laptop.expect(delivered(`alice@${d}`, `alice@${d}/phone`, 'chat', 's1', 'note to self'))
  phone.expectNothing()
}

/** RFC 6120 §8.1.2.1: extension content travels unmodified, `from` stamped with the full JID. */
export async function extensionsUntouched(env: Env): Promise<void> {
  const d = env.domain
  const alice = await online(env, `alice@${d}/phone`)
  const bob = await online(env, `bob@${d}/laptop`)
  const ext =
    '<body xml:lang="en">hi</body><thread>t-1</thread><request xmlns="urn:xmpp:receipts"/><x xmlns="urn:x:custom" a="1"><y>z</y></x>'
  await alice.send(`<message to="bob@${d}" from="alice@${d}" type="chat" id="x1">${ext}</message>`)
  await bob.expect(
    `<message to="bob@${d}" from="alice@${d}/phone" type="chat" id="x1">${ext}</message>`,
  )
}
