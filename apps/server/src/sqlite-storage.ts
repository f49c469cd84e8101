// The router's store interfaces on a Durable Object's SQLite database (ctx.storage.sql).
// Values are JSON text. Schema changes are versioned migrations, run once per object inside
// blockConcurrencyWhile (see migrate()).
import type {
  ArchiveItem,
  ArchiveQuery,
  ArchiveResult,
  ArchiveStore,
  KeyValStore,
  MapStore,
  Storage,
  StoreKind,
  StoreOfKind,
} from '@tercet/router'
import { UnknownArchiveIdError } from '@tercet/router'

/** Ordered schema migrations; index + 1 is the version. Never edit one that has shipped. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE kv (store TEXT NOT NULL, user TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (store, user));
   CREATE TABLE map (store TEXT NOT NULL, user TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
     PRIMARY KEY (store, user, key));
   CREATE TABLE archive (seq INTEGER PRIMARY KEY AUTOINCREMENT, store TEXT NOT NULL, user TEXT NOT NULL,
     id TEXT NOT NULL, at INTEGER NOT NULL, peer TEXT NOT NULL, value TEXT NOT NULL);
   CREATE UNIQUE INDEX archive_id ON archive (store, user, id);
   CREATE INDEX archive_order ON archive (store, user, at, seq);`,
]

/** Brings the database to the latest schema version; returns the version it started at. */
export function migrate(sql: SqlStorage): number {
  sql.exec('CREATE TABLE IF NOT EXISTS tercet_schema (version INTEGER NOT NULL)')
  const row = sql.exec<{ version: number }>('SELECT version FROM tercet_schema').toArray()[0]
  const from = row?.version ?? 0
  if (!row) sql.exec('INSERT INTO tercet_schema (version) VALUES (0)')
  for (let v = from; v < MIGRATIONS.length; v++) {
    sql.exec(MIGRATIONS[v]!)
    sql.exec('UPDATE tercet_schema SET version = ?', v + 1)
  }
  return from
}

function keyval<T>(sql: SqlStorage, store: string): KeyValStore<T> {
  return {
    async get(user) {
      const row = sql
        .exec<{ value: string }>('SELECT value FROM kv WHERE store = ? AND user = ?', store, user)
        .toArray()[0]
      return row ? (JSON.parse(row.value) as T) : undefined
    },
    async set(user, value) {
      sql.exec(
        'INSERT OR REPLACE INTO kv (store, user, value) VALUES (?, ?, ?)',
        store,
        user,
        JSON.stringify(value),
      )
    },
    async delete(user) {
      sql.exec('DELETE FROM kv WHERE store = ? AND user = ?', store, user)
    },
  }
}

function map<T>(sql: SqlStorage, store: string): MapStore<T> {
  return {
    async get(user, key) {
      const row = sql
        .exec<{ value: string }>(
          'SELECT value FROM map WHERE store = ? AND user = ? AND key = ?',
          store,
          user,
          key,
        )
        .toArray()[0]
      return row ? (JSON.parse(row.value) as T) : undefined
    },
    async set(user, key, value) {
      sql.exec(
        'INSERT OR REPLACE INTO map (store, user, key, value) VALUES (?, ?, ?, ?)',
        store,
        user,
        key,
        JSON.stringify(value),
      )
    },
    async delete(user, key) {
      sql.exec('DELETE FROM map WHERE store = ? AND user = ? AND key = ?', store, user, key)
    },
    async keys(user) {
      // SQLite's default BINARY collation compares UTF-8 bytes, which orders like code points;
      // the contract asks for code-unit order, the same for everything outside the astral planes.
      const rows = sql
        .exec<{ key: string }>('SELECT key FROM map WHERE store = ? AND user = ?', store, user)
        .toArray()
      return rows.map((r) => r.key).sort()
    },
  }
}

type Row = { seq: number; id: string; at: number; peer: string; value: string }

function archive<T>(sql: SqlStorage, store: string): ArchiveStore<T> {
  const position = (user: string, id: string) => {
    const row = sql
      .exec<{ seq: number; at: number }>(
        'SELECT seq, at FROM archive WHERE store = ? AND user = ? AND id = ?',
        store,
        user,
        id,
      )
      .toArray()[0]
    if (!row) throw new UnknownArchiveIdError(id)
    return row
  }
  // Archive order is (at, seq). Builds the WHERE clause shared by find, count and delete.
  const where = (user: string, q: ArchiveQuery) => {
    const clauses = ['store = ?', 'user = ?']
    const args: (string | number)[] = [store, user]
    const add = (clause: string, ...values: (string | number)[]) => {
      clauses.push(clause)
      args.push(...values)
    }
    if (q.with !== undefined) add('peer = ?', q.with)
    if (q.start !== undefined) add('at >= ?', q.start)
    if (q.end !== undefined) add('at <= ?', q.end)
    if (q.after !== undefined) {
      const p = position(user, q.after)
      add('(at > ? OR (at = ? AND seq > ?))', p.at, p.at, p.seq)
    }
    if (q.before !== undefined) {
      const p = position(user, q.before)
      add('(at < ? OR (at = ? AND seq < ?))', p.at, p.at, p.seq)
    }
    return { sql: clauses.join(' AND '), args }
  }
  const item = (r: Row): ArchiveItem<T> => ({
    id: r.id,
    when: r.at,
    with: r.peer,
    value: JSON.parse(r.value) as T,
  })
  return {
    async append(user, { value, with: peer, when = Date.now(), id = crypto.randomUUID() }) {
      // The unique index refuses a duplicate id.
      sql.exec(
        'INSERT INTO archive (store, user, id, at, peer, value) VALUES (?, ?, ?, ?, ?, ?)',
        store,
        user,
        id,
        when,
        peer,
        JSON.stringify(value),
      )
      return id
    },
    async find(user, query = {}): Promise<ArchiveResult<T>> {
      const w = where(user, query)
      const limit = query.limit ?? -1
      const order = query.reverse ? 'DESC' : 'ASC'
      // One row more than asked tells whether the page is complete.
      const rows = sql
        .exec<Row>(
          `SELECT seq, id, at, peer, value FROM archive WHERE ${w.sql} ORDER BY at ${order}, seq ${order} LIMIT ?`,
          ...w.args,
          limit < 0 ? -1 : limit + 1,
        )
        .toArray()
      const complete = limit < 0 || rows.length <= limit
      const page = complete ? rows : rows.slice(0, limit)
      if (query.reverse) page.reverse()
      return { items: page.map(item), complete }
    },
    async count(user, query = {}) {
      const w = where(user, query)
      return sql
        .exec<{ n: number }>(`SELECT count(*) AS n FROM archive WHERE ${w.sql}`, ...w.args)
        .one().n
    },
    async delete(user, query = {}) {
      const w = where(user, query)
      const limit = query.limit ?? -1
      const doomed = sql
        .exec<{ seq: number }>(
          `SELECT seq FROM archive WHERE ${w.sql} ORDER BY at, seq LIMIT ?`,
          ...w.args,
          limit,
        )
        .toArray()
      for (const { seq } of doomed) sql.exec('DELETE FROM archive WHERE seq = ?', seq)
      return doomed.length
    },
  }
}

const makers = { keyval, map, archive }

/** A Storage over one Durable Object's SQLite database. Call migrate() first. */
export class SqliteStorage implements Storage {
  readonly #opened = new Map<string, unknown>()
  constructor(private readonly sql: SqlStorage) {}

  open<T, K extends StoreKind>(name: string, kind: K): StoreOfKind<T>[K] {
    const key = `${kind}\u0000${name}`
    let store = this.#opened.get(key)
    if (!store) {
      store = makers[kind]<T>(this.sql, name)
      this.#opened.set(key, store)
    }
    return store as StoreOfKind<T>[K]
  }
}
