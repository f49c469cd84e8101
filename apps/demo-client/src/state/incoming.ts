// What a received stanza means for the state, and what must be answered: a pure function, so
// the protocol rules are tested without a socket.
import { parseJid } from '@tercet/jid'
import {
  errorReply,
  findDelay,
  Message,
  NS_PING,
  NS_ROSTER,
  Presence,
  StanzaError,
  stanzaError,
} from '@tercet/stanza'
import { type Element, h } from '@tercet/xml'
import type { AppAction } from './app-state'
import { parseRosterItem } from './roster'

export interface Interpretation {
  actions: AppAction[]
  replies: Element[]
}

/** `self` is our full JID as bound; `now` stamps messages that carry no delay. */
export function interpretStanza(el: Element, self: string, now: number): Interpretation {
  if (el.local === 'iq') return iq(el, self)
  if (el.local === 'presence') return { actions: presence(el, self), replies: [] }
  if (el.local === 'message') return { actions: message(el, now), replies: [] }
  return { actions: [], replies: [] }
}

function bareOf(jid: string | undefined): { bare: string; resource?: string } | undefined {
  if (!jid) return undefined
  try {
    const j = parseJid(jid)
    const bare = j.bare().toString()
    return j.resource ? { bare, resource: j.resource } : { bare }
  } catch {
    return undefined
  }
}

function iq(el: Element, self: string): Interpretation {
  const type = el.attr('type')
  if (type !== 'get' && type !== 'set') return { actions: [], replies: [] }
  const result = h('iq', { xmlns: el.ns, type: 'result', id: el.attr('id'), to: el.attr('from') })
  const query = el.getChild('query', NS_ROSTER)
  if (type === 'set' && query) {
    // RFC 6121 §2.1.6: a push comes from our own account (no from, or our bare JID); one
    // from anyone else must be ignored, and gets service-unavailable.
    const from = el.attr('from')
    if (from !== undefined && bareOf(from)?.bare !== bareOf(self)?.bare) {
      return { actions: [], replies: refuse(el) }
    }
    const actions: AppAction[] = []
    for (const child of query.getChildren('item')) {
      const item = parseRosterItem(child)
      if (!item) continue
      actions.push(
        'remove' in item
          ? { type: 'roster/remove', jid: item.remove }
          : { type: 'roster/push', item },
      )
    }
    return { actions, replies: [result] }
  }
  // XEP-0199 §4.2: answer a ping from the server or a contact.
  if (type === 'get' && el.getChild('ping', NS_PING)) return { actions: [], replies: [result] }
  // RFC 6120 §8.4: an IQ nobody here understands.
  return { actions: [], replies: refuse(el) }
}

function refuse(el: Element): Element[] {
  const reply = errorReply(el, stanzaError('service-unavailable'))
  return reply ? [reply] : []
}

function presence(el: Element, self: string): AppAction[] {
  const from = bareOf(el.attr('from'))
  if (!from) return []
  const p = new Presence(el)
  // Our own resources' presence (RFC 6121 §4.2.2) is not a contact's.
  if (from.bare === bareOf(self)?.bare) return []
  switch (p.type) {
    case 'available': {
      const status = p.status()
      return [
        {
          type: 'presence/available',
          jid: from.bare,
          resource: from.resource ?? '',
          show: p.show ?? 'online',
          ...(status ? { status } : {}),
          priority: Number.isNaN(p.priority) ? 0 : p.priority,
        },
      ]
    }
    case 'unavailable':
    case 'error':
      return [
        from.resource && p.type === 'unavailable'
          ? { type: 'presence/unavailable', jid: from.bare, resource: from.resource }
          : { type: 'presence/unavailable', jid: from.bare },
      ]
    case 'subscribe':
      // RFC 6121 §3.1.3: the user decides; shown until approved or denied.
      return [{ type: 'subscription/request', jid: from.bare }]
    case 'unsubscribe':
      return [{ type: 'subscription/answered', jid: from.bare }]
    default:
      // subscribed/unsubscribed/probe: the roster pushes that come with them say it all.
      return []
  }
}

function message(el: Element, now: number): AppAction[] {
  const from = bareOf(el.attr('from'))
  if (!from) return []
  const m = new Message(el)
  const id = el.attr('id') ?? `in-${now}`
  if (el.attr('type') === 'error') {
    const error = el.getChild('error')
    const e = error ? StanzaError.fromElement(error) : undefined
    const text = e ? `${e.condition}${e.text ? `: ${e.text}` : ''}` : 'error'
    return [{ type: 'chat/error', jid: from.bare, id, error: `Not delivered (${text})`, at: now }]
  }
  const body = m.body()
  if (body === undefined || m.type === 'groupchat') return []
  // XEP-0203: offline storage stamps the original send time (XEP-0160 §4).
  let at = now
  let delayed = false
  try {
    const delay = findDelay(el)
    if (delay) {
      at = delay.stamp.getTime()
      delayed = true
    }
  } catch {
    // a malformed stamp: show the message at arrival time
  }
  return [
    {
      type: 'chat/incoming',
      jid: from.bare,
      message: { id, dir: 'in', body, at, ...(delayed ? { delayed } : {}) },
    },
  ]
}
