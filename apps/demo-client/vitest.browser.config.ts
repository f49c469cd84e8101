import { defineConfig } from 'vitest/config'

// The client in headless Chromium against `wrangler dev` (DESIGN.md "Tests", level 5).
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
