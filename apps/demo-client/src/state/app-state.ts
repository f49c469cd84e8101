// The whole client state and its one reducer: each part keeps to its own actions.
import { type ChatAction, type ChatState, chatReducer, emptyChats } from './chat'
import { type ConsoleAction, type ConsoleState, consoleReducer, emptyConsole } from './console'
import { emptyRoster, type RosterAction, type RosterState, rosterReducer } from './roster'
import { initialSession, type SessionAction, type SessionState, sessionReducer } from './session'

export interface AppState {
  session: SessionState
  roster: RosterState
  chat: ChatState
  console: ConsoleState
}

export type AppAction =
  | SessionAction
  | RosterAction
  | ChatAction
  | ConsoleAction
  | { type: 'session/reset' }

export const initialState: AppState = {
  session: initialSession,
  roster: emptyRoster,
  chat: emptyChats,
  console: emptyConsole,
}

export function appReducer(state: AppState, action: AppAction): AppState {
  if (action.type === 'session/reset') {
    // A new login (maybe as someone else): nothing of the previous account stays.
    return { ...initialState, session: state.session, console: state.console }
  }
  if (action.type.startsWith('console/')) {
    return { ...state, console: consoleReducer(state.console, action as ConsoleAction) }
  }
  if (action.type.startsWith('chat/')) {
    return { ...state, chat: chatReducer(state.chat, action as ChatAction) }
  }
  if (action.type === 'connection/status' || action.type === 'presence/own') {
    const session = sessionReducer(state.session, action as SessionAction)
    const c = (action as SessionAction & { type: 'connection/status' }).status
    const lost = action.type === 'connection/status' && c.state !== 'online'
    // Presence is only known while connected (RFC 6121 §4.4: it is probed again at login).
    const roster =
      lost && state.session.connection.state === 'online'
        ? rosterReducer(state.roster, { type: 'connection/lost' })
        : state.roster
    return { ...state, session, roster }
  }
  return { ...state, roster: rosterReducer(state.roster, action as RosterAction) }
}

export interface Store {
  get(): AppState
  dispatch(action: AppAction): void
  subscribe(listener: (state: AppState, previous: AppState) => void): () => void
}

export function createStore(initial: AppState = initialState): Store {
  let state = initial
  const listeners = new Set<(state: AppState, previous: AppState) => void>()
  return {
    get: () => state,
    dispatch(action) {
      const previous = state
      state = appReducer(state, action)
      if (state !== previous) for (const l of listeners) l(state, previous)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
