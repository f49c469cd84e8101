// The three store shapes a module can open (DESIGN.md "Storage"), after Prosody's
// module:open_store(name, 'keyval' | 'map' | 'archive'). Values must be JSON-serialisable: the
// SQLite stores in apps/server keep them as JSON text. Every method is async, because a store may
// live behind an RPC hop. Stores are per host; `user` is the localpart or bare JID the data
// belongs to, exactly as the module passes it.

/** One value per user: a roster version, a vCard, a setting. */
export interface KeyValStore<T> {
  get(user: string): Promise<T | undefined>
  set(user: string, value: T): Promise<void>
  delete(user: string): Promise<void>
}

/** Many values per user, each under a key: roster items, private XML per namespace. */
export interface MapStore<T> {
  get(user: string, key: string): Promise<T | undefined>
  set(user: string, key: string, value: T): Promise<void>
  delete(user: string, key: string): Promise<void>
  /** Every key the user has, in ascending code-unit order. */
  keys(user: string): Promise<string[]>
}

/** One archived item (an offline message, a MAM entry). */
export interface ArchiveItem<T> {
  /** Unique within the user's archive; stable; what `before`/`after` refer to. */
  id: string
  /** Milliseconds since the Unix epoch. */
  when: number
  /** The other party: a bare or full JID string (MAM filters on it). */
  with: string
  value: T
}

/**
 * A query over one user's archive, in the terms of XEP-0313 §4.1 and XEP-0059: `with`, the
 * inclusive `start`/`end` time range, the exclusive `after`/`before` ids, and a `limit`.
 * An unknown `after`/`before` id throws {@link UnknownArchiveIdError}.
 * Items come in archive order (oldest first) unless `reverse` is set, which returns the newest
 * `limit` items, still oldest first, the way XEP-0059 §2.5 pages backwards.
 */
export interface ArchiveQuery {
  with?: string
  start?: number
  end?: number
  after?: string
  before?: string
  limit?: number
  reverse?: boolean
}

/**
 * `after` or `before` named an id the archive does not hold. XEP-0059 §2.6 and XEP-0313 §6.2
 * answer that with `item-not-found`.
 */
export class UnknownArchiveIdError extends Error {
  override readonly name = 'UnknownArchiveIdError'
  constructor(readonly id: string) {
    super(`no archived item has the id ${id}`)
  }
}

export interface ArchiveResult<T> {
  items: ArchiveItem<T>[]
  /** True when no further item matches beyond this page (XEP-0313 §4.3 `complete`). */
  complete: boolean
}

/** An append-only, time-ordered log per user: offline queue, message archive. */
export interface ArchiveStore<T> {
  /** Appends and returns the item's id (generated unless given; a given id must be new). */
  append(
    user: string,
    item: { value: T; with: string; when?: number; id?: string },
  ): Promise<string>
  find(user: string, query?: ArchiveQuery): Promise<ArchiveResult<T>>
  /** How many items match `query`, ignoring `limit`, `after`, `before` and `reverse`. */
  count(user: string, query?: Pick<ArchiveQuery, 'with' | 'start' | 'end'>): Promise<number>
  /** Deletes the matching items (all of the user's with no query); returns how many. */
  delete(
    user: string,
    query?: Pick<ArchiveQuery, 'with' | 'start' | 'end' | 'before' | 'limit'>,
  ): Promise<number>
}

export type StoreKind = 'keyval' | 'map' | 'archive'

export interface StoreOfKind<T> {
  keyval: KeyValStore<T>
  map: MapStore<T>
  archive: ArchiveStore<T>
}

/** What an adapter gives the host: opens a named store of a kind (the same name and kind
 * always reach the same data). */
export interface Storage {
  open<T, K extends StoreKind>(name: string, kind: K): StoreOfKind<T>[K]
}
