// In-memory implementations of the router's store interfaces, for testHost() and unit tests.
// They behave like the SQLite stores: values are copied in and out through JSON (so a caller
// can never mutate what is stored), and archives keep (time, insertion) order.
import {
  type ArchiveItem,
  type ArchiveQuery,
  type ArchiveResult,
  type ArchiveStore,
  type KeyValStore,
  type MapStore,
  type Storage,
  type StoreKind,
  type StoreOfKind,
  UnknownArchiveIdError,
} from '@tercet/router'

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

function memoryKeyVal<T>(): KeyValStore<T> {
  const data = new Map<string, string>()
  return {
    async get(user) {
      const json = data.get(user)
      return json === undefined ? undefined : (JSON.parse(json) as T)
    },
    async set(user, value) {
      data.set(user, JSON.stringify(value))
    },
    async delete(user) {
      data.delete(user)
    },
  }
}

function memoryMap<T>(): MapStore<T> {
  const data = new Map<string, Map<string, string>>()
  const of = (user: string) => {
    let entries = data.get(user)
    if (!entries) {
      entries = new Map()
      data.set(user, entries)
    }
    return entries
  }
  return {
    async get(user, key) {
      const json = data.get(user)?.get(key)
      return json === undefined ? undefined : (JSON.parse(json) as T)
    },
    async set(user, key, value) {
      of(user).set(key, JSON.stringify(value))
    },
    async delete(user, key) {
      data.get(user)?.delete(key)
    },
    async keys(user) {
      return [...(data.get(user)?.keys() ?? [])].sort()
    },
  }
}

type Stored<T> = ArchiveItem<T> & { seq: number }

function matches<T>(item: Stored<T>, q: Pick<ArchiveQuery, 'with' | 'start' | 'end'>): boolean {
  return (
    (q.with === undefined || item.with === q.with) &&
    (q.start === undefined || item.when >= q.start) &&
    (q.end === undefined || item.when <= q.end)
  )
}

// The archive positions strictly after `after` and strictly before `before`. Positions come
// from the whole archive, so an id that a `with` filter would exclude still marks a place.
function bounds<T>(all: Stored<T>[], q: Pick<ArchiveQuery, 'after' | 'before'>): [number, number] {
  const position = (id: string) => {
    const i = all.findIndex((it) => it.id === id)
    if (i === -1) throw new UnknownArchiveIdError(id)
    return i
  }
  const from = q.after === undefined ? 0 : position(q.after) + 1
  const to = q.before === undefined ? all.length : position(q.before)
  return [from, to]
}

function select<T>(all: Stored<T>[], q: ArchiveQuery): Stored<T>[] {
  const [from, to] = bounds(all, q)
  return all.slice(from, Math.max(from, to)).filter((it) => matches(it, q))
}

const strip = <T>({ seq: _seq, ...item }: Stored<T>): ArchiveItem<T> => copy(item)

function memoryArchive<T>(): ArchiveStore<T> {
  const data = new Map<string, Stored<T>[]>()
  let seq = 0
  const of = (user: string) => {
    let items = data.get(user)
    if (!items) {
      items = []
      data.set(user, items)
    }
    return items
  }
  return {
    async append(user, { value, with: w, when = Date.now(), id = crypto.randomUUID() }) {
      const items = of(user)
      if (items.some((it) => it.id === id)) throw new Error(`archive id ${id} already exists`)
      const item: Stored<T> = { id, when, with: w, value: copy(value), seq: seq++ }
      // Archive order is (when, insertion order): insert after every item not later than it.
      let at = items.length
      while (at > 0 && items[at - 1]!.when > when) at--
      items.splice(at, 0, item)
      return id
    },
    async find(user, query = {}): Promise<ArchiveResult<T>> {
      const matching = select(of(user), query)
      const limit = query.limit ?? matching.length
      const page = query.reverse
        ? matching.slice(Math.max(0, matching.length - limit))
        : matching.slice(0, limit)
      return { items: page.map(strip), complete: page.length === matching.length }
    },
    async count(user, query = {}) {
      return of(user).filter((it) => matches(it, query)).length
    },
    async delete(user, query = {}) {
      const items = of(user)
      const doomed = select(items, query).slice(0, query.limit ?? Number.POSITIVE_INFINITY)
      const ids = new Set(doomed.map((it) => it.id))
      data.set(
        user,
        items.filter((it) => !ids.has(it.id)),
      )
      return ids.size
    },
  }
}

const makers = { keyval: memoryKeyVal, map: memoryMap, archive: memoryArchive }

/** A fresh, empty in-memory Storage. The same name and kind always open the same store. */
export function memoryStorage(): Storage {
  const opened = new Map<string, unknown>()
  return {
    open<T, K extends StoreKind>(name: string, kind: K): StoreOfKind<T>[K] {
      const key = `${kind}\u0000${name}`
      let store = opened.get(key)
      if (!store) {
        store = makers[kind]<T>()
        opened.set(key, store)
      }
      return store as StoreOfKind<T>[K]
    },
  }
}
