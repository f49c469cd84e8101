// The Account object: one per bare JID (DESIGN.md "Durable Object topology"). It owns the
// account's SQLite database — credentials, roster, live resources, offline queue, vCard … — and
// runs the account side of the router for it.

import { DurableObject } from 'cloudflare:workers'
import {
  type AccountDirectory,
  type BindOutcome,
  type BindRequest,
  type Host,
  newThrottle,
  type Origin,
  type StanzaHead,
  type ThrottleState,
  throttleAllows,
  throttleRecord,
} from '@tercet/router'
import type { CredentialSet } from '@tercet/sasl'
import type { Env } from './env'
import { domainOf, makeHost } from './host-config'
import { objectDirectory } from './network'
import { migrate, SqliteStorage } from './sqlite-storage'

const ACCOUNT = 'account' // keyval store holding { credentials } under the account's localpart

export class Account extends DurableObject<Env> {
  readonly #storage: SqliteStorage
  #host: Host | undefined
  // Kept in memory: an eviction forgets it, which only ever shortens a lock.
  #throttle: ThrottleState = newThrottle()

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.#storage = new SqliteStorage(ctx.storage.sql)
    // Migrations run before any other event reaches the object.
    void ctx.blockConcurrencyWhile(async () => {
      migrate(ctx.storage.sql)
    })
  }

  /** The router for this account. Questions about this account itself are answered here
   * rather than by an RPC to ourselves. */
  #router(bare: string): Host {
    if (!this.#host) {
      const user = bare.slice(0, bare.indexOf('@'))
      const remote = objectDirectory(this.env, domainOf(this.env))
      const accounts: AccountDirectory = {
        exists: (u) => (u === user ? this.exists() : remote.exists(u)),
        credentials: (u) => (u === user ? this.credentials() : remote.credentials(u)),
        create: (u, c) => (u === user ? this.create(c) : remote.create(u, c)),
        setCredentials: (u, c) =>
          u === user ? this.setCredentials(c) : remote.setCredentials(u, c),
        remove: (u) => (u === user ? this.remove() : remote.remove(u)),
        recordAuthentication: (u, ok) =>
          u === user ? this.recordAuthentication(ok) : remote.recordAuthentication!(u, ok),
      }
      this.#host = makeHost(this.env, this.#storage, { accounts })
    }
    return this.#host
  }

  // --- the account side of the router -------------------------------------------------------
  bind(bare: string, request: BindRequest): Promise<BindOutcome> {
    return this.#router(bare).account.bind(bare, request)
  }
  unbind(bare: string, sessionId: string): Promise<void> {
    return this.#router(bare).account.unbind(bare, sessionId)
  }
  // A stanza is accepted at once and processed from the account's queue (see the router's
  // AccountQueue); waitUntil keeps the object working on it after the RPC has returned.
  async stanza(bare: string, xml: string, origin?: Origin, head?: StanzaHead): Promise<void> {
    const router = this.#router(bare)
    await router.account.stanza(bare, xml, origin, head)
    this.ctx.waitUntil(router.idle())
  }
  async outbound(bare: string, xml: string, origin: Origin): Promise<void> {
    const router = this.#router(bare)
    await router.account.outbound(bare, xml, origin)
    this.ctx.waitUntil(router.idle())
  }

  // --- the directory: this object is the only one that knows its credentials ---------------
  #credentialsStore() {
    return this.#storage.open<{ credentials: CredentialSet }, 'keyval'>(ACCOUNT, 'keyval')
  }
  async exists(): Promise<boolean> {
    return (await this.#credentialsStore().get('self')) !== undefined
  }
  async credentials(): Promise<CredentialSet | undefined> {
    // While guessing is throttled, refuse to answer: SASL turns that into temporary-auth-failure.
    if (!throttleAllows(this.#throttle)) throw new Error('authentication throttled')
    return (await this.#credentialsStore().get('self'))?.credentials
  }
  /** Wrong passwords are counted here, across every connection (issue "Limits and abuse"). */
  async recordAuthentication(success: boolean): Promise<void> {
    if (!(await this.exists())) return
    this.#throttle = throttleRecord(this.#throttle, success)
  }
  async create(credentials: CredentialSet): Promise<boolean> {
    if (await this.exists()) return false
    await this.#credentialsStore().set('self', { credentials })
    return true
  }
  async setCredentials(credentials: CredentialSet): Promise<void> {
    await this.#credentialsStore().set('self', { credentials })
  }
  /** Removes the account and everything stored for it. */
  async remove(): Promise<void> {
    await this.ctx.storage.deleteAll()
    migrate(this.ctx.storage.sql)
    this.#host = undefined
  }
}
