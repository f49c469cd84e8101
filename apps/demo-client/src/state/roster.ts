// The roster (RFC 6121 §2) and the presence of each contact's resources (RFC 6121 §4), as a
// reducer over plain data.
import type { Element } from '@tercet/xml'

export type Subscription = 'none' | 'to' | 'from' | 'both'
export type Availability = 'chat' | 'online' | 'away' | 'xa' | 'dnd' | 'offline'

export interface RosterItem {
  jid: string
  name?: string
  subscription: Subscription
  /** RFC 6121 §2.1.2.2: our subscription request is pending. */
  ask: boolean
  groups: string[]
}

export interface ResourcePresence {
  show: Exclude<Availability, 'offline'>
  status?: string
  priority: number
}

export interface RosterState {
  /** Keyed by bare JID. */
  items: Record<string, RosterItem>
  /** Bare JID → resource → presence; only available resources are kept. */
  presence: Record<string, Record<string, ResourcePresence>>
  /** Incoming subscription requests awaiting an answer, oldest first. */
  requests: string[]
  /** The roster result arrived (RFC 6121 §2.1.6: we are an interested resource). */
  loaded: boolean
}

export type RosterAction =
  | { type: 'roster/result'; items: RosterItem[] }
  | { type: 'roster/push'; item: RosterItem }
  | { type: 'roster/remove'; jid: string }
  | {
      type: 'presence/available'
      jid: string
      resource: string
      show: ResourcePresence['show']
      status?: string
      priority: number
    }
  | { type: 'presence/unavailable'; jid: string; resource?: string }
  | { type: 'subscription/request'; jid: string }
  | { type: 'subscription/answered'; jid: string }
  | { type: 'connection/lost' }

export const emptyRoster: RosterState = { items: {}, presence: {}, requests: [], loaded: false }

const SUBSCRIPTIONS = new Set(['none', 'to', 'from', 'both'])

/** RFC 6121 §2.1.2: one `<item/>` of a roster result or push; 'remove' gives undefined. */
export function parseRosterItem(item: Element): RosterItem | { remove: string } | undefined {
  const jid = item.attr('jid')
  if (!jid) return undefined
  const subscription = item.attr('subscription') ?? 'none'
  if (subscription === 'remove') return { remove: jid }
  const parsed: RosterItem = {
    jid,
    subscription: SUBSCRIPTIONS.has(subscription) ? (subscription as Subscription) : 'none',
    ask: item.attr('ask') === 'subscribe',
    groups: item.getChildren('group').map((g) => g.text()),
  }
  const name = item.attr('name')
  if (name) parsed.name = name
  return parsed
}

export function rosterReducer(state: RosterState, action: RosterAction): RosterState {
  switch (action.type) {
    case 'roster/result': {
      const items: Record<string, RosterItem> = {}
      for (const item of action.items) items[item.jid] = item
      return { ...state, items, loaded: true }
    }
    case 'roster/push':
      return { ...state, items: { ...state.items, [action.item.jid]: action.item } }
    case 'roster/remove': {
      const { [action.jid]: _gone, ...items } = state.items
      const { [action.jid]: _presence, ...presence } = state.presence
      return {
        ...state,
        items,
        presence,
        requests: state.requests.filter((j) => j !== action.jid),
      }
    }
    case 'presence/available': {
      const { jid, resource, show, status, priority } = action
      const entry: ResourcePresence = status ? { show, status, priority } : { show, priority }
      const resources = { ...state.presence[jid], [resource]: entry }
      return { ...state, presence: { ...state.presence, [jid]: resources } }
    }
    case 'presence/unavailable': {
      const { [action.jid]: resources, ...rest } = state.presence
      if (!resources) return state
      if (action.resource === undefined) return { ...state, presence: rest }
      const { [action.resource]: _gone, ...left } = resources
      return {
        ...state,
        presence: Object.keys(left).length ? { ...rest, [action.jid]: left } : rest,
      }
    }
    case 'subscription/request':
      if (state.requests.includes(action.jid)) return state
      return { ...state, requests: [...state.requests, action.jid] }
    case 'subscription/answered':
      return { ...state, requests: state.requests.filter((j) => j !== action.jid) }
    case 'connection/lost':
      // Presence is only known while connected; the roster itself stays for display.
      return { ...state, presence: {}, loaded: false }
  }
}

const RANK: Record<Availability, number> = {
  chat: 0,
  online: 1,
  away: 2,
  xa: 3,
  dnd: 4,
  offline: 5,
}

/** The presence to show for a contact: its most available resource of highest priority. */
export function contactPresence(
  state: RosterState,
  jid: string,
): { show: Availability; status?: string } {
  const resources = Object.values(state.presence[jid] ?? {})
  if (!resources.length) return { show: 'offline' }
  resources.sort((a, b) => b.priority - a.priority || RANK[a.show] - RANK[b.show])
  const best = resources[0]!
  return best.status ? { show: best.show, status: best.status } : { show: best.show }
}

/** Roster items sorted for display: available first, then by name. */
export function sortedContacts(state: RosterState): RosterItem[] {
  const label = (i: RosterItem) => (i.name ?? i.jid).toLowerCase()
  return Object.values(state.items).sort(
    (a, b) =>
      RANK[contactPresence(state, a.jid).show] - RANK[contactPresence(state, b.jid).show] ||
      label(a).localeCompare(label(b)),
  )
}

/** Whether we already receive (or asked for) the contact's presence. */
export function subscribedTo(state: RosterState, jid: string): boolean {
  const item = state.items[jid]
  return !!item && (item.subscription === 'to' || item.subscription === 'both' || item.ask)
}
