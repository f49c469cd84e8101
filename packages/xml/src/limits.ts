/**
 * Resource limits, enforced while bytes arrive so that refusing never costs more than the
 * limit itself (RFC 6120 §13.12 asks servers to protect themselves against such abuse).
 */
export interface ParserLimits {
  /**
   * Largest top-level element (a stanza, or a whole RFC 7395 frame) in UTF-8 bytes, from its
   * `<` to its final `>`. Default 256 KiB, Prosody's `c2s_stanza_size_limit`.
   */
  maxStanzaBytes: number
  /** Deepest nesting inside a stanza; the stanza itself is depth 1. Default 64. */
  maxDepth: number
  /** Most attributes (namespace declarations included) on one element. Default 64. */
  maxAttributes: number
  /**
   * Most UTF-8 bytes of one start tag's attributes, counted as written from the tag's `<` to
   * the end of the last attribute (so the element name is included). Default 16 KiB.
   */
  maxAttributeBytes: number
}

export const DEFAULT_LIMITS: Readonly<ParserLimits> = Object.freeze({
  maxStanzaBytes: 256 * 1024,
  maxDepth: 64,
  maxAttributes: 64,
  maxAttributeBytes: 16 * 1024,
})

export function resolveLimits(limits: Partial<ParserLimits> | undefined): ParserLimits {
  return { ...DEFAULT_LIMITS, ...limits }
}
