// RFC 6121 Appendix A as conversations: every row of every table, between alice (the user) and
// bob (the contact), both available and interested. A.2 rows: alice sends the stanza through
// her server, and both sides' observations are checked (bob's server applies A.3 to the mirror
// state). A.3 rows: the stanza arrives at alice's server from outside (`env.inject`), so even
// the rows a well-behaved peer never produces are exercised.
import { expect } from 'vitest'
import { type Client, type Env, stateOf } from './conversations'

export const ALICE = 'alice@example.test'
export const BOB = 'bob@example.test'
const RESOURCE: Record<string, string> = { [ALICE]: 'a', [BOB]: 'b' }

/** How to reach each A.1 state (as alice sees it) with ordinary client stanzas. */
const SETUP: Record<string, [who: 'alice' | 'bob', type: string][]> = {
  None: [],
  'None + Pending Out': [['alice', 'subscribe']],
  'None + Pending In': [['bob', 'subscribe']],
  'None + Pending Out+In': [
    ['alice', 'subscribe'],
    ['bob', 'subscribe'],
  ],
  To: [
    ['alice', 'subscribe'],
    ['bob', 'subscribed'],
  ],
  'To + Pending In': [
    ['alice', 'subscribe'],
    ['bob', 'subscribed'],
    ['bob', 'subscribe'],
  ],
  From: [
    ['bob', 'subscribe'],
    ['alice', 'subscribed'],
  ],
  'From + Pending Out': [
    ['bob', 'subscribe'],
    ['alice', 'subscribed'],
    ['alice', 'subscribe'],
  ],
  Both: [
    ['alice', 'subscribe'],
    ['bob', 'subscribed'],
    ['bob', 'subscribe'],
    ['alice', 'subscribed'],
  ],
}

/**
 * What a client receives, in short: `push <subscription> [ask] [approved]` (a roster push of the
 * other party's item), `presence` / `unavailable` (from the other party's resource), or a
 * subscription type (delivered from the other party's bare JID).
 */
export function render(token: string, me: string, other: string): string {
  const [kind, ...flags] = token.split(' ')
  const full = `${other}/${RESOURCE[other]}`
  if (kind === 'push') {
    const ask = flags.includes('ask') ? ' ask="subscribe"' : ''
    const approved = flags.includes('approved') ? ' approved="true"' : ''
    const item = `<item jid="${other}" subscription="${flags[0]}"${ask}${approved}/>`
    const query = `<query xmlns="jabber:iq:roster" ver="{{}}">${item}</query>`
    return `<iq type="set" id="{{}}" to="${me}/${RESOURCE[me]}">${query}</iq>`
  }
  if (kind === 'presence') return `<presence from="${full}" to="${me}"/>`
  if (kind === 'unavailable') return `<presence type="unavailable" from="${full}" to="${me}"/>`
  return `<presence type="${kind}" from="${other}" to="${me}"/>`
}

async function expectExactly(client: Client, tokens: string[], me: string, other: string) {
  for (const token of tokens) await client.expect(render(token, me, other))
  client.expectNothing()
}

async function pair(env: Env, state: string) {
  const alice = await env.login(`${ALICE}/a`)
  const bob = await env.login(`${BOB}/b`)
  for (const c of [alice, bob]) {
    await c.send('<iq type="get" id="roster"><query xmlns="jabber:iq:roster"/></iq>')
    await c.send('<presence/>')
  }
  for (const [who, type] of SETUP[state]!) {
    const [from, to] = who === 'alice' ? [alice, BOB] : [bob, ALICE]
    await from.send(`<presence type="${type}" to="${to}"/>`)
  }
  alice.received()
  bob.received()
  // The setup really reached the state it names.
  expect(await stateOf(env, alice, ALICE, BOB, 'setup')).toBe(state)
  alice.received()
  bob.received()
  return { alice, bob }
}

/** [existing state, alice receives, bob receives, new state ('=' for no change, '*' approved)] */
export type UserRow = [string, string[], string[], string]
/** [existing state, alice receives, new state] */
export type ContactRow = [string, string[], string]

/** A.2.x: alice sends `type` to bob. */
export async function outboundRow(env: Env, type: string, row: UserRow) {
  const [state, aliceSees, bobSees, after] = row
  const { alice, bob } = await pair(env, state)
  await alice.send(`<presence type="${type}" to="${BOB}"/>`)
  await expectExactly(alice, aliceSees, ALICE, BOB)
  await expectExactly(bob, bobSees, BOB, ALICE)
  expect(await stateOf(env, alice, ALICE, BOB, 'after')).toBe(after === '=' ? state : after)
}

/** A.3.x: a `type` from bob arrives at alice's server. */
export async function inboundRow(env: Env, type: string, row: ContactRow) {
  const [state, aliceSees, after] = row
  const { alice } = await pair(env, state)
  await env.inject(`<presence type="${type}" from="${BOB}" to="${ALICE}"/>`)
  await expectExactly(alice, aliceSees, ALICE, BOB)
  expect(await stateOf(env, alice, ALICE, BOB, 'after')).toBe(after === '=' ? state : after)
}
