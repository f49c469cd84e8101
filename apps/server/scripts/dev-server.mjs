// Starts `wrangler dev` on a free port with a throwaway state directory, for the end-to-end
// tests and the load benchmark; stops it (its whole process group, by PID) afterwards.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const DEV_ADMIN_TOKEN = 'tercet-dev-admin-token'

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        address && typeof address === 'object'
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}

export async function startDevServer(vars = {}) {
  const port = await freePort()
  const state = mkdtempSync(join(tmpdir(), 'tercet-dev-'))
  const args = [
    'wrangler',
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--persist-to',
    state,
    '--inspector-port',
    '0',
  ]
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`)
  const child = spawn('npx', args, {
    cwd: new URL('..', import.meta.url).pathname,
    env: {
      ...process.env,
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_SEND_METRICS: 'false',
      CI: 'true',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`)
    try {
      if ((await fetch(`${url}/health`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid, 'SIGTERM')
      throw new Error(`wrangler dev did not start within 60 s:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/xmpp-websocket`,
    port,
    pid: child.pid,
    async stop() {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 300))
      rmSync(state, { recursive: true, force: true })
    },
  }
}

export async function adminCreate(server, jid, password) {
  const res = await fetch(`${server.url}/admin/users`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEV_ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ jid, password }),
  })
  if (res.status !== 201) throw new Error(`create ${jid}: ${res.status} ${await res.text()}`)
}
