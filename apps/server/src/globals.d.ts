// Tells @cloudflare/workers-types what the main module exports, so `exports.default` from
// `cloudflare:workers` (and later `ctx.exports`) is typed.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('./index')
  }
}
