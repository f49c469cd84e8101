#!/usr/bin/env node
// Builds the demo client (apps/demo-client) that wrangler.jsonc serves as static assets at `/`;
// wrangler refuses to start without its output directory. `--if-missing` skips the build when
// an earlier one is there (the tests), otherwise it always builds (dev, bundle, deploy).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const index = new URL('../../demo-client/dist/index.html', import.meta.url)
if (process.argv.includes('--if-missing') && existsSync(index)) process.exit(0)
const result = spawnSync('pnpm', ['--filter', '@tercet/demo-client', 'build'], {
  stdio: 'inherit',
  cwd: new URL('../../..', import.meta.url).pathname,
})
process.exit(result.status ?? 1)
