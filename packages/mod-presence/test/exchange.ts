// RFC 6121 §4 conversations (presence exchange) and §2.5.2 (roster removal cancelling the
// subscriptions), against the same swappable environment as conversations.ts.
import { expect } from 'vitest'
import { type Client, drain, type Env, item, online, pres, push, stateOf } from './conversations'

const A = 'alice@example.test'
const B = 'bob@example.test'
const C = 'carol@example.test'

/** bob subscribes to alice and alice approves ("From" as alice sees it); "Both" adds the reverse. */
async function befriend(alice: Client, bob: Client, both: boolean) {
  await bob.send(pres(`type="subscribe" to="${A}"`))
  await alice.send(pres(`type="subscribed" to="${B}"`))
  if (both) {
    await alice.send(pres(`type="subscribe" to="${B}"`))
    await bob.send(pres(`type="subscribed" to="${A}"`))
  }
  drain(alice, bob)
}

/** §4.2.2: initial presence is broadcast, probes are sent, the other resources are shown. */
export async function initialPresence(env: Env) {
  const alice = await online(env, `${A}/a`)
  const bob = await online(env, `${B}/b`)
  await befriend(alice, bob, true)
  await bob.send('<presence><show>away</show></presence>')
  await alice.expect(pres(`from="${B}/b" to="${A}"`, '<show>away</show>'))
  drain(alice, bob)
  const phone = await env.login(`${A}/phone`)
  await phone.send('<presence><status>phone</status></presence>')
  await bob.expect(pres(`from="${A}/phone" to="${B}"`, '<status>phone</status>'))
  await alice.expect(pres(`from="${A}/phone" to="${A}"`, '<status>phone</status>'))
  // The new resource: its own presence (implicit self-subscription), its sibling's, then the
  // answer to the probe (sent to the bare JID, so the sibling gets it as well).
  await phone.expect(pres(`from="${A}/phone" to="${A}"`, '<status>phone</status>'))
  await phone.expect(pres(`from="${A}/a" to="${A}/phone"`))
  await alice.expect(pres(`from="${B}/b" to="${A}"`, '<show>away</show>'))
  await phone.expect(pres(`from="${B}/b" to="${A}"`, '<show>away</show>'))
  for (const c of [alice, bob, phone]) c.expectNothing()
}

/** §4.4.2: an update is broadcast, but probes are not sent again. */
export async function presenceUpdate(env: Env) {
  const alice = await online(env, `${A}/a`)
  const bob = await online(env, `${B}/b`)
  await befriend(alice, bob, true)
  await alice.send('<presence><show>dnd</show></presence>')
  await bob.expect(pres(`from="${A}/a" to="${B}"`, '<show>dnd</show>'))
  await alice.expect(pres(`from="${A}/a" to="${A}"`, '<show>dnd</show>'))
  alice.expectNothing()
  bob.expectNothing()
}

/** §4.3.2: probes are answered for subscribers only, per resource, then the last unavailable. */
export async function probes(env: Env) {
  const a = await online(env, `${A}/a`)
  const second = await env.login(`${A}/b`)
  await second.send('<presence><priority>5</priority></presence>')
  const bob = await online(env, `${B}/b`)
  const carol = await online(env, `${C}/c`)
  await befriend(a, bob, false)
  drain(second, carol)
  await carol.send(pres(`type="probe" to="${A}"`))
  carol.expectNothing()
  await bob.send(pres(`type="probe" to="${A}"`))
  await bob.expect(pres(`from="${A}/a" to="${B}/b"`))
  await bob.expect(pres(`from="${A}/b" to="${B}/b"`, '<priority>5</priority>'))
  bob.expectNothing()
  await second.disconnect()
  await bob.expect(pres(`type="unavailable" from="${A}/b" to="${B}"`))
  await a.send('<presence type="unavailable"><status>gone</status></presence>')
  await bob.expect(pres(`type="unavailable" from="${A}/a" to="${B}"`, '<status>gone</status>'))
  await bob.send(pres(`type="probe" to="${A}"`))
  await bob.expect(pres(`type="unavailable" from="${A}/a" to="${B}/b"`, '<status>gone</status>'))
  bob.expectNothing()
  a.received()
  a.expectNothing()
}

/** §4.3.2: a subscriber probing an account that was never available gets unavailable. */
export async function probeNeverOnline(env: Env) {
  const dave = await online(env, 'dave@example.test/d', false)
  const bob = await online(env, `${B}/b`)
  await bob.send(pres('type="subscribe" to="dave@example.test"'))
  await dave.send(pres(`type="subscribed" to="${B}"`))
  drain(bob, dave)
  const phone = await env.login(`${B}/phone`)
  await phone.send('<presence/>')
  await phone.expect(pres(`from="${B}/phone" to="${B}"`))
  await phone.expect(pres(`from="${B}/b" to="${B}/phone"`))
  await phone.expect(pres(`type="unavailable" from="dave@example.test" to="${B}"`))
  phone.expectNothing()
}

/** §4.6: directed presence is tracked and ended, by unavailable or by the session ending. */
export async function directedPresence(env: Env) {
  const alice = await online(env, `${A}/a`)
  const bob = await online(env, `${B}/b`)
  const carol = await online(env, `${C}/c`)
  await befriend(alice, bob, false)
  await alice.send(pres(`to="${C}/c"`, '<status>hi</status>'))
  await carol.expect(pres(`to="${C}/c" from="${A}/a"`, '<status>hi</status>'))
  // Directed presence to a subscriber is not tracked: it gets the broadcast anyway.
  await alice.send(pres(`to="${B}"`))
  await bob.expect(pres(`to="${B}" from="${A}/a"`))
  await alice.send('<presence type="unavailable"/>')
  await bob.expect(pres(`type="unavailable" from="${A}/a" to="${B}"`))
  await carol.expect(pres(`type="unavailable" from="${A}/a" to="${C}/c"`))
  await alice.expect(pres(`type="unavailable" from="${A}/a" to="${A}"`))
  await alice.send('<presence/>')
  drain(alice, bob, carol)
  await alice.send(pres(`to="${C}"`))
  await carol.expect(pres(`to="${C}" from="${A}/a"`))
  // §4.5.2: the session ends without unavailable: the server sends it, to both kinds.
  await alice.disconnect()
  await bob.expect(pres(`type="unavailable" from="${A}/a" to="${B}"`))
  await carol.expect(pres(`type="unavailable" from="${A}/a" to="${C}"`))
  // Directed unavailable ends the tracking: nothing more when this session ends.
  const other = await env.login(`${A}/x`)
  await other.send(pres(`to="${C}/c"`))
  await carol.expect(pres(`to="${C}/c" from="${A}/x"`))
  await other.send(pres(`type="unavailable" to="${C}/c"`))
  await carol.expect(pres(`type="unavailable" to="${C}/c" from="${A}/x"`))
  await other.disconnect()
  carol.expectNothing()
  bob.expectNothing()
}

/** §4.5.2: a resource that vanishes is announced unavailable to contacts and siblings. */
export async function sessionEndsWithoutUnavailable(env: Env) {
  const a = await online(env, `${A}/a`)
  const b = await online(env, `${A}/b`)
  const bob = await online(env, `${B}/b`)
  await befriend(a, bob, false)
  drain(b)
  await b.disconnect()
  await bob.expect(pres(`type="unavailable" from="${A}/b" to="${B}"`))
  await a.expect(pres(`type="unavailable" from="${A}/b" to="${A}"`))
  await bob.send(pres(`type="probe" to="${A}"`))
  await bob.expect(pres(`from="${A}/a" to="${B}/b"`))
  bob.expectNothing()
  a.expectNothing()
}

const REMOVE = (jid: string) =>
  `<iq type="set" id="rm"><query xmlns="jabber:iq:roster"><item jid="${jid}" subscription="remove"/></query></iq>`

/** §2.5.2: removing a "Both" contact cancels both subscriptions, with unavailable first. */
export async function removeCancelsBothWays(env: Env) {
  const alice = await online(env, `${A}/a`)
  const bob = await online(env, `${B}/b`)
  await befriend(alice, bob, true)
  await alice.send(REMOVE(B))
  await bob.expect(pres(`type="unsubscribe" from="${A}" to="${B}"`))
  await bob.expect(push(`${B}/b`, item(A, 'to')))
  await bob.expect(pres(`type="unavailable" from="${A}/a" to="${B}"`))
  await bob.expect(pres(`type="unsubscribed" from="${A}" to="${B}"`))
  await bob.expect(push(`${B}/b`, item(A, 'none')))
  // Alice's own processing first (the push, then the result: RFC 6121 §2.5.2), then what
  // bob's account sends back once it has processed the cancellation.
  await alice.expect(push(`${A}/a`, item(B, 'remove')))
  await alice.expect(`<iq type="result" id="rm" to="${A}/a"/>`)
  await alice.expect(pres(`type="unavailable" from="${B}/b" to="${A}"`))
  alice.expectNothing()
  bob.expectNothing()
  expect(await stateOf(env, alice, A, B, 'alice')).toBe('None')
  expect(await stateOf(env, bob, B, A, 'bob')).toBe('None')
}

/** §2.5.2: removing a contact whose request is pending denies it; a pending own one is cancelled. */
export async function removeCancelsPending(env: Env) {
  const alice = await online(env, `${A}/a`)
  const bob = await online(env, `${B}/b`)
  await bob.send(pres(`type="subscribe" to="${A}"`))
  await alice.send(
    `<iq type="set" id="add"><query xmlns="jabber:iq:roster"><item jid="${B}" name="Bob"/></query></iq>`,
  )
  drain(alice, bob)
  await alice.send(REMOVE(B))
  await bob.expect(pres(`type="unsubscribed" from="${A}" to="${B}"`))
  await bob.expect(push(`${B}/b`, item(A, 'none')))
  await alice.expect(push(`${A}/a`, item(B, 'remove')))
  await alice.expect(`<iq type="result" id="rm" to="${A}/a"/>`)
  expect(await stateOf(env, alice, A, B, 'in')).toBe('None')
  drain(alice, bob)
  const carol = await online(env, `${C}/c`)
  await alice.send(pres(`type="subscribe" to="${C}"`))
  drain(alice, carol)
  await alice.send(REMOVE(C))
  await alice.expect(push(`${A}/a`, item(C, 'remove')))
  // The unsubscribe went out, and carol's server simply forgot the request (§3.3.3).
  carol.expectNothing()
  expect(await stateOf(env, carol, C, A, 'out')).toBe('None')
}

/** §4.7.2: repeated show/priority, same-language status or bad values are refused, never sent. */
export async function validation(env: Env) {
  const alice = await online(env, `${A}/a`)
  const bob = await online(env, `${B}/b`)
  await befriend(alice, bob, false)
  const refused = [
    '<presence><show>away</show><show>dnd</show></presence>',
    '<presence><status>a</status><status>b</status></presence>',
    `<presence to="${C}"><priority>1</priority><priority>2</priority></presence>`,
  ]
  for (const stanza of refused) {
    await alice.send(stanza)
    const from = stanza.includes('to=') ? ` from="${C}"` : ''
    await alice.expect(
      `<presence type="error" to="${A}/a"${from}><error type="modify"><bad-request xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">{{}}</text></error></presence>`,
    )
  }
  // Values the router refuses (RFC 6120 §8.3.3.1) are answered with bad-request and never
  // broadcast.
  for (const stanza of [
    '<presence><show>sleeping</show></presence>',
    '<presence><priority>200</priority></presence>',
  ]) {
    await alice.send(stanza)
    await alice.expect(
      `<presence type="error" to="${A}/a"><error type="modify"><bad-request xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">{{}}</text></error></presence>`,
    )
  }
  alice.expectNothing()
  bob.expectNothing()
}
