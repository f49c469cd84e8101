import { defineConfig } from 'vitest/config'

// End-to-end tests run in Node against `wrangler dev` (DESIGN.md "Tests", level 4).
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
})
