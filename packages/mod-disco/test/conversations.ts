// XEP-0030 conversations, written against a transport-neutral environment: the same scripts run
// against testHost() here and, later, against the real server over WebSocket.

import type { ScriptClient as Client, ScriptEnv as Env } from '@tercet/testing'

export type { Client, Env }

const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas'
const INFO = 'http://jabber.org/protocol/disco#info'
const ITEMS = 'http://jabber.org/protocol/disco#items'
const error = (condition: string) =>
  `<error type="cancel"><${condition} xmlns="${STANZAS}"/></error>`
const accountInfo = `<query xmlns="${INFO}"><identity category="account" type="registered"/><feature var="${INFO}"/><feature var="${ITEMS}"/></query>`

export interface ServerInfo {
  /** `<identity/>` elements in order, as XML. */
  identities: string[]
  /** Every feature, sorted. */
  features: string[]
}

/** §3.1: the server's identities and every feature its modules advertise, each once. */
export async function serverInfo(env: Env, expected: ServerInfo): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  const features = expected.features.map((f) => `<feature var="${f}"/>`).join('')
  await alice.send(`<iq type="get" id="i1" to="${d}"><query xmlns="${INFO}"/></iq>`)
  await alice.expect(
    `<iq type="result" id="i1" from="${d}" to="alice@${d}/phone"><query xmlns="${INFO}">${expected.identities.join('')}${features}</query></iq>`,
  )
  alice.expectNothing()
}

/** §3.2 and §7: the server has no info or items nodes: item-not-found. */
export async function serverUnknownNode(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  for (const ns of [INFO, ITEMS]) {
    await alice.send(`<iq type="get" id="n1" to="${d}"><query xmlns="${ns}" node="nope"/></iq>`)
    await alice.expect(
      `<iq type="error" id="n1" from="${d}" to="alice@${d}/phone">${error('item-not-found')}</iq>`,
    )
  }
}

/** §4.1: the server's items are the configured ones; with none, an empty query (never an error). */
export async function serverItems(env: Env, items: string[]): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="get" id="it1" to="${d}"><query xmlns="${ITEMS}"/></iq>`)
  await alice.expect(
    `<iq type="result" id="it1" from="${d}" to="alice@${d}/phone"><query xmlns="${ITEMS}">${items.join('')}</query></iq>`,
  )
}

/** §3.1: a user's own account: account/registered, with or without `to`. */
export async function ownAccountInfo(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="get" id="a1"><query xmlns="${INFO}"/></iq>`)
  await alice.expect(`<iq type="result" id="a1" to="alice@${d}/phone">${accountInfo}</iq>`)
  await alice.send(`<iq type="get" id="a2" to="alice@${d}"><query xmlns="${INFO}"/></iq>`)
  await alice.expect(
    `<iq type="result" id="a2" from="alice@${d}" to="alice@${d}/phone">${accountInfo}</iq>`,
  )
  // §3.2: accounts have no info nodes.
  await alice.send(`<iq type="get" id="a3"><query xmlns="${INFO}" node="x"/></iq>`)
  await alice.expect(
    `<iq type="error" id="a3" to="alice@${d}/phone">${error('item-not-found')}</iq>`,
  )
}

/**
 * §8 rule 1: to anyone not authorised to see the account's presence, disco#info of the account
 * is service-unavailable, exactly as for an account that does not exist (RFC 6121 §8.5.1).
 */
export async function accountInfoNeedsAuthorisation(env: Env): Promise<void> {
  const d = env.domain
  await env.addUser('bob', 'secret')
  const alice = await env.login(`alice@${d}/phone`)
  for (const [id, to] of [
    ['b1', `bob@${d}`],
    ['b2', `nobody@${d}`],
  ] as const) {
    await alice.send(`<iq type="get" id="${id}" to="${to}"><query xmlns="${INFO}"/></iq>`)
    await alice.expect(
      `<iq type="error" id="${id}" from="${to}" to="alice@${d}/phone">${error('service-unavailable')}</iq>`,
    )
  }
  await alice.send(`<iq type="get" id="b3" to="bob@${d}"><query xmlns="${INFO}" node="x"/></iq>`)
  await alice.expect(
    `<iq type="error" id="b3" from="bob@${d}" to="alice@${d}/phone">${error('service-unavailable')}</iq>`,
  )
}

/** §3.1: an authorised requester gets account/registered for the bare JID, from the server. */
export async function accountInfoForAuthorised(env: Env, trusted: string): Promise<void> {
  const d = env.domain
  const bob = await env.login(`bob@${d}/laptop`, { sendPresence: true })
  const friend = await env.login(`${trusted}@${d}/phone`)
  await friend.send(`<iq type="get" id="c1" to="bob@${d}"><query xmlns="${INFO}"/></iq>`)
  await friend.expect(
    `<iq type="result" id="c1" from="bob@${d}" to="${trusted}@${d}/phone">${accountInfo}</iq>`,
  )
  // Answered by the server on the account's behalf, never forwarded to a resource.
  bob.expectNothing()
}

/** §4.1 and §8 rule 2: the account's available resources, to the account and authorised users. */
export async function accountItems(env: Env, trusted: string): Promise<void> {
  const d = env.domain
  const phone = await env.login(`bob@${d}/phone`, { sendPresence: true })
  await env.login(`bob@${d}/quiet`) // bound but not available: not listed
  const laptop = await env.login(`bob@${d}/laptop`, { sendPresence: true })
  const items = `<query xmlns="${ITEMS}"><item jid="bob@${d}/laptop"/><item jid="bob@${d}/phone"/></query>`
  await laptop.send(`<iq type="get" id="r1"><query xmlns="${ITEMS}"/></iq>`)
  await laptop.expect(`<iq type="result" id="r1" to="bob@${d}/laptop">${items}</iq>`)
  const friend = await env.login(`${trusted}@${d}/phone`)
  await friend.send(`<iq type="get" id="r2" to="bob@${d}"><query xmlns="${ITEMS}"/></iq>`)
  await friend.expect(
    `<iq type="result" id="r2" from="bob@${d}" to="${trusted}@${d}/phone">${items}</iq>`,
  )
  // §8 rule 2: anyone else gets an empty result set.
  const stranger = await env.login(`mallory@${d}/x`)
  await stranger.send(`<iq type="get" id="r3" to="bob@${d}"><query xmlns="${ITEMS}"/></iq>`)
  await stranger.expect(
    `<iq type="result" id="r3" from="bob@${d}" to="mallory@${d}/x"><query xmlns="${ITEMS}"/></iq>`,
  )
  // §8 rule 2.1 asks an empty result for an account that does not exist too, but RFC 6121
  // §8.5.1 (the later, normative text) makes every IQ to it service-unavailable.
  await stranger.send(`<iq type="get" id="r4" to="nobody@${d}"><query xmlns="${ITEMS}"/></iq>`)
  await stranger.expect(
    `<iq type="error" id="r4" from="nobody@${d}" to="mallory@${d}/x">${error('service-unavailable')}</iq>`,
  )
  phone.expectNothing()
}

/** §3.1: a query to a full JID is the client's to answer; the server relays it. */
export async function fullJidGoesToTheClient(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  const bob = await env.login(`bob@${d}/laptop`)
  await alice.send(`<iq type="get" id="f1" to="bob@${d}/laptop"><query xmlns="${INFO}"/></iq>`)
  await bob.expect(
    `<iq type="get" id="f1" to="bob@${d}/laptop" from="alice@${d}/phone"><query xmlns="${INFO}"/></iq>`,
  )
  alice.expectNothing()
}
