// The connection as the person sees it: where it is, who we are, our own presence.
import type { ConnectionStatus } from '../xmpp/client'

export type OwnShow = 'online' | 'chat' | 'away' | 'xa' | 'dnd'

export interface SessionState {
  connection: ConnectionStatus
  /** Our full JID once bound (kept while reconnecting). */
  jid?: string
  /** What we announce (RFC 6121 §4.7.2): re-sent after every reconnection. */
  presence: { show: OwnShow; status: string }
}

export type SessionAction =
  | { type: 'connection/status'; status: ConnectionStatus }
  | { type: 'presence/own'; show: OwnShow; status: string }

export const initialSession: SessionState = {
  connection: { state: 'idle' },
  presence: { show: 'online', status: '' },
}

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'connection/status': {
      const { status } = action
      if (status.state === 'online') return { ...state, connection: status, jid: status.jid }
      if (status.state === 'failed' || status.state === 'disconnected') {
        const { jid: _jid, ...rest } = state
        return { ...rest, connection: status }
      }
      return { ...state, connection: status }
    }
    case 'presence/own':
      return { ...state, presence: { show: action.show, status: action.status } }
  }
}

/** Whether the chat screen (rather than the login form) is shown. */
export function inSession(state: SessionState): boolean {
  const s = state.connection.state
  return (
    s === 'online' ||
    (s === 'reconnecting' && state.jid !== undefined) ||
    (s === 'connecting' && state.jid !== undefined)
  )
}

/** One line for the status bar; `now` makes the reconnection countdown. */
export function statusText(state: SessionState, now: number): string {
  const c = state.connection
  switch (c.state) {
    case 'idle':
      return 'Not connected.'
    case 'discovering':
      return `Looking up the WebSocket endpoint of ${c.domain} (XEP-0156)…`
    case 'connecting':
      return c.attempt > 1
        ? `Reconnecting to ${c.url} (attempt ${c.attempt})…`
        : `Connecting to ${c.url}…`
    case 'online':
      return `Online as ${c.jid}`
    case 'reconnecting': {
      const seconds = Math.max(0, Math.ceil((c.at - now) / 1000))
      return `${c.reason} Reconnecting in ${seconds} s (attempt ${c.attempt})…`
    }
    case 'failed':
      return c.error.message
    case 'disconnected':
      return 'Disconnected.'
  }
}
