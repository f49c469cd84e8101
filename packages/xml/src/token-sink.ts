/**
 * What the tokenizer reports, one call per token; strings are sliced once per token. Byte
 * offsets for errors and limits are asked of `TokenPositions`, only when needed.
 *
 * A start tag comes either whole, through `startTag` (the tokenizer's fast path), or in pieces
 * as it arrives: `openTag`, `attribute` for each attribute, `openTagEnd`.
 */
export interface TokenSink {
  /** Where the fast path puts a start tag's attributes before calling `startTag`. */
  readonly attrNames: string[]
  readonly attrColons: number[]
  readonly attrValues: string[]
  /**
   * A whole start tag, its `count` attributes in the arrays above; `units` as for `attribute`.
   * False if declined, with nothing done: the tag is then fed again in pieces.
   */
  startTag(name: string, colon: number, count: number, units: number, selfClosing: boolean): boolean
  openTag(name: string, colon: number): void
  /**
   * `units`: code units from the tag's `<` to the end of this attribute, a cheap bound on the
   * bytes the attribute limit counts (at least one, at most three per code unit).
   */
  attribute(name: string, colon: number, value: string, units: number): void
  openTagEnd(selfClosing: boolean): void
  closeTag(name: string): void
  /** Character data, possibly in several pieces (a run may be cut at a chunk boundary). */
  text(text: string): void
  cdataStart(): void
  /** The name the next end tag must have, for an in-place comparison; undefined if none. */
  expectedEndTag(): string | undefined
}

/** Exact UTF-8 offsets from the start of the input, computed on demand. */
export interface TokenPositions {
  /** Offset of the `<` of the current tag or CDATA section. */
  tagStartByte(): number
  /** Offset where the current run of character data began, the same however input is cut. */
  textStartByte(): number
  /** Offset of the next code unit to be examined. */
  byteOffset(): number
}
