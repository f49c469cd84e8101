// RFC 6121 §2 conversations, written against an environment so the transport can be swapped:
// testHost() in Node today, the Worker in workerd later. Each one is a function of `Env`.

export interface Client {
  send(stanza: string): Promise<void>
  /** Takes the next received stanza and matches it (`{{name}}` placeholders allowed). */
  expect(stanza: string): Promise<unknown>
  expectNothing(): void
  received(): unknown[]
  disconnect(): Promise<void>
}

export interface Env {
  readonly domain: string
  login(jid: string, options?: { sendPresence?: boolean }): Promise<Client>
  addUser(user: string, password: string): Promise<void>
}

const GET = (id: string, ver?: string) =>
  `<iq type="get" id="${id}"><query xmlns="jabber:iq:roster"${ver === undefined ? '' : ` ver="${ver}"`}/></iq>`
const SET = (id: string, item: string) =>
  `<iq type="set" id="${id}"><query xmlns="jabber:iq:roster">${item}</query></iq>`
const result = (id: string, to: string, query = '') =>
  `<iq type="result" id="${id}" to="${to}">${query}</iq>`
const push = (ver: string, to: string, item: string) =>
  `<iq type="set" id="push-${ver}" to="${to}"><query xmlns="jabber:iq:roster" ver="${ver}">${item}</query></iq>`
const error = (id: string, to: string, type: string, condition: string) =>
  `<iq type="error" id="${id}" to="${to}"><error type="${type}"><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">{{}}</text></error></iq>`
const errorNoText = (id: string, to: string, type: string, condition: string) =>
  `<iq type="error" id="${id}" to="${to}"><error type="${type}"><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`

const NURSE = '<item jid="nurse@example.test" name="Nurse"><group>Servants</group></item>'
const NURSE_ITEM =
  '<item jid="nurse@example.test" name="Nurse" subscription="none"><group>Servants</group></item>'

/** §2.1.3: an empty roster, then one item added with a name and a group. */
export async function getAndSet(env: Env) {
  const a = await env.login('juliet@example.test/balcony')
  await a.send(GET('r1'))
  await a.expect(
    result('r1', 'juliet@example.test/balcony', '<query xmlns="jabber:iq:roster" ver="0"/>'),
  )
  await a.send(SET('s1', NURSE))
  // §2.3.2: the push reaches the resource that made the change too, then the result.
  await a.expect(push('1', 'juliet@example.test/balcony', NURSE_ITEM))
  await a.expect(result('s1', 'juliet@example.test/balcony'))
  await a.send(GET('r2'))
  await a.expect(
    result(
      'r2',
      'juliet@example.test/balcony',
      `<query xmlns="jabber:iq:roster" ver="1">${NURSE_ITEM}</query>`,
    ),
  )
  // §2.4: an update replaces name and groups.
  await a.send(SET('s2', '<item jid="nurse@example.test"><group>A</group><group>B</group></item>'))
  await a.expect(
    push(
      '2',
      'juliet@example.test/balcony',
      '<item jid="nurse@example.test" subscription="none"><group>A</group><group>B</group></item>',
    ),
  )
  await a.expect(result('s2', 'juliet@example.test/balcony'))
  a.expectNothing()
}

/** §2.1.6: pushes go to every interested resource — three of four here — and only to them. */
export async function pushesToInterestedResources(env: Env) {
  const [a, b, c, d] = await Promise.all(
    ['a', 'b', 'c', 'd'].map((r) => env.login(`juliet@example.test/${r}`)),
  )
  for (const [client, id] of [
    [a!, 'ga'],
    [b!, 'gb'],
    [c!, 'gc'],
  ] as const) {
    await client.send(GET(id))
    client.received()
  }
  await b!.send(SET('s1', NURSE))
  for (const [client, r] of [
    [a!, 'a'],
    [b!, 'b'],
    [c!, 'c'],
  ] as const) {
    await client.expect(push('1', `juliet@example.test/${r}`, NURSE_ITEM))
  }
  await b!.expect(result('s1', 'juliet@example.test/b'))
  // d never asked for the roster (§2.1.6: not interested), so it gets no push.
  d!.expectNothing()
  for (const client of [a!, b!, c!]) client.expectNothing()
  // Once d asks, it is interested too; a removal is pushed to all four (§2.5.2).
  await d!.send(GET('gd'))
  d!.received()
  await c!.send(SET('s2', '<item jid="nurse@example.test" subscription="remove"/>'))
  const removed = '<item jid="nurse@example.test" subscription="remove"/>'
  for (const [client, r] of [
    [a!, 'a'],
    [b!, 'b'],
    [c!, 'c'],
    [d!, 'd'],
  ] as const) {
    await client.expect(push('2', `juliet@example.test/${r}`, removed))
  }
  await c!.expect(result('s2', 'juliet@example.test/c'))
}

/** §2.6: versions, the empty result for a current cache, pushes carrying the version. */
export async function versioning(env: Env) {
  const a = await env.login('juliet@example.test/balcony')
  const to = 'juliet@example.test/balcony'
  await a.send(GET('r1', ''))
  await a.expect(result('r1', to, '<query xmlns="jabber:iq:roster" ver="0"/>'))
  await a.send(SET('s1', NURSE))
  await a.expect(push('1', to, NURSE_ITEM))
  await a.expect(result('s1', to))
  // §2.6.3: the cached version is current: an empty result.
  await a.send(GET('r2', '1'))
  await a.expect(result('r2', to))
  // An older version gets the whole roster with the current version.
  await a.send(GET('r3', '0'))
  await a.expect(result('r3', to, `<query xmlns="jabber:iq:roster" ver="1">${NURSE_ITEM}</query>`))
  await a.send(SET('s2', '<item jid="nurse@example.test" subscription="remove"/>'))
  await a.expect(push('2', to, '<item jid="nurse@example.test" subscription="remove"/>'))
  await a.expect(result('s2', to))
  await a.send(GET('r4', '1'))
  await a.expect(result('r4', to, '<query xmlns="jabber:iq:roster" ver="2"/>'))
}

/** §2.3.3 and §2.5.3: each refused roster set, with its condition. */
export async function setErrors(env: Env) {
  const a = await env.login('juliet@example.test/balcony')
  const to = 'juliet@example.test/balcony'
  const cases: [string, string, string][] = [
    ['<item jid="a@example.test"/><item jid="b@example.test"/>', 'modify', 'bad-request'],
    ['', 'modify', 'bad-request'],
    ['<item jid="a@example.test" subscription="both"/>', 'modify', 'bad-request'],
    ['<item jid="a@example.test" subscription="none"/>', 'modify', 'bad-request'],
    ['<item/>', 'modify', 'bad-request'],
    ['<item jid="a@example.test/phone"/>', 'modify', 'bad-request'],
    ['<item jid="a@@example.test"/>', 'modify', 'jid-malformed'],
    ['<item jid="a@example.test"><group/></item>', 'modify', 'not-acceptable'],
    ['<item jid="a@example.test"><group>x</group><group>x</group></item>', 'modify', 'bad-request'],
    ['<item jid="a@example.test" name="0123456789a"/>', 'modify', 'not-acceptable'],
    ['<item jid="a@example.test"><group>0123456789a</group></item>', 'modify', 'not-acceptable'],
    [
      '<item jid="a@example.test"><group>1</group><group>2</group><group>3</group></item>',
      'modify',
      'not-acceptable',
    ],
  ]
  for (const [i, [item, type, condition]] of cases.entries()) {
    await a.send(SET(`e${i}`, item))
    await a.expect(error(`e${i}`, to, type, condition))
  }
  // §2.5.3: removing an item that is not there.
  await a.send(SET('rm', '<item jid="nobody@example.test" subscription="remove"/>'))
  await a.expect(errorNoText('rm', to, 'cancel', 'item-not-found'))
  a.expectNothing()
}

/** The roster size limit: one item too many is resource-constraint, updates still work. */
export async function itemLimit(env: Env) {
  const a = await env.login('juliet@example.test/balcony')
  const to = 'juliet@example.test/balcony'
  for (const n of [1, 2]) {
    await a.send(SET(`s${n}`, `<item jid="c${n}@example.test"/>`))
    await a.expect(result(`s${n}`, to))
  }
  await a.send(SET('s3', '<item jid="c3@example.test"/>'))
  await a.expect(error('s3', to, 'wait', 'resource-constraint'))
  await a.send(SET('s4', '<item jid="c1@example.test" name="first"/>'))
  await a.expect(result('s4', to))
}

/** Only the account itself may read or change its roster. */
export async function othersForbidden(env: Env) {
  const romeo = await env.login('romeo@example.test/orchard')
  await env.login('juliet@example.test/balcony')
  const to = 'romeo@example.test/orchard'
  await romeo.send(
    '<iq type="get" id="g1" to="juliet@example.test"><query xmlns="jabber:iq:roster"/></iq>',
  )
  await romeo.expect(
    `<iq type="error" id="g1" from="juliet@example.test" to="${to}"><error type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
  )
  await romeo.send(
    `<iq type="set" id="s1" to="juliet@example.test"><query xmlns="jabber:iq:roster">${NURSE}</query></iq>`,
  )
  await romeo.expect(
    `<iq type="error" id="s1" from="juliet@example.test" to="${to}"><error type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
  )
}

export const ROSTER_LIMITS = {
  maxRosterNameLength: 10,
  maxRosterGroupLength: 10,
  maxRosterGroups: 2,
}
