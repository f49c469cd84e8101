#!/usr/bin/env node
// `pnpm dev`: wrangler dev on 127.0.0.1:8787 with the local defaults of wrangler.jsonc, after
// saying where to connect and how to make an account.
import { spawn } from 'node:child_process'

const port = process.env.PORT ?? '8787'
console.log(`
  Tercet — XMPP over WebSocket (RFC 7395), local development
    chat       http://127.0.0.1:${port}/   (the demo client, apps/demo-client)
    health     http://127.0.0.1:${port}/health
    websocket  ws://127.0.0.1:${port}/xmpp-websocket   (XMPP domain: localhost)
    discovery  http://127.0.0.1:${port}/.well-known/host-meta.json
    add a user pnpm tercet user add alice@localhost secret
               (or register in-band from your client: XEP-0077 is on in local dev)
    state      apps/server/.wrangler/state
`)
const child = spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', port], {
  stdio: 'inherit',
  env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
