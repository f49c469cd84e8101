// The router's store contract on the real SQLite of a Durable Object, inside workerd, plus the
// schema migrations.

import { env, runInDurableObject } from 'cloudflare:test'
import type { Storage, StoreKind } from '@tercet/router'
import { storeContract } from '@tercet/testing'
import { describe, expect, test } from 'vitest'
import { MIGRATIONS, migrate, SqliteStorage } from '../src/sqlite-storage'

let n = 0

/** A Storage whose every call runs inside a fresh Account object, on its SQLite database. */
function objectStorage(): Storage {
  const stub = env.ACCOUNT.getByName(`store-contract-${Date.now()}-${n++}@localhost`)
  return {
    open<T, K extends StoreKind>(name: string, kind: K) {
      return new Proxy(
        {},
        {
          get:
            (_target, method: string) =>
            (...args: unknown[]) =>
              runInDurableObject(stub, async (_instance, state) => {
                const store = new SqliteStorage(state.storage.sql).open<T, K>(
                  name,
                  kind,
                ) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>
                return store[method]!(...args)
              }),
        },
      ) as never
    },
  }
}

storeContract('sqlite (Durable Object)', objectStorage)

describe('migrations', () => {
  test('a new object is migrated to the latest version once, in its constructor', async () => {
    const stub = env.ACCOUNT.getByName(`migrations-${Date.now()}@localhost`)
    const version = await runInDurableObject(stub, (_instance, state) => {
      const row = state.storage.sql
        .exec<{ version: number }>('SELECT version FROM tercet_schema')
        .one()
      // Running again is a no-op that reports the version it found.
      return [row.version, migrate(state.storage.sql)]
    })
    expect(version).toEqual([MIGRATIONS.length, MIGRATIONS.length])
  })
})
