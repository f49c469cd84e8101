import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

// Worker tests run inside workerd (DESIGN.md "Tests, from fast to real", level 3). Short
// connection deadlines so the timeout tests need not wait 30 s.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: { bindings: { OPEN_TIMEOUT_MS: '1500', AUTH_TIMEOUT_MS: '3000' } },
    }),
  ],
  test: {
    include: ['test/**/*.test.ts'],
  },
})
