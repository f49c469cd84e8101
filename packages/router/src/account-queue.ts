// Account-side work runs one item at a time per account (RFC 6121's state machines are
// read-modify-write over the account's stores: two interleaved subscription stanzas must not
// lose an update). Stanzas are accepted without waiting for their processing, so an account
// handler that routes to another account, whose handler routes back, never waits on itself.
import type { Logger } from './module'

const resolved: Promise<void> = Promise.resolve()

export class AccountQueue {
  readonly #tails = new Map<string, Promise<unknown>>()
  readonly #inFlight = new Set<Promise<unknown>>()

  constructor(private readonly log: Logger) {}

  /** Runs `work` after everything queued for `bare`; resolves with its result. */
  run<T>(bare: string, work: () => Promise<T>): Promise<T> {
    const result = (this.#tails.get(bare) ?? resolved).then(work)
    this.#track(bare, result)
    return result
  }

  /** Queues `work` and returns at once (failures are logged). */
  enqueue(bare: string, work: () => Promise<void>): Promise<void> {
    this.#track(bare, (this.#tails.get(bare) ?? resolved).then(work))
    return resolved
  }

  /** Makes `result` the account's tail until it settles; a failure is logged, never thrown. */
  #track(bare: string, result: Promise<unknown>): void {
    const done = () => {
      this.#inFlight.delete(settled)
      if (this.#tails.get(bare) === settled) this.#tails.delete(bare)
    }
    const settled: Promise<void> = result.then(done, (e) => {
      this.log.error('account work failed', { account: bare, error: String(e) })
      done()
    })
    this.#tails.set(bare, settled)
    this.#inFlight.add(settled)
  }

  /** True while anything is queued or running. */
  get busy(): boolean {
    return this.#inFlight.size > 0
  }

  /** Resolves when nothing is queued or running any more. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight])
  }
}
