// The contract every implementation of the router's store interfaces must pass: the in-memory
// stores here, and the SQLite stores of apps/server inside workerd. Call it from a test file:
//   storeContract('memory', () => memoryStorage())
import { type Storage, UnknownArchiveIdError } from '@tercet/router'
import { describe, expect, test } from 'vitest'

type Item = { body: string; n?: number }

/** Registers the contract tests for a Storage; `fresh` must return an empty one each call. */
export function storeContract(label: string, fresh: () => Storage | Promise<Storage>): void {
  describe(`store contract: ${label}`, () => {
    keyvalContract(fresh)
    mapContract(fresh)
    archiveContract(fresh)
  })
}

function keyvalContract(fresh: () => Storage | Promise<Storage>): void {
  describe('keyval', () => {
    test('get of a missing value is undefined; set then get returns an equal copy', async () => {
      const store = (await fresh()).open<{ a: number[]; s: string }, 'keyval'>('vcard', 'keyval')
      expect(await store.get('alice')).toBeUndefined()
      const value = { a: [1, 2], s: 'ünïcödé 🍺 <x/>' }
      await store.set('alice', value)
      value.a.push(3)
      expect(await store.get('alice')).toEqual({ a: [1, 2], s: 'ünïcödé 🍺 <x/>' })
    })
    test('set overwrites, delete removes, users and store names are separate', async () => {
      const storage = await fresh()
      const a = storage.open<string, 'keyval'>('a', 'keyval')
      const b = storage.open<string, 'keyval'>('b', 'keyval')
      await a.set('alice', 'one')
      await a.set('alice', 'two')
      await a.set('bob', 'bobs')
      await b.set('alice', 'other store')
      expect(await a.get('alice')).toBe('two')
      expect(await storage.open<string, 'keyval'>('a', 'keyval').get('alice')).toBe('two')
      await a.delete('alice')
      expect(await a.get('alice')).toBeUndefined()
      expect(await a.get('bob')).toBe('bobs')
      expect(await b.get('alice')).toBe('other store')
    })
  })
}

function mapContract(fresh: () => Storage | Promise<Storage>): void {
  describe('map', () => {
    test('get/set/delete per user and key; keys sorted; copies in and out', async () => {
      const store = (await fresh()).open<Item, 'map'>('roster', 'map')
      expect(await store.keys('alice')).toEqual([])
      const item = { body: 'x' }
      await store.set('alice', 'romeo@montague.lit', item)
      await store.set('alice', 'juliet@capulet.lit', { body: 'y' })
      await store.set('bob', 'nurse@capulet.lit', { body: 'z' })
      item.body = 'mutated'
      expect(await store.get('alice', 'romeo@montague.lit')).toEqual({ body: 'x' })
      expect(await store.keys('alice')).toEqual(['juliet@capulet.lit', 'romeo@montague.lit'])
      await store.delete('alice', 'juliet@capulet.lit')
      expect(await store.get('alice', 'juliet@capulet.lit')).toBeUndefined()
      expect(await store.keys('alice')).toEqual(['romeo@montague.lit'])
      expect(await store.keys('bob')).toEqual(['nurse@capulet.lit'])
    })
  })
}

function archiveContract(fresh: () => Storage | Promise<Storage>): void {
  const T0 = Date.UTC(2026, 0, 1)
  async function filled() {
    const store = (await fresh()).open<Item, 'archive'>('archive', 'archive')
    const ids: string[] = []
    for (let n = 0; n < 10; n++) {
      const w = n % 2 === 0 ? 'romeo@montague.lit' : 'nurse@capulet.lit'
      ids.push(
        await store.append('juliet', { value: { body: `m${n}`, n }, with: w, when: T0 + n * 1000 }),
      )
    }
    return { store, ids }
  }
  const bodies = (r: { items: { value: Item }[] }) => r.items.map((i) => i.value.body)

  describe('archive', () => {
    test('append returns unique ids; find returns everything oldest first', async () => {
      const { store, ids } = await filled()
      expect(new Set(ids).size).toBe(10)
      const all = await store.find('juliet')
      expect(bodies(all)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9'])
      expect(all.items[3]).toEqual({
        id: ids[3]!,
        when: T0 + 3000,
        with: 'nurse@capulet.lit',
        value: { body: 'm3', n: 3 },
      })
      expect(all.complete).toBe(true)
      expect(await store.find('romeo')).toEqual({ items: [], complete: true })
    })
    test('with, start and end (inclusive) filter', async () => {
      const { store } = await filled()
      expect(bodies(await store.find('juliet', { with: 'romeo@montague.lit' }))).toEqual([
        'm0',
        'm2',
        'm4',
        'm6',
        'm8',
      ])
      expect(bodies(await store.find('juliet', { start: T0 + 2000, end: T0 + 4000 }))).toEqual([
        'm2',
        'm3',
        'm4',
      ])
    })
    test('limit pages forwards with complete=false until the end', async () => {
      const { store, ids } = await filled()
      const first = await store.find('juliet', { limit: 4 })
      expect(bodies(first)).toEqual(['m0', 'm1', 'm2', 'm3'])
      expect(first.complete).toBe(false)
      const last = await store.find('juliet', { limit: 4, after: ids[7]! })
      expect(bodies(last)).toEqual(['m8', 'm9'])
      expect(last.complete).toBe(true)
    })
    test('reverse with limit returns the newest items, oldest first; before pages backwards', async () => {
      const { store, ids } = await filled()
      const newest = await store.find('juliet', { limit: 3, reverse: true })
      expect(bodies(newest)).toEqual(['m7', 'm8', 'm9'])
      expect(newest.complete).toBe(false)
      const earlier = await store.find('juliet', { limit: 3, reverse: true, before: ids[2]! })
      expect(bodies(earlier)).toEqual(['m0', 'm1'])
      expect(earlier.complete).toBe(true)
    })
    test('after/before are positions even when a filter excludes the item they name', async () => {
      const { store, ids } = await filled()
      const r = await store.find('juliet', {
        with: 'romeo@montague.lit',
        after: ids[3]!,
        before: ids[8]!,
      })
      expect(bodies(r)).toEqual(['m4', 'm6'])
    })
    test('an unknown after/before id throws UnknownArchiveIdError', async () => {
      const { store } = await filled()
      await expect(store.find('juliet', { after: 'nope' })).rejects.toBeInstanceOf(
        UnknownArchiveIdError,
      )
      await expect(store.find('juliet', { before: 'nope' })).rejects.toBeInstanceOf(
        UnknownArchiveIdError,
      )
    })
    test('items with an earlier time given later still sort by time', async () => {
      const store = (await fresh()).open<Item, 'archive'>('offline', 'archive')
      await store.append('a', { value: { body: 'late' }, with: 'x', when: T0 + 5 })
      await store.append('a', { value: { body: 'early' }, with: 'x', when: T0 + 1 })
      await store.append('a', { value: { body: 'late too' }, with: 'x', when: T0 + 5 })
      expect(bodies(await store.find('a'))).toEqual(['early', 'late', 'late too'])
    })
    test('a given id is kept, and a duplicate id is refused', async () => {
      const store = (await fresh()).open<Item, 'archive'>('mam', 'archive')
      expect(await store.append('a', { id: 'stanza-1', value: { body: 'x' }, with: 'b' })).toBe(
        'stanza-1',
      )
      await expect(
        store.append('a', { id: 'stanza-1', value: { body: 'y' }, with: 'b' }),
      ).rejects.toThrow()
      const { items } = await store.find('a')
      expect(items.map((i) => i.value.body)).toEqual(['x'])
      expect(Math.abs(items[0]!.when - Date.now())).toBeLessThan(60_000)
    })
    test('count ignores paging; delete by filter, before, limit, or everything', async () => {
      const { store, ids } = await filled()
      expect(await store.count('juliet')).toBe(10)
      expect(await store.count('juliet', { with: 'nurse@capulet.lit', start: T0 + 4000 })).toBe(3)
      expect(await store.delete('juliet', { with: 'nurse@capulet.lit', before: ids[6]! })).toBe(3)
      expect(bodies(await store.find('juliet'))).toEqual(['m0', 'm2', 'm4', 'm6', 'm7', 'm8', 'm9'])
      expect(await store.delete('juliet', { limit: 2 })).toBe(2)
      expect(bodies(await store.find('juliet'))).toEqual(['m4', 'm6', 'm7', 'm8', 'm9'])
      expect(await store.delete('juliet')).toBe(5)
      expect(await store.count('juliet')).toBe(0)
    })
  })
}
