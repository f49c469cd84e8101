import { describe, expect, test } from 'vitest'
import { type ChatAction, chatReducer, emptyChats } from './chat'

const run = (...actions: ChatAction[]) => actions.reduce(chatReducer, emptyChats)
const msg = (id: string, dir: 'in' | 'out', body: string) => ({ id, dir, body, at: 1 })

describe('chat', () => {
  test('messages to a closed conversation count as unread until it is opened', () => {
    let s = run(
      { type: 'chat/incoming', jid: 'bob@l', message: msg('1', 'in', 'hi') },
      { type: 'chat/incoming', jid: 'bob@l', message: msg('2', 'in', 'there') },
    )
    expect(s.unread).toEqual({ 'bob@l': 2 })
    s = chatReducer(s, { type: 'chat/open', jid: 'bob@l' })
    expect(s.unread).toEqual({})
    s = chatReducer(s, { type: 'chat/incoming', jid: 'bob@l', message: msg('3', 'in', 'x') })
    expect(s.unread).toEqual({})
    expect(s.threads['bob@l']!.map((m) => m.body)).toEqual(['hi', 'there', 'x'])
  })

  test('an error marks the outgoing message it answers', () => {
    const s = run(
      { type: 'chat/outgoing', jid: 'bob@l', message: msg('m1', 'out', 'hello') },
      {
        type: 'chat/error',
        jid: 'bob@l',
        id: 'm1',
        error: 'Not delivered (service-unavailable)',
        at: 2,
      },
    )
    expect(s.threads['bob@l']).toEqual([
      { ...msg('m1', 'out', 'hello'), error: 'Not delivered (service-unavailable)' },
    ])
  })

  test('an error for no known message is shown as a notice', () => {
    const s = run({ type: 'chat/error', jid: 'bob@l', id: 'zz', error: 'oops', at: 5 })
    expect(s.threads['bob@l']).toEqual([{ id: 'zz', dir: 'in', body: '', at: 5, error: 'oops' }])
  })

  test('close keeps the history', () => {
    const s = run(
      { type: 'chat/open', jid: 'bob@l' },
      { type: 'chat/outgoing', jid: 'bob@l', message: msg('1', 'out', 'a') },
      { type: 'chat/close' },
    )
    expect(s.active).toBeUndefined()
    expect(s.threads['bob@l']).toHaveLength(1)
  })
})
