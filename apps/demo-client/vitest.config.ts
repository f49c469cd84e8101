import { defineConfig } from 'vitest/config'

// Component tests of the client's state logic and protocol steps, in Node.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
  },
})
