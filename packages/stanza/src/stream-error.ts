// Stream errors, RFC 6120 §4.9: unrecoverable; the stream is closed after one is sent.
import { Element } from '@tercet/xml'
import { NS_STREAM_ERRORS, NS_STREAMS } from './ns'

/** RFC 6120 §4.9.3: every defined stream error condition. */
export const STREAM_ERROR_CONDITIONS = [
  'bad-format', // §4.9.3.1
  'bad-namespace-prefix', // §4.9.3.2
  'conflict', // §4.9.3.3
  'connection-timeout', // §4.9.3.4
  'host-gone', // §4.9.3.5
  'host-unknown', // §4.9.3.6
  'improper-addressing', // §4.9.3.7
  'internal-server-error', // §4.9.3.8
  'invalid-from', // §4.9.3.9
  'invalid-namespace', // §4.9.3.10
  'invalid-xml', // §4.9.3.11
  'not-authorized', // §4.9.3.12
  'not-well-formed', // §4.9.3.13
  'policy-violation', // §4.9.3.14
  'remote-connection-failed', // §4.9.3.15
  'reset', // §4.9.3.16
  'resource-constraint', // §4.9.3.17
  'restricted-xml', // §4.9.3.18
  'see-other-host', // §4.9.3.19
  'system-shutdown', // §4.9.3.20
  'undefined-condition', // §4.9.3.21
  'unsupported-encoding', // §4.9.3.22
  'unsupported-feature', // §4.9.3.23
  'unsupported-stanza-type', // §4.9.3.24
  'unsupported-version', // §4.9.3.25
] as const

export type StreamErrorCondition = (typeof STREAM_ERROR_CONDITIONS)[number]

const CONDITIONS: ReadonlySet<string> = new Set(STREAM_ERROR_CONDITIONS)

export function isStreamErrorCondition(name: string): name is StreamErrorCondition {
  return CONDITIONS.has(name)
}

export interface StreamErrorOptions {
  text?: string
  lang?: string
  appSpecific?: Element
  /**
   * For `see-other-host` (§4.9.3.19): the alternate host, `host`, `host:port` or
   * `[IPv6]:port`, carried as the condition element's text.
   */
  otherHost?: string
}

/** A stream error. The adapter sends {@link StreamError.toElement}, then closes the stream. */
export class StreamError extends Error {
  override readonly name = 'StreamError'
  readonly text: string | undefined
  readonly lang: string | undefined
  readonly appSpecific: Element | undefined
  readonly otherHost: string | undefined

  constructor(
    readonly condition: StreamErrorCondition,
    options: StreamErrorOptions = {},
  ) {
    super(options.text ? `${condition}: ${options.text}` : condition)
    this.text = options.text
    this.lang = options.lang
    this.appSpecific = options.appSpecific
    this.otherHost = options.otherHost
  }

  /**
   * `<stream:error>` (RFC 6120 §4.9.2). Over WebSocket it is sent as a complete element, with
   * the `stream` prefix declared on it (RFC 7395 §3.6.2 keeps the stream namespace).
   */
  toElement(): Element {
    const children: string[] =
      this.condition === 'see-other-host' && this.otherHost ? [this.otherHost] : []
    const error = new Element('stream:error', {}, NS_STREAMS, [
      new Element(this.condition, {}, NS_STREAM_ERRORS, children),
    ])
    if (this.text !== undefined) {
      const lang: Record<string, string> = this.lang ? { 'xml:lang': this.lang } : {}
      error.append(new Element('text', lang, NS_STREAM_ERRORS, [this.text]))
    }
    if (this.appSpecific) error.append(this.appSpecific)
    return error
  }

  /** Reads a `<stream:error>`; an unknown or missing condition is `undefined-condition`. */
  static fromElement(error: Element): StreamError {
    let condition: StreamErrorCondition = 'undefined-condition'
    const options: StreamErrorOptions = {}
    for (const child of error.getChildElements()) {
      if (child.ns === NS_STREAM_ERRORS && child.local === 'text') {
        options.text = child.text()
        const lang = child.attr('xml:lang')
        if (lang !== undefined) options.lang = lang
      } else if (child.ns === NS_STREAM_ERRORS && isStreamErrorCondition(child.local)) {
        condition = child.local
        if (condition === 'see-other-host' && child.text()) options.otherHost = child.text()
      } else if (child.ns !== NS_STREAM_ERRORS && options.appSpecific === undefined) {
        options.appSpecific = child
      }
    }
    return new StreamError(condition, options)
  }
}
