// Prosody (Debian's package, `apt-get install prosody`) as the named peer of the load
// benchmark: a throwaway instance on 127.0.0.1 with mod_websocket, the same users, the same
// SCRAM iteration count. Returns undefined when Prosody is not installed.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })

export async function startProsody(iterations) {
  if (!existsSync('/usr/bin/prosody')) return undefined
  const dir = mkdtempSync(join(tmpdir(), 'tercet-prosody-'))
  mkdirSync(join(dir, 'data'))
  const http = await freePort()
  const c2s = await freePort()
  const config = join(dir, 'prosody.cfg.lua')
  mkdirSync(join(dir, 'certs'))
  writeFileSync(
    config,
    `daemonize = false
pidfile = "${dir}/prosody.pid"
data_path = "${dir}/data"
log = { error = "${dir}/prosody.log" }
interfaces = { "127.0.0.1" }
http_interfaces = { "127.0.0.1" }
http_ports = { ${http} }
https_ports = { }
c2s_ports = { ${c2s} }
s2s_ports = { }
modules_enabled = { "roster", "saslauth", "disco", "ping", "offline", "websocket", "http" }
consider_websocket_secure = true
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_hashed"
default_iteration_count = ${iterations}
storage = "internal"
VirtualHost "localhost"
`,
  )
  // Run as root, Prosody and prosodyctl switch to the prosody user: it must own the directory.
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'prosody:prosody', dir])
  const child = spawn('prosody', ['--config', config], { detached: true, stdio: 'ignore' })
  const url = `http://127.0.0.1:${http}`
  const deadline = Date.now() + 20_000
  for (;;) {
    try {
      // mod_websocket answers a plain GET with a short explanation.
      await fetch(`${url}/xmpp-websocket`)
      break
    } catch {
      if (Date.now() > deadline) throw new Error('prosody did not start')
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  return {
    name: `Prosody ${execFileSync('dpkg-query', ['-W', `-f=\${Version}`, 'prosody']).toString()}`,
    wsUrl: `ws://127.0.0.1:${http}/xmpp-websocket`,
    pid: child.pid,
    createUser(user, password) {
      execFileSync('prosodyctl', ['--config', config, 'register', user, 'localhost', password], {
        stdio: 'ignore',
      })
    },
    async stop() {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // gone
      }
      await new Promise((r) => setTimeout(r, 300))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
