import type { Element } from './element'
import { XmlError } from './errors'
import { resolveLimits } from './limits'
import { type ParserOptions, WINDOW } from './options'
import { Tokenizer } from './tokenizer'
import { TreeBuilder } from './tree-builder'

export interface FrameOptions extends ParserOptions {
  /**
   * The default namespace in scope around the frame, `''` (none) by default. Each RFC 7395
   * message is parsed on its own, so nothing is inherited unless the caller says so.
   */
  defaultNs?: string
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Parses one RFC 7395 WebSocket message: exactly one complete element (`<open/>`, `<close/>`
 * or a stanza), optionally preceded by an XML declaration, with nothing but whitespace around
 * it. Two roots, text outside the root or a partial element throw `XmlError`.
 */
export function parseFrame(
  data: string | ArrayBuffer | Uint8Array,
  options: FrameOptions = {},
): Element {
  const text = typeof data === 'string' ? data : decodeFrame(data)
  let root: Element | undefined
  const limits = resolveLimits(options.limits)
  const builder = new TreeBuilder(
    'frame',
    limits,
    {
      streamStart() {},
      element(element) {
        root = element
      },
      streamEnd() {},
    },
    options.defaultNs ?? '',
  )
  const tokenizer = new Tokenizer(builder)
  builder.positions = tokenizer
  if (text.length <= WINDOW) tokenizer.write(text)
  else {
    for (let i = 0; i < text.length; i += WINDOW) {
      tokenizer.write(text.slice(i, i + WINDOW))
      builder.checkSize(tokenizer.byteOffset())
      tokenizer.checkHeld(limits.maxStanzaBytes)
    }
  }
  tokenizer.end()
  builder.finish()
  if (root === undefined) {
    const reason = builder.open ? 'unexpected end of input' : 'no root element'
    throw new XmlError('not-well-formed', tokenizer.byteOffset(), reason)
  }
  return root
}

function decodeFrame(data: ArrayBuffer | Uint8Array): string {
  try {
    return decoder.decode(data)
  } catch {
    throw new XmlError('not-well-formed', 0, 'invalid UTF-8')
  }
}
