import { describe, expect, test } from 'vitest'
import { ConnectError } from '../xmpp/errors'
import { initialSession, inSession, sessionReducer, statusText } from './session'

describe('session', () => {
  test('status lines for each state', () => {
    const at = (status: Parameters<typeof sessionReducer>[1] & { type: 'connection/status' }) =>
      sessionReducer(initialSession, status)
    const now = 10_000
    expect(statusText(initialSession, now)).toBe('Not connected.')
    expect(
      statusText(
        at({ type: 'connection/status', status: { state: 'discovering', domain: 'localhost' } }),
        now,
      ),
    ).toBe('Looking up the WebSocket endpoint of localhost (XEP-0156)…')
    expect(
      statusText(
        at({
          type: 'connection/status',
          status: {
            state: 'reconnecting',
            attempt: 3,
            at: 12_100,
            reason: 'The connection to the server was lost.',
          },
        }),
        now,
      ),
    ).toBe('The connection to the server was lost. Reconnecting in 3 s (attempt 3)…')
    const error = new ConnectError('not-authorized', 'Wrong username or password.')
    expect(
      statusText(at({ type: 'connection/status', status: { state: 'failed', error } }), now),
    ).toBe('Wrong username or password.')
  })

  test('the chat screen stays up while reconnecting, not after a failure', () => {
    let s = sessionReducer(initialSession, {
      type: 'connection/status',
      status: { state: 'online', jid: 'a@l/w', url: 'ws://x' },
    })
    expect(s.jid).toBe('a@l/w')
    expect(inSession(s)).toBe(true)
    s = sessionReducer(s, {
      type: 'connection/status',
      status: { state: 'reconnecting', attempt: 1, at: 0, reason: '' },
    })
    expect(inSession(s)).toBe(true)
    s = sessionReducer(s, {
      type: 'connection/status',
      status: { state: 'connecting', url: 'ws://x', attempt: 2 },
    })
    expect(inSession(s)).toBe(true)
    s = sessionReducer(s, {
      type: 'connection/status',
      status: { state: 'failed', error: new ConnectError('not-authorized', 'x') },
    })
    expect(inSession(s)).toBe(false)
    expect(s.jid).toBeUndefined()
  })

  test('own presence', () => {
    const s = sessionReducer(initialSession, { type: 'presence/own', show: 'dnd', status: 'busy' })
    expect(s.presence).toEqual({ show: 'dnd', status: 'busy' })
  })
})
