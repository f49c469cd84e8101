// Reconnection delays: exponential backoff with jitter, so that every client dropped by one
// deploy does not come back in the same millisecond ("equal jitter": half fixed, half random).

export interface BackoffOptions {
  /** The first delay before jitter, in ms. */
  base?: number
  /** The ceiling before jitter, in ms. */
  max?: number
  /** A number in [0, 1); `Math.random` unless a test fixes it. */
  random?: () => number
}

/** The delay before reconnection attempt `attempt` (1 for the first retry), in ms. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { base = 1000, max = 30_000, random = Math.random } = options
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}
