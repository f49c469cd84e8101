#!/usr/bin/env node
// `pnpm --filter @tercet/server bench`: starts the server locally (wrangler dev, the same workerd
// as production) and drives it with a raw-WebSocket load generator:
//   1. logins/s: open, SCRAM-SHA-256 at the configured iteration count, restart, bind;
//   2. 1:1 chat between PAIRS pairs for SECONDS s, closed loop: each message's round trip
//      through Session → Account → Session gives p50/p99 latency and messages/s;
//   3. resident memory of the workerd processes with IDLE idle logged-in connections.
// A script, not a test. Bounded in count and time; talks only to 127.0.0.1.
import { readdirSync, readFileSync } from 'node:fs'
import { adminCreate, startDevServer } from '../scripts/dev-server.mjs'
import { scramLogin } from '../scripts/raw-client.mjs'

const PAIRS = Number(process.env.PAIRS ?? 50)
const SECONDS = Number(process.env.SECONDS ?? 10)
const IDLE = Number(process.env.IDLE ?? 1000)

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

async function main() {
  const server = await startDevServer()
  const iterations = 4096
  try {
    const users = Array.from({ length: PAIRS * 2 }, (_, i) => `u${i}`)
    await Promise.all(users.map((u) => adminCreate(server, `${u}@localhost`, 'pw')))

    // 1. logins/s (sequential batches of 10 concurrent logins).
    const t0 = performance.now()
    const clients = []
    for (let i = 0; i < users.length; i += 10) {
      clients.push(
        ...(await Promise.all(
          users.slice(i, i + 10).map((u) => scramLogin(server.wsUrl, u, 'pw', 'bench')),
        )),
      )
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

    // 3. idle connections and memory.
    const before = workerdRss(server.pid)
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => adminCreate(server, `idle${i}@localhost`, 'pw')),
    )
    const idle = []
    for (let i = 0; i < IDLE; i += 20) {
      idle.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(20, IDLE - i) }, (_, j) =>
            scramLogin(server.wsUrl, `idle${j}`, 'pw', `r${i + j}`),
          ),
        )),
      )
    }
    await new Promise((r) => setTimeout(r, 2000))
    const after = workerdRss(server.pid)
    for (const c of idle) c.ws.close()

    console.log(
      '\nTercet server load benchmark (wrangler dev, local workerd), Node',
      process.version,
    )
    console.log(`| measure | value |\n|---|---|`)
    console.log(
      `| logins/s (SCRAM-SHA-256, ${iterations} iterations, 10 concurrent) | ${loginRate.toFixed(0)} |`,
    )
    console.log(
      `| chat messages/s (${PAIRS} pairs, closed loop, ${SECONDS} s) | ${(latencies.length / elapsed).toFixed(0)} |`,
    )
    console.log(
      `| latency p50 / p99 (ms) | ${percentile(latencies, 50).toFixed(2)} / ${percentile(latencies, 99).toFixed(2)} |`,
    )
    console.log(
      `| workerd RSS before / with ${IDLE} idle logged-in connections (MiB) | ${(before / 1024).toFixed(0)} / ${(after / 1024).toFixed(0)} |`,
    )
    console.log(`| per idle connection (KiB) | ${((after - before) / IDLE).toFixed(1)} |`)
  } finally {
    await server.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
