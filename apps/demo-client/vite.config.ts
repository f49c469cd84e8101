import { defineConfig } from 'vite'

// The client is served by the Worker as static assets (apps/server/wrangler.jsonc `assets`),
// from this build's output. `pnpm --filter @tercet/demo-client dev` serves it with Vite alone
// (then enter the WebSocket URL by hand).
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
  },
})
