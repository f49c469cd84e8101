#!/usr/bin/env node
// Prints the size of the Worker bundle `wrangler deploy --dry-run --outdir dist` produced.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const dir = new URL('../dist/', import.meta.url).pathname
let raw = 0
let gzip = 0
for (const name of readdirSync(dir)) {
  const file = join(dir, name)
  if (!statSync(file).isFile() || name.endsWith('.map')) continue
  const bytes = readFileSync(file)
  raw += bytes.length
  gzip += gzipSync(bytes).length
}
console.log(
  `worker bundle: ${(raw / 1024).toFixed(1)} KiB, ${(gzip / 1024).toFixed(1)} KiB gzipped`,
)
