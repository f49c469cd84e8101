import type { Element } from './element'
import { XmlError } from './errors'
import { type ParserLimits, resolveLimits } from './limits'
import { type ParserOptions, WINDOW } from './options'
import { Tokenizer } from './tokenizer'
import { TreeBuilder, type TreeEvents } from './tree-builder'

/** Callbacks of a `StreamParser`; each one is optional. */
export interface StreamHandlers {
  /** The `<stream:stream>` start tag, with its attributes and declarations, and no children. */
  streamStart?(header: Element): void
  /** A complete first-level element (a stanza, `<stream:features/>`, a SASL element…). */
  element?(element: Element): void
  /** `</stream:stream>`. */
  streamEnd?(): void
  /** The first error, after which the parser ignores any input. Without it, `write` throws. */
  error?(error: XmlError): void
}

/**
 * A push parser for a classic XML stream (RFC 6120 §4): the stream header, then each
 * first-level element whole, then the stream end. Chunks may be cut anywhere — inside a name,
 * an entity, a UTF-8 sequence or a surrogate pair — with the same result as one chunk.
 *
 * An error is a stream error (RFC 6120 §4.9.1.1): it is reported once, then the parser is
 * closed. `reset()` starts a new stream on the same parser (stream restart, RFC 6120 §4.3.3).
 */
export class StreamParser {
  #limits: ParserLimits
  #tokenizer!: Tokenizer
  #builder!: TreeBuilder
  #decoder: TextDecoder | undefined
  #error: XmlError | undefined

  constructor(
    private readonly handlers: StreamHandlers,
    options: ParserOptions = {},
  ) {
    this.#limits = resolveLimits(options.limits)
    this.reset()
  }

  /** The error that closed the parser, if any. */
  get error(): XmlError | undefined {
    return this.#error
  }

  /** Forgets the current stream: the next input must open a new one. */
  reset(): void {
    const h = this.handlers
    const events: TreeEvents = {
      streamStart: (header) => h.streamStart?.(header),
      element: (element) => h.element?.(element),
      streamEnd: () => h.streamEnd?.(),
    }
    this.#builder = new TreeBuilder('stream', this.#limits, events)
    this.#tokenizer = new Tokenizer(this.#builder)
    this.#builder.positions = this.#tokenizer
    this.#decoder = undefined
    this.#error = undefined
  }

  /** Parses more input: text, or UTF-8 bytes (RFC 6120 §11.6) decoded strictly. */
  write(chunk: string | Uint8Array): void {
    if (this.#error) return
    try {
      this.#feed(typeof chunk === 'string' ? chunk : this.#decode(chunk, true))
    } catch (error) {
      this.#fail(error)
    }
  }

  /** The input is over: anything left unfinished is an error. */
  end(): void {
    if (this.#error) return
    try {
      if (this.#decoder) this.#feed(this.#decode(new Uint8Array(0), false))
      this.#tokenizer.end()
      this.#builder.finish()
      if (this.#builder.open) {
        throw new XmlError(
          'not-well-formed',
          this.#tokenizer.byteOffset(),
          'unexpected end of input',
        )
      }
    } catch (error) {
      this.#fail(error)
    }
  }

  #feed(text: string): void {
    const tokenizer = this.#tokenizer
    for (let i = 0; i < text.length; i += WINDOW) {
      tokenizer.write(text.length <= WINDOW ? text : text.slice(i, i + WINDOW))
      this.#builder.checkSize(tokenizer.byteOffset())
      tokenizer.checkHeld(this.#limits.maxStanzaBytes)
    }
  }

  #decode(bytes: Uint8Array, stream: boolean): string {
    this.#decoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
    try {
      return this.#decoder.decode(bytes, { stream })
    } catch {
      throw new XmlError('not-well-formed', this.#tokenizer.byteOffset(), 'invalid UTF-8')
    }
  }

  #fail(error: unknown): void {
    if (!(error instanceof XmlError)) throw error
    this.#error = error
    if (!this.handlers.error) throw error
    this.handlers.error(error)
  }
}
