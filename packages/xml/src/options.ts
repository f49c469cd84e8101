import type { ParserLimits } from './limits'

/** Options shared by `StreamParser` and `parseFrame`. */
export interface ParserOptions {
  /** Limits to enforce; unspecified ones take `DEFAULT_LIMITS`. */
  limits?: Partial<ParserLimits>
}

/**
 * Feeding at most this many code units at a time lets the stanza size limit be checked while a
 * huge chunk is scanned, so refusing it never costs more than the limit plus one window.
 */
export const WINDOW = 64 * 1024
