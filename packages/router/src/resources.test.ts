import { describe, expect, test } from 'vitest'
import { mapStorage } from '../test/in-process'
import { ResourceRegistry } from './resources'
import type { MapStore } from './stores'

const open = (storage = mapStorage()) => storage.open<{ n: number }, 'map'>('resources', 'map')

describe('ResourceRegistry', () => {
  test('loads what the store holds, in name order, and reads it without waiting after', async () => {
    const store = open()
    await store.set('alice', 'phone', { n: 1 })
    await store.set('alice', 'desk', { n: 2 })
    const registry = new ResourceRegistry(store)
    expect(registry.loaded('alice')).toBeUndefined()
    expect(await registry.entries('alice')).toEqual([
      ['desk', { n: 2 }],
      ['phone', { n: 1 }],
    ])
    expect(registry.loaded('alice')).toEqual([
      ['desk', { n: 2 }],
      ['phone', { n: 1 }],
    ])
    expect(await registry.get('alice', 'phone')).toEqual({ n: 1 })
    expect(await registry.keys('bob')).toEqual([])
  })

  test('writes go to the store first, then to memory; a fresh registry (eviction) sees them', async () => {
    const store = open()
    const registry = new ResourceRegistry(store)
    await registry.set('alice', 'phone', { n: 1 })
    await registry.set('alice', 'attic', { n: 3 })
    await registry.set('alice', 'phone', { n: 4 })
    await registry.delete('alice', 'attic')
    expect(await registry.entries('alice')).toEqual([['phone', { n: 4 }]])
    expect(await store.keys('alice')).toEqual(['phone'])
    expect(await new ResourceRegistry(store).entries('alice')).toEqual([['phone', { n: 4 }]])
  })

  test('a failed store write leaves memory as the store is', async () => {
    const store = open()
    const failing: MapStore<{ n: number }> = {
      ...store,
      get: store.get.bind(store),
      keys: store.keys.bind(store),
      delete: store.delete.bind(store),
      set: async () => {
        throw new Error('disk full')
      },
    }
    const registry = new ResourceRegistry(failing)
    await expect(registry.set('alice', 'phone', { n: 1 })).rejects.toThrow('disk full')
    expect(await registry.entries('alice')).toEqual([])
  })
})
