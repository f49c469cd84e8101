// Stanza errors, RFC 6120 §8.3: the error element, every defined condition with its usual type,
// and the rules for replying with one.
import { Element } from '@tercet/xml'
import { NS_STANZAS } from './ns'

/** RFC 6120 §8.3.2: what the sender should do next. */
export type ErrorType = 'auth' | 'cancel' | 'continue' | 'modify' | 'wait'

/**
 * RFC 6120 §8.3.3: every defined condition, with the type the RFC's own example for it uses,
 * which is the type to send unless there is a reason to differ.
 */
export const STANZA_ERROR_TYPES = {
  'bad-request': 'modify', // §8.3.3.1
  conflict: 'cancel', // §8.3.3.2
  'feature-not-implemented': 'cancel', // §8.3.3.3
  forbidden: 'auth', // §8.3.3.4
  gone: 'cancel', // §8.3.3.5
  'internal-server-error': 'cancel', // §8.3.3.6
  'item-not-found': 'cancel', // §8.3.3.7
  'jid-malformed': 'modify', // §8.3.3.8
  'not-acceptable': 'modify', // §8.3.3.9
  'not-allowed': 'cancel', // §8.3.3.10
  'not-authorized': 'auth', // §8.3.3.11
  'policy-violation': 'modify', // §8.3.3.12
  'recipient-unavailable': 'wait', // §8.3.3.13
  redirect: 'modify', // §8.3.3.14
  'registration-required': 'auth', // §8.3.3.15
  'remote-server-not-found': 'cancel', // §8.3.3.16
  'remote-server-timeout': 'wait', // §8.3.3.17
  'resource-constraint': 'wait', // §8.3.3.18
  'service-unavailable': 'cancel', // §8.3.3.19
  'subscription-required': 'auth', // §8.3.3.20
  'undefined-condition': 'cancel', // §8.3.3.21
  'unexpected-request': 'wait', // §8.3.3.22
} as const satisfies Record<string, ErrorType>

export type StanzaErrorCondition = keyof typeof STANZA_ERROR_TYPES

const ERROR_TYPES: ReadonlySet<string> = new Set(['auth', 'cancel', 'continue', 'modify', 'wait'])

export function isStanzaErrorCondition(name: string): name is StanzaErrorCondition {
  return Object.hasOwn(STANZA_ERROR_TYPES, name)
}

export interface StanzaErrorOptions {
  /** Human-readable text (RFC 6120 §8.3.2: descriptive, not for display as the only info). */
  text?: string
  /** `xml:lang` of the text. */
  lang?: string
  /** An application-specific condition element (RFC 6120 §8.3.4). */
  appSpecific?: Element
  /** The entity that generated the error when it is not the one replying (§8.3.2 `by`). */
  by?: string
  /** For `gone` and `redirect` (§8.3.3.5, §8.3.3.14): the new address, an XMPP URI. */
  uri?: string
}

/** A stanza error. Throw it from a handler; the router answers with {@link errorReply}. */
export class StanzaError extends Error {
  override readonly name = 'StanzaError'
  readonly text: string | undefined
  readonly lang: string | undefined
  readonly appSpecific: Element | undefined
  readonly by: string | undefined
  readonly uri: string | undefined

  constructor(
    readonly type: ErrorType,
    readonly condition: StanzaErrorCondition,
    options: StanzaErrorOptions = {},
  ) {
    super(options.text ? `${condition}: ${options.text}` : condition)
    this.text = options.text
    this.lang = options.lang
    this.appSpecific = options.appSpecific
    this.by = options.by
    this.uri = options.uri
  }

  /** The error element, in the stanza's content namespace (RFC 6120 §8.3.2 syntax). */
  toElement(contentNs: string): Element {
    const attrs: Record<string, string> = { type: this.type }
    if (this.by !== undefined) attrs.by = this.by
    const condition = new Element(this.condition, {}, NS_STANZAS, this.uri ? [this.uri] : [])
    const error = new Element('error', attrs, contentNs, [condition])
    if (this.text !== undefined) {
      const lang: Record<string, string> = this.lang ? { 'xml:lang': this.lang } : {}
      error.append(new Element('text', lang, NS_STANZAS, [this.text]))
    }
    if (this.appSpecific) error.append(this.appSpecific)
    return error
  }

  /**
   * Reads an `<error/>` child. Anything it cannot make sense of becomes `undefined-condition`
   * (§8.3.3.21), so a broken error from a remote entity is still an error.
   */
  static fromElement(error: Element): StanzaError {
    let condition: StanzaErrorCondition = 'undefined-condition'
    const options: StanzaErrorOptions = {}
    for (const child of error.getChildElements()) {
      if (child.ns === NS_STANZAS && child.local === 'text') {
        options.text = child.text()
        const lang = child.attr('xml:lang')
        if (lang !== undefined) options.lang = lang
      } else if (child.ns === NS_STANZAS && isStanzaErrorCondition(child.local)) {
        condition = child.local
        const uri = child.text()
        if (uri && (condition === 'gone' || condition === 'redirect')) options.uri = uri
      } else if (child.ns !== NS_STANZAS && options.appSpecific === undefined) {
        options.appSpecific = child
      }
    }
    const by = error.attr('by')
    if (by !== undefined) options.by = by
    const type = error.attr('type') ?? ''
    return new StanzaError(
      ERROR_TYPES.has(type) ? (type as ErrorType) : STANZA_ERROR_TYPES[condition],
      condition,
      options,
    )
  }
}

/** A StanzaError with the condition's usual type (see {@link STANZA_ERROR_TYPES}). */
export function stanzaError(
  condition: StanzaErrorCondition,
  options: StanzaErrorOptions = {},
): StanzaError {
  return new StanzaError(STANZA_ERROR_TYPES[condition], condition, options)
}

/** The addresses of a reply: `to` and `from` swapped, the id kept (RFC 6120 §8.2.3, §8.3.1). */
function replyAttrs(stanza: Element, type: string): Record<string, string> {
  const attrs: Record<string, string> = { type }
  const from = stanza.attr('from')
  const to = stanza.attr('to')
  const id = stanza.attr('id')
  if (from !== undefined) attrs.to = from
  if (to !== undefined) attrs.from = to
  if (id !== undefined) attrs.id = id
  return attrs
}

/** RFC 6120 §8.2.3: the result of an IQ get/set, with an optional payload. */
export function iqResult(request: Element, payload?: Element): Element {
  return new Element('iq', replyAttrs(request, 'result'), request.ns, payload ? [payload] : [])
}

/**
 * The error reply to a stanza (RFC 6120 §8.3.1): same element name and id, `type="error"`,
 * `to` and `from` swapped, the error element as its child. Returns undefined for a stanza of
 * type `error`: an entity MUST NOT answer an error with an error (§8.3.1, "Rules" 1).
 */
export function errorReply(stanza: Element, error: StanzaError): Element | undefined {
  if (stanza.attr('type') === 'error') return undefined
  return new Element(stanza.name, replyAttrs(stanza, 'error'), stanza.ns, [
    error.toElement(stanza.ns),
  ])
}
