// XEP-0160 / RFC 6121 §8.5.2.2.1 conversations, written against a transport-neutral environment:
// the same scripts run against testHost() here and, later, against the real server.
import { parseDateTime } from '@tercet/stanza'
import type { ScriptClient as Client, ScriptEnv as Env } from '@tercet/testing'
import type { Element } from '@tercet/xml'

export type { Client, Env }

const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas'
const PASSWORD = 'bob-secret'
const DELAY = 'urn:xmpp:delay'
const unavailable = `<error type="cancel"><service-unavailable xmlns="${STANZAS}"/></error>`

/** Start of the current second: a stamp without milliseconds may round down to it. */
const now = () => Math.floor(Date.now() / 1000) * 1000

/** Checks the XEP-0203 delay the server added: from the domain, stamped between the bounds. */
function checkDelay(message: Element, domain: string, notBefore: number): void {
  const delays = message.getChildren('delay', DELAY)
  if (delays.length !== 1) throw new Error(`expected one delay, got ${delays.length}`)
  const delay = delays[0]!
  if (delay.attr('from') !== domain) throw new Error(`delay from ${delay.attr('from')}`)
  const stamp = delay.attr('stamp') ?? ''
  const when = parseDateTime(stamp)?.getTime()
  if (!stamp.endsWith('Z') || when === undefined || when < notBefore || when > Date.now()) {
    throw new Error(`delay stamp ${stamp} is not a UTC time of storage`)
  }
}

/** The messages a client received (presence the roster/presence modules send is ignored). */
const messagesOf = (client: Client) => client.received().filter((el) => el.local === 'message')

function expectNoMessages(client: Client): void {
  const messages = messagesOf(client)
  if (messages.length > 0) throw new Error(`expected no message, got ${messages.length}`)
}

const delayed = (d: string, attrs: string, body: string) =>
  `<message ${attrs}><body>${body}</body><delay xmlns="${DELAY}" from="${d}" stamp="{{}}"/></message>`

/**
 * XEP-0160 §2: chat and normal messages to an account without available resources are stored,
 * then delivered in order, each with a delay from the domain stamped with the time of storage,
 * when a resource sends initial presence; the sender gets no error.
 */
export async function storedThenDeliveredInOrder(env: Env): Promise<void> {
  const d = env.domain
  await env.addUser('bob', PASSWORD)
  const alice = await env.login(`alice@${d}/phone`, { sendPresence: true })
  const carol = await env.login(`carol@${d}/desk`, { sendPresence: true })
  const start = now()
  await alice.send(`<message to="bob@${d}" type="chat" id="m1"><body>one</body></message>`)
  await carol.send(`<message to="bob@${d}" id="m2"><body>two</body></message>`)
  await alice.send(`<message to="bob@${d}" type="normal" id="m3"><body>three</body></message>`)
  // RFC 6121 §8.5.3.2.1: chat to a resource that is not online is handled as if sent to the bare JID.
  await carol.send(`<message to="bob@${d}/gone" type="chat" id="m4"><body>four</body></message>`)
  expectNoMessages(alice)
  expectNoMessages(carol)
  // Bound but not yet available: nothing is delivered (RFC 6121 §8.5.2.2.1).
  const bob = await env.login(`bob@${d}/laptop`, { password: PASSWORD })
  expectNoMessages(bob)
  await bob.send('<presence/>')
  const got = [
    await bob.expect(
      delayed(d, `to="bob@${d}" from="alice@${d}/phone" type="chat" id="m1"`, 'one'),
    ),
    await bob.expect(delayed(d, `to="bob@${d}" from="carol@${d}/desk" id="m2"`, 'two')),
    await bob.expect(
      delayed(d, `to="bob@${d}" from="alice@${d}/phone" type="normal" id="m3"`, 'three'),
    ),
    await bob.expect(
      delayed(d, `to="bob@${d}/gone" from="carol@${d}/desk" type="chat" id="m4"`, 'four'),
    ),
  ]
  for (const message of got) checkDelay(message, d, start)
  // Delivered once: a later resource's initial presence gets nothing more.
  const tablet = await env.login(`bob@${d}/tablet`, { password: PASSWORD, sendPresence: true })
  expectNoMessages(tablet)
  expectNoMessages(bob)
}

/** XEP-0160 §2 step 5: only the resource that sent the presence gets the stored messages. */
export async function deliveredToThePresentResource(env: Env): Promise<void> {
  const d = env.domain
  await env.addUser('bob', PASSWORD)
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<message to="bob@${d}" type="chat" id="m1"><body>hello</body></message>`)
  const quiet = await env.login(`bob@${d}/quiet`, { password: PASSWORD })
  const phone = await env.login(`bob@${d}/phone`, { password: PASSWORD })
  await phone.send('<presence><priority>1</priority></presence>')
  await phone.expect(
    delayed(d, `to="bob@${d}" from="alice@${d}/phone" type="chat" id="m1"`, 'hello'),
  )
  expectNoMessages(quiet)
}

/**
 * RFC 6121 §4.7.2.3 and XEP-0160 §2: a negative priority never receives bare-JID messages, so
 * they are stored; the stored messages go out when the resource raises its priority to ≥ 0.
 */
export async function negativePriorityWaits(env: Env): Promise<void> {
  const d = env.domain
  await env.addUser('bob', PASSWORD)
  const alice = await env.login(`alice@${d}/phone`)
  const bot = await env.login(`bob@${d}/bot`, { password: PASSWORD })
  await bot.send('<presence><priority>-1</priority></presence>')
  await alice.send(`<message to="bob@${d}" type="chat" id="m1"><body>psst</body></message>`)
  expectNoMessages(alice)
  expectNoMessages(bot)
  await bot.send('<presence><priority>-5</priority></presence>')
  expectNoMessages(bot)
  await bot.send('<presence><priority>0</priority></presence>')
  await bot.expect(delayed(d, `to="bob@${d}" from="alice@${d}/phone" type="chat" id="m1"`, 'psst'))
  // A further update is not initial presence: nothing is delivered again.
  await bot.send('<presence><priority>2</priority></presence>')
  expectNoMessages(bot)
}

/** XEP-0160 §3 and RFC 6121 §8.5.2.2.1: headline and error are dropped, never stored. */
export async function headlineAndErrorAreDropped(env: Env): Promise<void> {
  const d = env.domain
  await env.addUser('bob', PASSWORD)
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<message to="bob@${d}" type="headline" id="h1"><body>news</body></message>`)
  await alice.send(
    `<message to="bob@${d}" type="error" id="e1"><error type="cancel"><item-not-found xmlns="${STANZAS}"/></error></message>`,
  )
  expectNoMessages(alice)
  const bob = await env.login(`bob@${d}/laptop`, { password: PASSWORD, sendPresence: true })
  expectNoMessages(bob)
}

/** XEP-0160 §3 and RFC 6121 §8.5.2.1.1: groupchat is never stored; it bounces. */
export async function groupchatBounces(env: Env): Promise<void> {
  const d = env.domain
  await env.addUser('bob', PASSWORD)
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<message to="bob@${d}" type="groupchat" id="g1"><body>room</body></message>`)
  await alice.expect(
    `<message type="error" id="g1" from="bob@${d}" to="alice@${d}/phone">${unavailable}</message>`,
  )
  const bob = await env.login(`bob@${d}/laptop`, { password: PASSWORD, sendPresence: true })
  expectNoMessages(bob)
}

/**
 * XEP-0160 §3 (XEP-0085 §5.5): a standalone chat state is not stored, so RFC 6121 §8.5.2.2.1
 * bounces it; a chat state riding along with a body is stored with it.
 */
export async function chatStatesAreNotStored(env: Env): Promise<void> {
  const d = env.domain
  const CS = 'http://jabber.org/protocol/chatstates'
  await env.addUser('bob', PASSWORD)
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(
    `<message to="bob@${d}" type="chat" id="c1"><thread>t1</thread><composing xmlns="${CS}"/></message>`,
  )
  await alice.expect(
    `<message type="error" id="c1" from="bob@${d}" to="alice@${d}/phone">${unavailable}</message>`,
  )
  await alice.send(
    `<message to="bob@${d}" type="chat" id="c2"><body>hi</body><active xmlns="${CS}"/></message>`,
  )
  expectNoMessages(alice)
  const bob = await env.login(`bob@${d}/laptop`, { password: PASSWORD })
  await bob.send('<presence/>')
  await bob.expect(
    `<message to="bob@${d}" from="alice@${d}/phone" type="chat" id="c2"><body>hi</body><active xmlns="${CS}"/><delay xmlns="${DELAY}" from="${d}" stamp="{{}}"/></message>`,
  )
}

/** A delay claiming to be the server's is replaced by the real one; others' delays are kept. */
export async function forgedServerDelayIsReplaced(env: Env): Promise<void> {
  const d = env.domain
  await env.addUser('bob', PASSWORD)
  const alice = await env.login(`alice@${d}/phone`)
  const start = now()
  const own = `<delay xmlns="${DELAY}" from="alice@${d}/phone" stamp="2001-01-01T00:00:00Z"/>`
  await alice.send(
    `<message to="bob@${d}" type="chat" id="f1"><body>x</body>${own}<delay xmlns="${DELAY}" from="${d}" stamp="1999-12-31T23:59:59Z"/></message>`,
  )
  const bob = await env.login(`bob@${d}/laptop`, { password: PASSWORD })
  await bob.send('<presence/>')
  const got = await bob.expect(
    `<message to="bob@${d}" from="alice@${d}/phone" type="chat" id="f1"><body>x</body>${own}<delay xmlns="${DELAY}" from="${d}" stamp="{{}}"/></message>`,
  )
  const ours = got.getChildren('delay', DELAY).filter((el) => el.attr('from') === d)
  const stamp = parseDateTime(ours[0]!.attr('stamp')!)!.getTime()
  if (stamp < start) throw new Error('the forged stamp survived')
}

/** The limit with the default policy: past `max` messages, service-unavailable (XEP-0160 §2). */
export async function fullQueueRefuses(env: Env, limits: { max: number }): Promise<void> {
  const d = env.domain
  await env.addUser('bob', PASSWORD)
  const alice = await env.login(`alice@${d}/phone`)
  for (let i = 1; i <= limits.max; i++) {
    await alice.send(`<message to="bob@${d}" type="chat" id="m${i}"><body>${i}</body></message>`)
  }
  expectNoMessages(alice)
  await alice.send(`<message to="bob@${d}" type="chat" id="over"><body>too many</body></message>`)
  await alice.expect(
    `<message type="error" id="over" from="bob@${d}" to="alice@${d}/phone">${unavailable}</message>`,
  )
  const bob = await env.login(`bob@${d}/laptop`, { password: PASSWORD })
  await bob.send('<presence/>')
  const bodies = messagesOf(bob).map((m) => m.getChildText('body'))
  const expected = Array.from({ length: limits.max }, (_, i) => String(i + 1))
  if (bodies.join() !== expected.join()) throw new Error(`delivered ${bodies.join()}`)
}

/** `offlinePolicy: 'drop-oldest'`: a full queue forgets its oldest message to take the new one. */
export async function fullQueueDropsOldest(env: Env, limits: { max: number }): Promise<void> {
  const d = env.domain
  await env.addUser('bob', PASSWORD)
  const alice = await env.login(`alice@${d}/phone`)
  const total = limits.max + 2
  for (let i = 1; i <= total; i++) {
    await alice.send(`<message to="bob@${d}" type="chat" id="m${i}"><body>${i}</body></message>`)
  }
  expectNoMessages(alice)
  const bob = await env.login(`bob@${d}/laptop`, { password: PASSWORD })
  await bob.send('<presence/>')
  const bodies = messagesOf(bob).map((m) => m.getChildText('body'))
  const expected = Array.from({ length: limits.max }, (_, i) => String(i + 3))
  if (bodies.join() !== expected.join()) throw new Error(`delivered ${bodies.join()}`)
}

/** RFC 6121 §8.5.1: nothing is stored for an account that does not exist. */
export async function noSuchUser(env: Env): Promise<void> {
  const d = env.domain
  const alice = await env.login(`alice@${d}/phone`)
  await alice.send(`<message to="nobody@${d}" type="chat" id="n1"><body>?</body></message>`)
  await alice.expect(
    `<message type="error" id="n1" from="nobody@${d}" to="alice@${d}/phone">${unavailable}</message>`,
  )
}
