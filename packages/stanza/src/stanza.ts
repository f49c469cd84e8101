// Typed views over stanza elements (RFC 6120 §8, RFC 6121 §4–5). A view reads; it never
// throws on bad input: a malformed address comes back as the JidError that describes it, an
// unknown type as undefined, so the router can answer with the exact error.
import { type Jid, JidError, parseJid } from '@tercet/jid'
import type { Element } from '@tercet/xml'
import { type StanzaError, stanzaError } from './errors'

export type MessageType = 'chat' | 'error' | 'groupchat' | 'headline' | 'normal'
export type PresenceType =
  | 'available'
  | 'error'
  | 'probe'
  | 'subscribe'
  | 'subscribed'
  | 'unavailable'
  | 'unsubscribe'
  | 'unsubscribed'
export type IqType = 'error' | 'get' | 'result' | 'set'
export type Show = 'away' | 'chat' | 'dnd' | 'xa'

const MESSAGE_TYPES: ReadonlySet<string> = new Set([
  'chat',
  'error',
  'groupchat',
  'headline',
  'normal',
])
const PRESENCE_TYPES: ReadonlySet<string> = new Set([
  'error',
  'probe',
  'subscribe',
  'subscribed',
  'unavailable',
  'unsubscribe',
  'unsubscribed',
])
const IQ_TYPES: ReadonlySet<string> = new Set(['error', 'get', 'result', 'set'])
const SHOWS: ReadonlySet<string> = new Set(['away', 'chat', 'dnd', 'xa'])

/** A parsed address attribute: the Jid, the JidError that explains why it is not one, or absent. */
export type Address = Jid | JidError | undefined

function address(element: Element, name: string): Address {
  const value = element.attr(name)
  if (value === undefined) return undefined
  try {
    return parseJid(value)
  } catch (e) {
    if (e instanceof JidError) return e
    throw e
  }
}

class StanzaView {
  constructor(readonly element: Element) {}
  get id(): string | undefined {
    return this.element.attr('id')
  }
  /** `to`, parsed and prepared (RFC 7622); a JidError when it is malformed. */
  get to(): Address {
    return address(this.element, 'to')
  }
  get from(): Address {
    return address(this.element, 'from')
  }
  /** `xml:lang` on the stanza itself (RFC 6120 §8.1.5). */
  get lang(): string | undefined {
    return this.element.attr('xml:lang')
  }
  /** The `type` attribute exactly as sent. */
  get rawType(): string | undefined {
    return this.element.attr('type')
  }
  /** The `<error/>` child of an error stanza. */
  get error(): Element | undefined {
    return this.element.getChild('error')
  }
}

/** Text of the first child `name` whose xml:lang is `lang`, or the one without xml:lang. */
function langText(element: Element, name: string, lang?: string): string | undefined {
  const children = element.getChildren(name)
  const chosen =
    (lang === undefined ? undefined : children.find((c) => c.attr('xml:lang') === lang)) ??
    children.find((c) => c.attr('xml:lang') === undefined) ??
    children[0]
  return chosen?.text()
}

/** RFC 6121 §5.2.2: a message's type attribute as understood; absent or unknown is `normal`. */
export function messageType(type: string | undefined): MessageType {
  return type !== undefined && MESSAGE_TYPES.has(type) ? (type as MessageType) : 'normal'
}

export class Message extends StanzaView {
  /** RFC 6121 §5.2.2: no type, or one not understood, means `normal`. */
  get type(): MessageType {
    return messageType(this.rawType)
  }
  /** RFC 6121 §5.2.3: the body in `lang`, else the one without xml:lang, else the first. */
  body(lang?: string): string | undefined {
    return langText(this.element, 'body', lang)
  }
  subject(lang?: string): string | undefined {
    return langText(this.element, 'subject', lang)
  }
  /** RFC 6121 §5.2.5. */
  get thread(): string | undefined {
    return this.element.getChildText('thread')
  }
  get threadParent(): string | undefined {
    return this.element.getChild('thread')?.attr('parent')
  }
}

export class Presence extends StanzaView {
  /** RFC 6121 §4.7.1: no type means available; an undefined value gives undefined. */
  get type(): PresenceType | undefined {
    const type = this.rawType
    if (type === undefined) return 'available'
    return PRESENCE_TYPES.has(type) ? (type as PresenceType) : undefined
  }
  /** RFC 6121 §4.7.2.1: absent means normal availability; an undefined value gives undefined. */
  get show(): Show | undefined {
    const show = this.element.getChildText('show')
    return show !== undefined && SHOWS.has(show) ? (show as Show) : undefined
  }
  status(lang?: string): string | undefined {
    return langText(this.element, 'status', lang)
  }
  /**
   * RFC 6121 §4.7.2.3: an integer from −128 to +127, 0 when absent. NaN when the element is
   * there but not such an integer (validateStanza reports it).
   */
  get priority(): number {
    const text = this.element.getChildText('priority')
    if (text === undefined) return 0
    const value = /^[+-]?\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN
    return value >= -128 && value <= 127 ? value : Number.NaN
  }
}

export class Iq extends StanzaView {
  get type(): IqType | undefined {
    const type = this.rawType
    return type !== undefined && IQ_TYPES.has(type) ? (type as IqType) : undefined
  }
  /** The request's payload: the one child element of a get/set (RFC 6120 §8.2.3). */
  get payload(): Element | undefined {
    return this.element
      .getChildElements()
      .find((c) => c.local !== 'error' || c.ns !== this.element.ns)
  }
}

function checkAddresses(view: StanzaView): StanzaError | undefined {
  for (const a of [view.to, view.from]) {
    // RFC 6120 §8.3.3.8: a malformed address is jid-malformed.
    if (a instanceof JidError)
      return stanzaError('jid-malformed', { text: `${a.part}: ${a.reason}` })
  }
  return undefined
}

function checkIq(iq: Iq): StanzaError | undefined {
  // RFC 6120 §8.2.3 rules 1 and 2: an IQ MUST have an id and one of the four types.
  if (!iq.id) return stanzaError('bad-request', { text: 'an IQ must have an id (RFC 6120 §8.2.3)' })
  const type = iq.type
  if (type === undefined) {
    return stanzaError('bad-request', { text: 'IQ type must be get, set, result or error' })
  }
  const children = iq.element.getChildElements().length
  // Rule 3: a get or set MUST contain exactly one child element.
  if ((type === 'get' || type === 'set') && children !== 1) {
    return stanzaError('bad-request', { text: `an IQ ${type} must have exactly one child element` })
  }
  // Rule 4: a result MUST contain zero or one child element.
  if (type === 'result' && children > 1) {
    return stanzaError('bad-request', { text: 'an IQ result holds at most one child element' })
  }
  return undefined
}

function checkPresence(presence: Presence): StanzaError | undefined {
  if (presence.type === undefined) {
    return stanzaError('bad-request', { text: `unknown presence type "${presence.rawType}"` })
  }
  const show = presence.element.getChildText('show')
  if (show !== undefined && presence.show === undefined) {
    return stanzaError('bad-request', {
      text: 'show must be away, chat, dnd or xa (RFC 6121 §4.7.2.1)',
    })
  }
  if (Number.isNaN(presence.priority)) {
    return stanzaError('bad-request', {
      text: 'priority must be an integer from -128 to 127 (RFC 6121 §4.7.2.3)',
    })
  }
  return undefined
}

/**
 * Checks what RFC 6120 §8 and RFC 6121 require of a stanza from a client, returning the error
 * to answer with, or undefined when it is acceptable. The element must be a `message`,
 * `presence` or `iq` (anything else is a stream error, `unsupported-stanza-type`).
 */
export function validateStanza(element: Element): StanzaError | undefined {
  switch (element.local) {
    case 'iq': {
      const iq = new Iq(element)
      return checkAddresses(iq) ?? checkIq(iq)
    }
    case 'presence': {
      const presence = new Presence(element)
      return checkAddresses(presence) ?? checkPresence(presence)
    }
    default:
      // RFC 6121 §5.2.2: an unknown message type is treated as normal, never refused.
      return checkAddresses(new Message(element))
  }
}
