// The account side's registry of live resources (RFC 6120 §7, RFC 6121 §8.5): persisted in the
// account's `resources` map store, so it survives the object being evicted, and kept in memory
// as well, because every stanza to the account reads it. The account side is the only writer
// (one object per account, work serialised by AccountQueue), so the copy in memory stays exact:
// it is filled from the store on first use and written through after each successful write.
import type { Element } from '@tercet/xml'
import { serialize } from '@tercet/xml'
import type { Core } from './core'
import type { LiveResource } from './delivery-rules'
import type { MapStore } from './stores'

export class ResourceRegistry<T> {
  readonly #users = new Map<string, Map<string, T>>()
  /** Each user's resource names, sorted as the store's `keys` gives them; rebuilt on change. */
  readonly #sorted = new Map<string, readonly string[]>()

  constructor(private readonly store: MapStore<T>) {}

  async #load(user: string): Promise<Map<string, T>> {
    const cached = this.#users.get(user)
    if (cached !== undefined) return cached
    const loaded = new Map<string, T>()
    for (const resource of await this.store.keys(user)) {
      const record = await this.store.get(user, resource)
      if (record !== undefined) loaded.set(resource, record)
    }
    // Another caller may have loaded it meanwhile: the first copy wins, both are equal.
    const raced = this.#users.get(user)
    if (raced !== undefined) return raced
    this.#users.set(user, loaded)
    return loaded
  }

  async get(user: string, resource: string): Promise<T | undefined> {
    return (this.#users.get(user) ?? (await this.#load(user))).get(resource)
  }

  /** The user's resources and their records, in resource-name order. */
  async entries(user: string): Promise<[string, T][]> {
    return this.#entries(user, this.#users.get(user) ?? (await this.#load(user)))
  }

  /**
   * `entries` without waiting, once the user's records are in memory (else undefined): the
   * per-stanza path skips the promise and microtask an `await` costs.
   */
  loaded(user: string): [string, T][] | undefined {
    const records = this.#users.get(user)
    return records === undefined ? undefined : this.#entries(user, records)
  }

  #entries(user: string, records: Map<string, T>): [string, T][] {
    let names = this.#sorted.get(user)
    if (names === undefined) {
      names = [...records.keys()].sort()
      this.#sorted.set(user, names)
    }
    return names.map((name) => [name, records.get(name)!])
  }

  async keys(user: string): Promise<string[]> {
    return (await this.entries(user)).map(([name]) => name)
  }

  async set(user: string, resource: string, record: T): Promise<void> {
    const records = await this.#load(user)
    await this.store.set(user, resource, record)
    if (!records.has(resource)) this.#sorted.delete(user)
    records.set(resource, record)
  }

  async delete(user: string, resource: string): Promise<void> {
    const records = await this.#load(user)
    await this.store.delete(user, resource)
    if (records.delete(resource)) this.#sorted.delete(user)
  }
}

/**
 * Module-owned per-resource state on the account side (e.g. "this resource asked for the
 * roster", RFC 6121 §2.1.5). Extended by declaration merging; must be JSON.
 */
// biome-ignore lint/suspicious/noEmptyInterface: extended by modules through declaration merging
export interface ResourceData {}

/** A bound resource as the account side stores it. */
export interface ResourceRecord extends Omit<LiveResource, 'resource'> {
  /** The resource's last presence (serialised), for probes (RFC 6121 §4.3.2). */
  presence?: string
  data: ResourceData
}

const RESOURCES = 'resources'

const registries = new WeakMap<Core, ResourceRegistry<ResourceRecord>>()

/** The registry of live resources, one per host (it is read for every stanza). */
export function resourceStore(core: Core): ResourceRegistry<ResourceRecord> {
  let registry = registries.get(core)
  if (registry === undefined) {
    registry = new ResourceRegistry(core.storage.open<ResourceRecord, 'map'>(RESOURCES, 'map'))
    registries.set(core, registry)
  }
  return registry
}

/** Every live resource of `user`, as the delivery rules see them. */
export async function liveResources(core: Core, user: string): Promise<LiveResource[]> {
  return toLive(await resourceStore(core).entries(user))
}

/** `liveResources` without waiting, when the registry already holds the user's records. */
export function liveResourcesNow(core: Core, user: string): LiveResource[] | undefined {
  const entries = resourceStore(core).loaded(user)
  return entries === undefined ? undefined : toLive(entries)
}

function toLive(entries: [string, ResourceRecord][]): LiveResource[] {
  return entries.map(([resource, record]) => ({
    resource,
    sessionId: record.sessionId,
    priority: record.priority,
    available: record.available,
  }))
}

/** A live resource with everything the account side keeps about it. */
export interface ResourceInfo extends ResourceRecord {
  resource: string
}

/** Account side: the user's live resources, for modules (roster pushes, presence, offline). */
export async function resourceList(core: Core, user: string): Promise<ResourceInfo[]> {
  return (await resourceStore(core).entries(user)).map(([resource, record]) => ({
    ...record,
    resource,
  }))
}

/** Account side: replaces a live resource's module data; false when the resource is gone. */
export async function updateResourceData(
  core: Core,
  user: string,
  resource: string,
  data: ResourceData,
): Promise<boolean> {
  const store = resourceStore(core)
  const record = await store.get(user, resource)
  if (!record) return false
  await store.set(user, resource, { ...record, data })
  return true
}

/** Account side: writes a stanza to one live resource, bypassing routing; false when gone. */
export async function sendToResource(
  core: Core,
  user: string,
  resource: string,
  stanza: Element,
): Promise<boolean> {
  const record = await resourceStore(core).get(user, resource)
  if (!record) return false
  await core.network.session(record.sessionId).push(serialize(stanza))
  return true
}
