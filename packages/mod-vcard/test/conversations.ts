// XEP-0054 conversations, written against a transport-neutral environment: the same scripts run
// against testHost() here and, later, against the real server over WebSocket.

import type { ScriptClient as Client, ScriptEnv as Env } from '@tercet/testing'

export type { Client, Env }

const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas'
const EMPTY = '<vCard xmlns="vcard-temp"/>'
const CARD = '<vCard xmlns="vcard-temp"><FN>Alice Liddell</FN><NICKNAME>alice</NICKNAME></vCard>'
const error = (condition: string, type: string, text = '') =>
  `<error type="${type}"><${condition} xmlns="${STANZAS}"/>${text}</error>`

/** §3.1: with nothing stored, the own vCard is an empty <vCard/>. */
export async function ownEmptyVCard(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="get" id="g1">${EMPTY}</iq>`)
  await alice.expect(`<iq type="result" id="g1" to="alice@${d}/phone">${EMPTY}</iq>`)
  alice.expectNothing()
}

/** §3.2 then §3.1 and §3.3: publish, read it back, and another user reads it from the bare JID. */
export async function publishAndRead(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  const bob = await env.login(`bob@${d}/laptop`)
  await alice.send(`<iq type="set" id="s1">${CARD}</iq>`)
  await alice.expect(`<iq type="result" id="s1" to="alice@${d}/phone"/>`)
  await alice.send(`<iq type="get" id="g2">${EMPTY}</iq>`)
  await alice.expect(`<iq type="result" id="g2" to="alice@${d}/phone">${CARD}</iq>`)
  await bob.send(`<iq type="get" id="g3" to="alice@${d}">${EMPTY}</iq>`)
  await bob.expect(`<iq type="result" id="g3" from="alice@${d}" to="bob@${d}/laptop">${CARD}</iq>`)
  // §3.3: answered by the server, never forwarded to the account's resource.
  alice.expectNothing()
}

/** §3.2: a set replaces the whole vCard (no partial updates); `to` may be the own bare JID. */
export async function setReplacesWholeCard(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="set" id="s1">${CARD}</iq>`)
  await alice.expect(`<iq type="result" id="s1" to="alice@${d}/phone"/>`)
  const next = '<vCard xmlns="vcard-temp"><DESC>gone through the looking glass</DESC></vCard>'
  await alice.send(`<iq type="set" id="s2" to="alice@${d}">${next}</iq>`)
  await alice.expect(`<iq type="result" id="s2" from="alice@${d}" to="alice@${d}/phone"/>`)
  await alice.send(`<iq type="get" id="g1" to="alice@${d}">${EMPTY}</iq>`)
  await alice.expect(
    `<iq type="result" id="g1" from="alice@${d}" to="alice@${d}/phone">${next}</iq>`,
  )
}

/** The vCard belongs to the account: a later session (another resource) reads the same one. */
export async function survivesTheSession(env: Env): Promise<void> {
  const d = env.domain
  const phone = await env.login(`alice@${d}/phone`)
  await phone.send(`<iq type="set" id="s1">${CARD}</iq>`)
  await phone.expect(`<iq type="result" id="s1" to="alice@${d}/phone"/>`)
  const tablet = await env.login(`alice@${d}/tablet`)
  await tablet.send(`<iq type="get" id="g1">${EMPTY}</iq>`)
  await tablet.expect(`<iq type="result" id="g1" to="alice@${d}/tablet">${CARD}</iq>`)
}

/** An empty set clears the vCard: the own get is empty again, others get item-not-found. */
export async function emptySetClears(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  const bob = await env.login(`bob@${d}/laptop`)
  await alice.send(`<iq type="set" id="s1">${CARD}</iq>`)
  await alice.expect(`<iq type="result" id="s1" to="alice@${d}/phone"/>`)
  await alice.send(`<iq type="set" id="s2">${EMPTY}</iq>`)
  await alice.expect(`<iq type="result" id="s2" to="alice@${d}/phone"/>`)
  await alice.send(`<iq type="get" id="g1">${EMPTY}</iq>`)
  await alice.expect(`<iq type="result" id="g1" to="alice@${d}/phone">${EMPTY}</iq>`)
  await bob.send(`<iq type="get" id="g2" to="alice@${d}">${EMPTY}</iq>`)
  await bob.expect(
    `<iq type="error" id="g2" from="alice@${d}" to="bob@${d}/laptop">${error('item-not-found', 'cancel')}</iq>`,
  )
}

/** §3.3: another user without a vCard is an error (MUST), here item-not-found. */
export async function otherWithoutVCard(env: Env): Promise<void> {
  const d = env.domain
  await env.addUser('bob', 'secret')
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="get" id="g1" to="bob@${d}">${EMPTY}</iq>`)
  await alice.expect(
    `<iq type="error" id="g1" from="bob@${d}" to="alice@${d}/phone">${error('item-not-found', 'cancel')}</iq>`,
  )
}

/** §3.3 and RFC 6121 §8.5.1: a user that does not exist is service-unavailable. */
export async function noSuchUser(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="get" id="g1" to="nobody@${d}">${EMPTY}</iq>`)
  await alice.expect(
    `<iq type="error" id="g1" from="nobody@${d}" to="alice@${d}/phone">${error('service-unavailable', 'cancel')}</iq>`,
  )
}

/** §3.2: setting another user's vCard is forbidden, and their vCard is unchanged. */
export async function setOthersIsForbidden(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  const bob = await env.login(`bob@${d}/laptop`)
  await alice.send(`<iq type="set" id="s1">${CARD}</iq>`)
  await alice.expect(`<iq type="result" id="s1" to="alice@${d}/phone"/>`)
  const forged = '<vCard xmlns="vcard-temp"><FN>Mallory</FN></vCard>'
  await bob.send(`<iq type="set" id="s2" to="alice@${d}">${forged}</iq>`)
  await bob.expect(
    `<iq type="error" id="s2" from="alice@${d}" to="bob@${d}/laptop">${error('forbidden', 'auth')}</iq>`,
  )
  await bob.send(`<iq type="get" id="g1" to="alice@${d}">${EMPTY}</iq>`)
  await bob.expect(`<iq type="result" id="g1" from="alice@${d}" to="bob@${d}/laptop">${CARD}</iq>`)
}

/** The size limit: a vCard over `maxSize` bytes is not-acceptable and the old one stays. */
export async function tooLarge(env: Env, limits: { maxSize: number }): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<iq type="set" id="s1">${CARD}</iq>`)
  await alice.expect(`<iq type="result" id="s1" to="alice@${d}/phone"/>`)
  const big = `<vCard xmlns="vcard-temp"><DESC>${'x'.repeat(limits.maxSize)}</DESC></vCard>`
  await alice.send(`<iq type="set" id="s2">${big}</iq>`)
  await alice.expect(
    `<iq type="error" id="s2" to="alice@${d}/phone">${error('not-acceptable', 'modify', `<text xmlns="${STANZAS}">{{}}</text>`)}</iq>`,
  )
  await alice.send(`<iq type="get" id="g1">${EMPTY}</iq>`)
  await alice.expect(`<iq type="result" id="g1" to="alice@${d}/phone">${CARD}</iq>`)
}
