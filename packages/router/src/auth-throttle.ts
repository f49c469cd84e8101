// Per-account throttling of failed authentications, across all connections (issue "Limits and
// abuse"): after `failures` wrong passwords within `windowMs`, attempts are refused for a delay
// that doubles with every further failure (capped), then allowed again. State is plain JSON so
// an Account object can keep it in storage.

export interface ThrottleState {
  /** Times (ms) of recent failures, oldest first. */
  failures: number[]
  /** No attempt is allowed before this time (ms). */
  lockedUntil: number
}

export interface ThrottleOptions {
  failures?: number
  windowMs?: number
  baseDelayMs?: number
  maxDelayMs?: number
}

export function newThrottle(): ThrottleState {
  return { failures: [], lockedUntil: 0 }
}

/** May the account try to authenticate now? */
export function throttleAllows(state: ThrottleState, now = Date.now()): boolean {
  return now >= state.lockedUntil
}

/** Records a verdict; a success clears the record (the real owner got in). */
export function throttleRecord(
  state: ThrottleState,
  success: boolean,
  options: ThrottleOptions = {},
  now = Date.now(),
): ThrottleState {
  if (success) return newThrottle()
  const limit = options.failures ?? 5
  const windowMs = options.windowMs ?? 60_000
  const failures = [...state.failures.filter((t) => now - t < windowMs), now]
  let lockedUntil = state.lockedUntil
  if (failures.length >= limit) {
    // 1 s after the 5th failure in the window, 2 s after the 6th, … up to maxDelayMs.
    const excess = failures.length - limit
    const delay = Math.min(
      (options.baseDelayMs ?? 1000) * 2 ** excess,
      options.maxDelayMs ?? 300_000,
    )
    lockedUntil = now + delay
  }
  return { failures, lockedUntil }
}
