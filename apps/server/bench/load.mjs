#!/usr/bin/env node
// `pnpm --filter @tercet/server bench`: starts the server locally (wrangler dev, the same workerd
// as production) and drives it with a raw-WebSocket load generator:
//   1. logins/s: open, SCRAM at 4096 iterations, restart, bind;
//   2. 1:1 chat between PAIRS pairs for SECONDS s, closed loop: each message's round trip
//      through Session → Account → Session gives p50/p99 latency and messages/s;
//   3. resident memory of the workerd processes with IDLE idle logged-in connections.
// The same load runs against Prosody (Debian's package) when it is installed, for ratios.
// A script, not a test. Bounded in count and time; talks only to 127.0.0.1.
import { readdirSync, readFileSync } from 'node:fs'
import { adminCreate, startDevServer } from '../scripts/dev-server.mjs'
import { scramLogin } from '../scripts/raw-client.mjs'
import { startProsody } from './prosody.mjs'

const PAIRS = Number(process.env.PAIRS ?? 50)
const SECONDS = Number(process.env.SECONDS ?? 10)
const IDLE = Number(process.env.IDLE ?? 1000)
const ITERATIONS = 4096
// Prosody 0.12 (Debian's) stores SCRAM-SHA-1 keys only: both servers are measured with it.
const MECHANISM = 'SCRAM-SHA-1'

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

function workerdRss(groupPid) {
  // Every workerd process in wrangler dev's process group.
  let kib = 0
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')
      if (Number(stat[4]) !== groupPid || !stat[1].includes('workerd')) continue
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1])
    } catch {
      // the process went away
    }
  }
  return kib
}

/** Runs the three measurements against one server. */
async function measure(target) {
  const users = Array.from({ length: PAIRS * 2 }, (_, i) => `u${i}`)
  for (const u of users) await target.createUser(u, 'pw')
  const login = (u, resource) => scramLogin(target.wsUrl, u, 'pw', resource, 'localhost', MECHANISM)

  // 1. logins/s (batches of 10 concurrent logins).
  const t0 = performance.now()
  const clients = []
  for (let i = 0; i < users.length; i += 10) {
    clients.push(...(await Promise.all(users.slice(i, i + 10).map((u) => login(u, 'bench')))))
  }
  const loginRate = users.length / ((performance.now() - t0) / 1000)
  for (const c of clients) c.send('<presence xmlns="jabber:client"/>')
  await new Promise((r) => setTimeout(r, 500))

  // 2. closed-loop chat between pairs.
  const latencies = []
  let stop = false
  const runPair = async (a, b, bJid) => {
    while (!stop) {
      const sent = performance.now()
      const got = new Promise((resolve) => {
        const l = (frame) => {
          if (frame.startsWith('<message')) {
            b.listeners.delete(l)
            resolve()
          }
        }
        b.listeners.add(l)
      })
      a.send(
        `<message xmlns="jabber:client" to="${bJid}" type="chat"><body>hello ${sent}</body></message>`,
      )
      await got
      latencies.push(performance.now() - sent)
    }
  }
  const t1 = performance.now()
  const pairs = Array.from({ length: PAIRS }, (_, i) =>
    runPair(clients[2 * i], clients[2 * i + 1], `u${2 * i + 1}@localhost`),
  )
  await new Promise((r) => setTimeout(r, SECONDS * 1000))
  stop = true
  await Promise.race([Promise.all(pairs), new Promise((r) => setTimeout(r, 2000))])
  const elapsed = (performance.now() - t1) / 1000
  latencies.sort((x, y) => x - y)
  for (const c of clients) c.ws.close()
  await new Promise((r) => setTimeout(r, 1000))

  // 3. idle connections and memory.
  const before = target.rss()
  for (let j = 0; j < 20; j++) await target.createUser(`idle${j}`, 'pw')
  const idle = []
  for (let i = 0; i < IDLE; i += 20) {
    const batch = Array.from({ length: Math.min(20, IDLE - i) }, (_, j) =>
      login(`idle${j}`, `r${i + j}`),
    )
    idle.push(...(await Promise.all(batch)))
  }
  await new Promise((r) => setTimeout(r, 2000))
  const after = target.rss()
  for (const c of idle) c.ws.close()
  return {
    logins: loginRate,
    messages: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    before: before / 1024,
    after: after / 1024,
    perIdle: (after - before) / IDLE,
  }
}

function processRss(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1])
}

async function main() {
  const results = []
  const server = await startDevServer()
  try {
    results.push({
      name: 'Tercet (wrangler dev / local workerd)',
      ...(await measure({
        wsUrl: server.wsUrl,
        createUser: (u, pw) => adminCreate(server, `${u}@localhost`, pw),
        rss: () => workerdRss(server.pid),
      })),
    })
  } finally {
    await server.stop()
  }
  const prosody = await startProsody(ITERATIONS)
  if (prosody) {
    try {
      results.push({
        name: prosody.name,
        ...(await measure({
          wsUrl: prosody.wsUrl,
          createUser: prosody.createUser,
          rss: () => processRss(prosody.pid),
        })),
      })
    } finally {
      await prosody.stop()
    }
  } else {
    console.log('Prosody is not installed (apt-get install prosody): the peer column is left out.')
  }
  const [t, p] = results
  const ratio = (a, b, higherIsBetter = true) =>
    p ? ` (${(higherIsBetter ? a / b : b / a).toFixed(2)}× Prosody)` : ''
  console.log(
    `\nServer load benchmark, ${MECHANISM} at ${ITERATIONS} iterations, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  )
  console.log(`| measure | ${results.map((r) => r.name).join(' | ')} |`)
  console.log(`|---|${results.map(() => '---').join('|')}|`)
  const row = (label, f) => console.log(`| ${label} | ${results.map(f).join(' | ')} |`)
  row(
    'logins/s (10 concurrent)',
    (r) => `${r.logins.toFixed(0)}${r === t ? ratio(t.logins, p?.logins) : ''}`,
  )
  row(
    `chat messages/s (${PAIRS} pairs, closed loop, ${SECONDS} s)`,
    (r) => `${r.messages.toFixed(0)}${r === t ? ratio(t.messages, p?.messages) : ''}`,
  )
  row('latency p50 / p99 (ms)', (r) => `${r.p50.toFixed(2)} / ${r.p99.toFixed(2)}`)
  row(
    `RSS before / with ${IDLE} idle logged-in connections (MiB)`,
    (r) => `${r.before.toFixed(0)} / ${r.after.toFixed(0)}`,
  )
  row('memory per idle connection (KiB)', (r) => `${r.perIdle.toFixed(1)}`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
