// In-process routing throughput: chat messages between two logged-in sessions through the
// full core (session side → account side → recipient's session), parse and serialise included,
// next to a parse + serialise-only baseline of the same frames in the same run.
// Run with `pnpm --filter @tercet/router bench`.
import { parseFrame, serialize } from '@tercet/xml'
import { afterAll, bench, describe } from 'vitest'
import { inProcessWorld } from '../test/in-process'

// No rate limit here: the benchmark measures routing, not the abuse guard.
const world = inProcessWorld({ options: { stanzaRate: 1e9, stanzaBurst: 1e9 } })
const alice = await world.bound('alice', 'phone')
const bob = await world.bound('bob', 'laptop')
let routed = 0
const frame =
  '<message xmlns="jabber:client" to="bob@example.test" type="chat" id="m1"><body>Hello, Bob! Wie geht’s? 👋</body><active xmlns="http://jabber.org/protocol/chatstates"/></message>'

/** One message, client frame in to Bob's frame out; send() waits until it was delivered. */
async function route(): Promise<void> {
  await alice.send(frame)
  routed++
  if (bob.out.length > 1000) bob.out.length = 0
}
const once = () => void serialize(parseFrame(frame))
const twice = () => void serialize(parseFrame(serialize(parseFrame(frame))))

const ROUTE = 'route through the core (session → account → session)'
const ONCE = 'baseline: parse + serialise the frame once (what any server must do)'
const TWICE = 'baseline: parse + serialise twice (the Durable Object hop serialises once more)'

describe('a chat message, client frame in to client frame out', () => {
  bench(ROUTE, route)
  bench(ONCE, once)
  bench(TWICE, twice)
})

describe('sanity', () => {
  bench('the last routed message reached bob', () => {
    if (routed > 0 && !bob.out.at(-1)?.startsWith('<message'))
      throw new Error('the message was not delivered')
  })
})

// tinybench times one case after the other, so a busy moment of a shared machine skews the
// ratios. These rounds run every case in turn, BATCH messages each, one at a time (each sent
// only after the previous one was delivered), and compare medians.
const ROUNDS = 31
const BATCH = 2000
afterAll(async () => {
  const cases: [string, () => unknown][] = [
    [ROUTE, route],
    [ONCE, once],
    [TWICE, twice],
  ]
  const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]))
  for (let r = -3; r < ROUNDS; r++) {
    for (const [name, fn] of cases) {
      const t0 = performance.now()
      for (let i = 0; i < BATCH; i++) await fn()
      if (r >= 0) samples.get(name)!.push((performance.now() - t0) / BATCH)
    }
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!
  const routeMs = median(samples.get(ROUTE)!)
  const rows = ['| case | µs per message | messages/s | routing ÷ case |', '|---|---:|---:|---:|']
  for (const [name, xs] of samples) {
    const ms = median(xs)
    rows.push(
      `| ${name} | ${(ms * 1000).toFixed(2)} | ${Math.round(1000 / ms).toLocaleString('en-US')} | ${(routeMs / ms).toFixed(2)} |`,
    )
  }
  console.log(`\nrouting: medians of ${ROUNDS} interleaved rounds of ${BATCH} messages\n`)
  console.log(rows.join('\n'))
})
