// In-process routing throughput: chat messages between two logged-in sessions through the
// full core (session side → account side → recipient's session), parse and serialise included,
// next to a parse + serialise-only baseline of the same frames in the same run.
// Run with `pnpm --filter @tercet/router bench`.
import { parseFrame, serialize } from '@tercet/xml'
import { bench, describe } from 'vitest'
import { inProcessWorld } from '../test/in-process'

// No rate limit here: the benchmark measures routing, not the abuse guard.
const world = inProcessWorld({ options: { stanzaRate: 1e9, stanzaBurst: 1e9 } })
const alice = await world.bound('alice', 'phone')
const bob = await world.bound('bob', 'laptop')
let routed = 0
const frame =
  '<message xmlns="jabber:client" to="bob@example.test" type="chat" id="m1"><body>Hello, Bob! Wie geht’s? 👋</body><active xmlns="http://jabber.org/protocol/chatstates"/></message>'

describe('a chat message, client frame in to client frame out', () => {
  bench('route through the core (session → account → session)', async () => {
    // send() also waits for the account side, which accepts the stanza at once and delivers it
    // from its queue.
    await alice.send(frame)
    routed++
    if (bob.out.length > 1000) bob.out.length = 0
  })
  bench('baseline: parse + serialise the frame once (what any server must do)', () => {
    serialize(parseFrame(frame))
  })
  bench('baseline: parse + serialise twice (the Durable Object hop serialises once more)', () => {
    serialize(parseFrame(serialize(parseFrame(frame))))
  })
})

describe('sanity', () => {
  bench('the last routed message reached bob', () => {
    if (routed > 0 && !bob.out.at(-1)?.startsWith('<message'))
      throw new Error('the message was not delivered')
  })
})
