// A per-session token bucket for inbound stanzas (abuse protection, issue "Limits and abuse").
// Its state lives in the session record, so it survives hibernation like everything else.
import type { Core } from './core'
import { option } from './core'
import type { SessionRecord } from './session'

export interface RateState {
  tokens: number
  /** When `tokens` was last computed (ms since the epoch). */
  at: number
  /** Stanzas refused in a row. */
  refused: number
}

export type RateVerdict = 'pass' | 'refuse' | 'close'

/**
 * Takes one token. `stanzaRate` tokens per second refill up to `stanzaBurst`; without a token
 * the stanza is refused (`resource-constraint`, type wait), and after `stanzaAbuse` refusals in a
 * row the stream is closed (`policy-violation`).
 */
export function takeToken(core: Core, session: SessionRecord, now = Date.now()): RateVerdict {
  const rate = option(core, 'stanzaRate', 50)
  const burst = option(core, 'stanzaBurst', 200)
  const abuse = option(core, 'stanzaAbuse', 100)
  const state: RateState = session.rate ?? { tokens: burst, at: now, refused: 0 }
  state.tokens = Math.min(burst, state.tokens + ((now - state.at) / 1000) * rate)
  state.at = now
  session.rate = state
  if (state.tokens >= 1) {
    state.tokens -= 1
    state.refused = 0
    return 'pass'
  }
  state.refused++
  return state.refused > abuse ? 'close' : 'refuse'
}
