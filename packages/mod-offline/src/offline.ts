// XEP-0160: Best Practices for Handling Offline Messages (v1.0.1) —
//   https://xmpp.org/extensions/xep-0160.html
// XEP-0203: Delayed Delivery (v2.0) — https://xmpp.org/extensions/xep-0203.html
//
// RFC 6121 §8.5.2.2.1: when no resource can take a chat or normal message, the router offers it
// to offline storage (`message/offline`, on the recipient's account side) and bounces it with
// service-unavailable unless a handler takes it. This module takes it into a bounded per-user
// queue, and delivers the queue, oldest first and marked with a delay, to the next resource that
// becomes available with a non-negative priority.
import { type ArchiveStore, defineModule, type ModuleApi, type StanzaEvent } from '@tercet/router'
import { buildDelay, Message, NS_CHATSTATES, NS_DELAY, NS_OFFLINE, Presence } from '@tercet/stanza'
import { type Element, parseFrame, serialize } from '@tercet/xml'

/** What to do with a new message when the user's queue is full. */
export type OfflinePolicy = 'refuse' | 'drop-oldest'

/** Default `offlineMaxMessages`: messages kept per user. */
export const DEFAULT_OFFLINE_MAX_MESSAGES = 100

/** Default priority of the `presence/self` hook: above presence broadcasting (0). */
export const OFFLINE_PRESENCE_PRIORITY = 100

/**
 * XEP-0160 §3: a chat message that carries only XEP-0085 content SHOULD NOT be stored. XEP-0085
 * §5.3: such a standalone notification holds the chat state and, with threads, a `<thread/>`.
 */
export function isChatStateOnly(message: Element): boolean {
  const children = message.getChildElements()
  return (
    children.some((c) => c.ns === NS_CHATSTATES) &&
    children.every((c) => c.ns === NS_CHATSTATES || c.is('thread', message.ns))
  )
}

/** XEP-0160 §3: which messages are stored at all. */
export function isStorable(message: Element): boolean {
  const type = new Message(message).type
  // normal and chat SHOULD be stored; groupchat, headline and error SHOULD NOT (the router never
  // offers those, but the rule belongs here too).
  if (type === 'normal') return true
  return type === 'chat' && !isChatStateOnly(message)
}

/** The stanza to deliver: the stored one with the server's XEP-0203 delay. */
export function withDelay(stored: string, domain: string, when: number): Element {
  const message = parseFrame(stored)
  // A sender could have put in a delay that claims to come from this server: it gives way to
  // the real one, so a `from` naming the server can be trusted.
  message.children = message.children.filter(
    (c) => typeof c === 'string' || !(c.is('delay', NS_DELAY) && c.attr('from') === domain),
  )
  // XEP-0160 §2: RECOMMENDED, a delay saying when the server stored the message (XEP-0203 §2:
  // stamp in UTC, from = the entity that delayed it).
  message.append(buildDelay({ from: domain, stamp: new Date(when) }))
  return message
}

/**
 * Writes the queue to one resource, oldest first, then forgets what was written. Messages that
 * arrive meanwhile are appended after those, so deleting the oldest `n` forgets exactly what was
 * sent; the loop picks up any newcomer before the resource is recorded as available.
 */
async function deliver(mod: ModuleApi, queue: ArchiveStore<string>, user: string, to: string) {
  for (;;) {
    const { items } = await queue.find(user)
    if (items.length === 0) return
    let sent = 0
    for (const item of items) {
      if (!(await mod.sendToResource(user, to, withDelay(item.value, mod.domain, item.when)))) break
      sent++
    }
    if (sent > 0) await queue.delete(user, { limit: sent })
    // The resource went away mid-way: the rest waits for the next one.
    if (sent < items.length) return
  }
}

export const offline = defineModule('offline', (mod) => {
  // XEP-0160 §4: a server that stores offline messages SHOULD advertise msgoffline.
  mod.addFeature(NS_OFFLINE)
  const queue = mod.openStore<string, 'archive'>('offline', 'archive')
  const max = mod.option('offlineMaxMessages', DEFAULT_OFFLINE_MAX_MESSAGES)
  const policy = mod.option<OfflinePolicy>('offlinePolicy', 'refuse')

  // The recipient's account side. Anything but true lets the router bounce the message with
  // service-unavailable, as RFC 6121 §8.5.2.2.1 requires of a message that is not stored.
  mod.hook('message/offline', async (e: StanzaEvent) => {
    if (!isStorable(e.stanza)) return false
    const user = e.to.local!
    const count = await queue.count(user)
    if (count >= max) {
      // XEP-0160 §2 step 3: a full queue answers service-unavailable, unless the server is
      // configured to make room by dropping the oldest messages.
      if (policy !== 'drop-oldest' || max <= 0) return false
      await queue.delete(user, { limit: count - max + 1 })
    }
    await queue.append(user, { value: serialize(e.stanza), with: e.from.toString() })
    return true
  })

  // XEP-0160 §2 step 5: "When the recipient next sends non-negative available presence to the
  // server, the server delivers the message to the resource that has sent that presence."
  // `presence/self` carries the resource's state before this presence (`resourceBefore`):
  // deliver when it was not yet available with a non-negative priority. The
  // hook outranks presence broadcasting and never claims the event, so the broadcast goes on.
  mod.hook(
    'presence/self',
    async (e: StanzaEvent) => {
      const presence = new Presence(e.stanza)
      const resource = e.from.resource
      if (presence.type !== 'available' || presence.priority < 0 || resource === undefined) return
      const user = e.from.local!
      const before = e.resourceBefore
      if (before?.available && before.priority >= 0) return
      await deliver(mod, queue, user, resource)
    },
    mod.option('offlinePresencePriority', OFFLINE_PRESENCE_PRIORITY),
  )
})
