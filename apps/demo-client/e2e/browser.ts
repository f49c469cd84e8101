// Debian's Chromium driven by playwright-core (no browser download), and the Worker under
// `wrangler dev` serving this client's build. Under CI=true a missing browser is an error;
// elsewhere the browser tests are skipped with a message saying how to get it.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)
export const requireChromium = process.env.CI === 'true' || process.env.CI === '1'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
/** Where failure screenshots go. */
export const OUTPUT_DIR = join(root, 'test-results')

/** The newest modification time under `path` (a file or a folder). */
function newest(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
}

/**
 * Builds the client when there is no build or a source is newer than it (under turbo, `build`
 * ran just before, so this does nothing and never rewrites files another suite is serving).
 */
export async function ensureBuilt(): Promise<void> {
  const built = newest(join(root, 'dist', 'index.html'))
  const sources = [
    join(root, 'src'),
    join(root, 'index.html'),
    join(root, 'vite.config.ts'),
    ...['jid', 'xml', 'stanza', 'sasl'].map((p) => join(root, '..', '..', 'packages', p, 'src')),
  ]
  if (built && sources.every((s) => newest(s) <= built)) return
  const { build } = await import('vite')
  await build({ root, logLevel: 'warn' })
}

export function launch(): Promise<Browser> {
  // Playwright gives every launch a fresh, empty profile directory (its own --user-data-dir).
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true })
  const path = join(OUTPUT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}
