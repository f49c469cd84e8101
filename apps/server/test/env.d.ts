// Bindings as the tests see them through `cloudflare:test`'s env.
declare namespace Cloudflare {
  interface Env {
    SESSION: DurableObjectNamespace<import('../src/session-object').Session>
    ACCOUNT: DurableObjectNamespace<import('../src/account-object').Account>
  }
}
