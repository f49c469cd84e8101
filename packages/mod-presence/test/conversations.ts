// RFC 6121 §3 conversations (subscriptions), written against an environment so the transport
// can be swapped: testHost() in Node today, the Worker in workerd later. Presence exchange
// (§4) is in exchange.ts, Appendix A in appendix-a.ts; both build on what this file exports.
import type { Element } from '@tercet/xml'
import { expect } from 'vitest'

export interface Client {
  send(stanza: string): Promise<void>
  /** Takes the next received stanza and matches it (`{{name}}` placeholders allowed). */
  expect(stanza: string): Promise<unknown>
  expectNothing(): void
  received(): Element[]
  /** The connection drops without `<close/>` or unavailable presence. */
  disconnect(): Promise<void>
}

export interface Env {
  readonly domain: string
  login(jid: string, options?: { sendPresence?: boolean }): Promise<Client>
  addUser(user: string, password: string): Promise<void>
  /** A stanza arriving from another server (it carries its own `from`). */
  inject(stanza: string): Promise<void>
}

export const GET_ROSTER = '<iq type="get" id="roster"><query xmlns="jabber:iq:roster"/></iq>'

/** Logs in, asks for the roster (interested, §2.1.6) and, unless told not to, goes available. */
export async function online(env: Env, jid: string, available = true): Promise<Client> {
  const c = await env.login(jid)
  await c.send(GET_ROSTER)
  if (available) await c.send('<presence/>')
  c.received()
  return c
}

export const pres = (attrs: string, children = '') =>
  children ? `<presence ${attrs}>${children}</presence>` : `<presence ${attrs}/>`

export const push = (to: string, item: string) =>
  `<iq type="set" id="{{}}" to="${to}"><query xmlns="jabber:iq:roster" ver="{{}}">${item}</query></iq>`

export const item = (jid: string, subscription: string, extra = '') =>
  `<item jid="${jid}" subscription="${subscription}"${extra}/>`

export const ASK = ' ask="subscribe"'

export function drain(...clients: Client[]) {
  for (const c of clients) c.received()
}

let checks = 0

/**
 * The Appendix A state of `contact` as `user` sees it: the roster item (subscription, `ask`,
 * `approved` shown as "*"), and "Pending In" found the way a client finds it — by becoming
 * available on a fresh resource and seeing whether the request is delivered (§3.1.3 step 4).
 */
export async function stateOf(
  env: Env,
  client: Client,
  user: string,
  contact: string,
  label: string,
): Promise<string> {
  const id = `state-${++checks}`
  await client.send(`<iq type="get" id="${id}"><query xmlns="jabber:iq:roster"/></iq>`)
  const result = client.received().find((e) => e.attr('id') === id)!
  const items = result.getChild('query', 'jabber:iq:roster')?.getChildren('item') ?? []
  const found = items.find((i) => i.attr('jid') === contact)
  const check = await env.login(`${user}/check-${label}-${checks}`, { sendPresence: true })
  const pendingIn = check
    .received()
    .some((e) => e.attr('type') === 'subscribe' && e.attr('from') === contact)
  await check.disconnect()
  const sub = found?.attr('subscription') ?? 'none'
  const pending = [found?.attr('ask') ? 'Out' : '', pendingIn ? 'In' : ''].filter(Boolean)
  const name = sub[0]!.toUpperCase() + sub.slice(1)
  const approved = found?.attr('approved') === 'true' ? '*' : ''
  return `${name}${pending.length ? ` + Pending ${pending.join('+')}` : ''}${approved}`
}

const A = 'alice@example.test'
const B = 'bob@example.test'

/** §3.1: a subscription handshake in each direction, every step through the state machine. */
export async function handshakeBothWays(env: Env) {
  const alice = await online(env, `${A}/a`)
  const bob = await online(env, `${B}/b`)
  await alice.send(pres(`type="subscribe" to="${B}"`))
  await alice.expect(push(`${A}/a`, item(B, 'none', ASK)))
  await bob.expect(pres(`type="subscribe" from="${A}" to="${B}"`))
  await bob.send(pres(`type="subscribed" to="${A}"`))
  await bob.expect(push(`${B}/b`, item(A, 'from')))
  await alice.expect(pres(`type="subscribed" from="${B}" to="${A}"`))
  await alice.expect(push(`${A}/a`, item(B, 'to')))
  // §3.1.5: the approval is followed by the contact's current presence.
  await alice.expect(pres(`from="${B}/b" to="${A}"`))
  await bob.send(pres(`type="subscribe" to="${A}"`))
  await bob.expect(push(`${B}/b`, item(A, 'from', ASK)))
  await alice.expect(pres(`type="subscribe" from="${B}" to="${A}"`))
  await alice.send(pres(`type="subscribed" to="${B}"`))
  await alice.expect(push(`${A}/a`, item(B, 'both')))
  await bob.expect(pres(`type="subscribed" from="${A}" to="${B}"`))
  await bob.expect(push(`${B}/b`, item(A, 'both')))
  await bob.expect(pres(`from="${A}/a" to="${B}"`))
  alice.expectNothing()
  bob.expectNothing()
  expect(await stateOf(env, alice, A, B, 'a')).toBe('Both')
  expect(await stateOf(env, bob, B, A, 'b')).toBe('Both')
}

/** §3.1.3 step 4: a request to an unavailable user is kept and delivered at every login. */
export async function pendingRequestRedelivered(env: Env) {
  const alice = await online(env, `${A}/a`, false)
  const bob = await online(env, `${B}/b`)
  await bob.send(pres(`type="subscribe" to="${A}"`))
  await bob.expect(push(`${B}/b`, item(A, 'none', ASK)))
  alice.expectNothing()
  // A.3.1: asking again while pending delivers nothing new.
  await bob.send(pres(`type="subscribe" to="${A}"`))
  bob.expectNothing()
  await alice.send('<presence/>')
  await alice.expect(pres(`from="${A}/a" to="${A}"`))
  await alice.expect(pres(`type="subscribe" from="${B}" to="${A}"`))
  alice.expectNothing()
  await alice.disconnect()
  const again = await env.login(`${A}/a2`)
  await again.send('<presence/>')
  await again.expect(pres(`from="${A}/a2" to="${A}"`))
  await again.expect(pres(`type="subscribe" from="${B}" to="${A}"`))
  again.expectNothing()
  await again.send(pres(`type="subscribed" to="${B}"`))
  await bob.expect(pres(`type="subscribed" from="${A}" to="${B}"`))
  await bob.expect(push(`${B}/b`, item(A, 'to')))
  await bob.expect(pres(`from="${A}/a2" to="${B}"`))
  // Answered: the next resource that becomes available is not asked again.
  const third = await env.login(`${A}/a3`)
  await third.send('<presence/>')
  await third.expect(pres(`from="${A}/a3" to="${A}"`))
  await third.expect(pres(`from="${A}/a2" to="${A}/a3"`))
  third.expectNothing()
}

/** §3.4: a pre-approval is pushed, not routed, and answers the request when it comes. */
export async function preApproval(env: Env) {
  const alice = await online(env, `${A}/a`)
  const bob = await online(env, `${B}/b`)
  await alice.send(pres(`type="subscribed" to="${B}"`))
  await alice.expect(push(`${A}/a`, item(B, 'none', ' approved="true"')))
  bob.expectNothing()
  await bob.send(pres(`type="subscribe" to="${A}"`))
  await bob.expect(push(`${B}/b`, item(A, 'none', ASK)))
  await bob.expect(pres(`type="subscribed" from="${A}" to="${B}"`))
  await bob.expect(push(`${B}/b`, item(A, 'to')))
  await bob.expect(pres(`from="${A}/a" to="${B}"`))
  // §3.4.2: the user never sees the request, only the new subscription.
  await alice.expect(push(`${A}/a`, item(B, 'from')))
  alice.expectNothing()
  // §3.2.2: unsubscribed cancels a pre-approval, and nothing is routed.
  await alice.send(pres('type="subscribed" to="carol@example.test"'))
  await alice.expect(push(`${A}/a`, item('carol@example.test', 'none', ' approved="true"')))
  await alice.send(pres('type="unsubscribed" to="carol@example.test"'))
  await alice.expect(push(`${A}/a`, item('carol@example.test', 'none')))
  alice.expectNothing()
}

/** §3.1.3 step 2: a request from a contact already subscribed is answered by the server. */
export async function autoReplyWhenSubscribed(env: Env) {
  const alice = await online(env, `${A}/a`)
  const bob = await online(env, `${B}/b`)
  await bob.send(pres(`type="subscribe" to="${A}"`))
  await alice.send(pres(`type="subscribed" to="${B}"`))
  // bob's server loses the subscription, as after a lost stanza (A.3.4: "To" → "None").
  await env.inject(pres(`type="unsubscribed" from="${A}" to="${B}"`))
  drain(alice, bob)
  await bob.send(pres(`type="subscribe" to="${A}"`))
  await bob.expect(push(`${B}/b`, item(A, 'none', ASK)))
  await bob.expect(pres(`type="subscribed" from="${A}" to="${B}"`))
  await bob.expect(push(`${B}/b`, item(A, 'to')))
  await bob.expect(pres(`from="${A}/a" to="${B}"`))
  // alice already approved once: she is not asked again.
  alice.expectNothing()
  bob.expectNothing()
}
