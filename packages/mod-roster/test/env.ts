// The conversation environment over testHost(): the in-memory router, one host per session and
// one per account. A later environment runs the same conversations against the Worker.
import type { Module } from '@tercet/router'
import { testHost } from '@tercet/testing'
import type { Env } from './conversations'

export function memoryEnv(modules: readonly Module[], options?: Record<string, unknown>): Env {
  const t = testHost({ modules, ...(options ? { options } : {}) })
  return {
    domain: t.domain,
    login: (jid, opts) => t.login(jid, opts),
    addUser: (user, password) => t.addUser(user, password),
  }
}
