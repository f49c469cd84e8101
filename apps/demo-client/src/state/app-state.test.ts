import { describe, expect, test } from 'vitest'
import { appReducer, createStore, initialState } from './app-state'

describe('app state', () => {
  test('each action reaches its part', () => {
    const store = createStore()
    const seen: string[] = []
    store.subscribe((s, prev) => seen.push(s === prev ? 'same' : 'changed'))
    store.dispatch({ type: 'chat/open', jid: 'bob@l' })
    store.dispatch({ type: 'subscription/request', jid: 'bob@l' })
    store.dispatch({ type: 'presence/own', show: 'away', status: '' })
    store.dispatch({ type: 'console/clear' })
    const s = store.get()
    expect(s.chat.active).toBe('bob@l')
    expect(s.roster.requests).toEqual(['bob@l'])
    expect(s.session.presence.show).toBe('away')
    expect(seen).toEqual(['changed', 'changed', 'changed', 'changed'])
  })

  test('leaving "online" forgets contacts\' presence; a new login resets all but the console', () => {
    let s = appReducer(initialState, {
      type: 'connection/status',
      status: { state: 'online', jid: 'a@l/w', url: 'ws://x' },
    })
    s = appReducer(s, {
      type: 'presence/available',
      jid: 'b@l',
      resource: 'r',
      show: 'online',
      priority: 0,
    })
    s = appReducer(s, {
      type: 'chat/outgoing',
      jid: 'b@l',
      message: { id: '1', dir: 'out', body: 'x', at: 0 },
    })
    s = appReducer(s, { type: 'console/traffic', dir: 'in', at: 0, name: 'x', xml: '<x/>' })
    s = appReducer(s, {
      type: 'connection/status',
      status: { state: 'reconnecting', attempt: 1, at: 0, reason: '' },
    })
    expect(s.roster.presence).toEqual({})
    expect(s.chat.threads['b@l']).toHaveLength(1) // the session's history survives reconnection
    s = appReducer(s, { type: 'session/reset' })
    expect(s.chat.threads).toEqual({})
    expect(s.console.entries).toHaveLength(1)
  })
})
