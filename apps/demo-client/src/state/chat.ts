// One-to-one conversations (RFC 6121 §5) kept for the session, keyed by the contact's bare JID.

export interface ChatMessage {
  id: string
  dir: 'in' | 'out'
  body: string
  /** When it was sent: the XEP-0203 delay stamp for stored messages, else when seen. */
  at: number
  /** Delivered from offline storage (it carries a XEP-0203 delay). */
  delayed?: boolean
  /** The error the server or the contact returned for it (RFC 6120 §8.3). */
  error?: string
}

export interface ChatState {
  threads: Record<string, ChatMessage[]>
  unread: Record<string, number>
  /** The conversation on screen. */
  active?: string
}

export type ChatAction =
  | { type: 'chat/open'; jid: string }
  | { type: 'chat/close' }
  | { type: 'chat/incoming'; jid: string; message: ChatMessage }
  | { type: 'chat/outgoing'; jid: string; message: ChatMessage }
  | { type: 'chat/error'; jid: string; id?: string; error: string; at: number }

export const emptyChats: ChatState = { threads: {}, unread: {} }

const append = (state: ChatState, jid: string, message: ChatMessage) => ({
  ...state.threads,
  [jid]: [...(state.threads[jid] ?? []), message],
})

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'chat/open': {
      const { [action.jid]: _read, ...unread } = state.unread
      return { ...state, active: action.jid, unread }
    }
    case 'chat/close': {
      const { active: _active, ...rest } = state
      return rest
    }
    case 'chat/incoming': {
      const threads = append(state, action.jid, action.message)
      if (state.active === action.jid) return { ...state, threads }
      const unread = { ...state.unread, [action.jid]: (state.unread[action.jid] ?? 0) + 1 }
      return { ...state, threads, unread }
    }
    case 'chat/outgoing':
      return { ...state, threads: append(state, action.jid, action.message) }
    case 'chat/error': {
      const thread = state.threads[action.jid] ?? []
      const i = action.id ? thread.findIndex((m) => m.dir === 'out' && m.id === action.id) : -1
      if (i >= 0) {
        const marked = [...thread]
        marked[i] = { ...thread[i]!, error: action.error }
        return { ...state, threads: { ...state.threads, [action.jid]: marked } }
      }
      const notice: ChatMessage = {
        id: action.id ?? `error-${action.at}`,
        dir: 'in',
        body: '',
        at: action.at,
        error: action.error,
      }
      return { ...state, threads: append(state, action.jid, notice) }
    }
  }
}
