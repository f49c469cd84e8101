// Account-side work runs one item at a time per account (RFC 6121's state machines are
// read-modify-write over the account's stores: two interleaved subscription stanzas must not
// lose an update). Stanzas are accepted without waiting for their processing, so an account
// handler that routes to another account, whose handler routes back, never waits on itself.
import type { Logger } from './module'

const resolved: Promise<void> = Promise.resolve()

type Work = () => Promise<unknown>

/**
 * One FIFO of work per account and one drain loop per non-empty FIFO. Measured on the router
 * benchmark: a chain of promises per account (`tail.then(work).then(done)`, with a Set of
 * in-flight promises for `idle()`) cost two promises, two closures and two hash-table updates
 * per stanza; this shape costs the work's own promise and an array slot. FIFOs are kept once
 * made (one per account this object serves): deleting a Map's last entry and adding it back
 * reallocates its table each time, which showed in the profile.
 */
export class AccountQueue {
  readonly #queues = new Map<string, { items: Work[]; draining: boolean }>()
  /** Items queued or running, over all accounts. */
  #pending = 0
  #idle: (() => void)[] = []

  constructor(private readonly log: Logger) {}

  /** Runs `work` after everything queued for `bare`; resolves with its result. */
  run<T>(bare: string, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#push(bare, async () => {
        try {
          resolve(await work())
        } catch (e) {
          reject(e)
        }
      })
    })
  }

  /** Queues `work` and returns at once (failures are logged). */
  enqueue(bare: string, work: () => Promise<void>): Promise<void> {
    this.#push(bare, work)
    return resolved
  }

  #push(bare: string, work: Work): void {
    this.#pending++
    let queue = this.#queues.get(bare)
    if (!queue) {
      queue = { items: [], draining: false }
      this.#queues.set(bare, queue)
    }
    queue.items.push(work)
    if (!queue.draining) {
      queue.draining = true
      void this.#drain(bare, queue)
    }
  }

  async #drain(bare: string, queue: { items: Work[]; draining: boolean }): Promise<void> {
    // Start on a later microtask, as a promise chain would: the caller returns first.
    await resolved
    const items = queue.items
    for (let work = items.shift(); work !== undefined; work = items.shift()) {
      try {
        await work()
      } catch (e) {
        this.log.error('account work failed', { account: bare, error: String(e) })
      }
      this.#pending--
    }
    // In the same microtask as the last (empty) shift: a push from now on starts a new drain.
    queue.draining = false
    if (this.#pending === 0) for (const wake of this.#idle.splice(0)) wake()
  }

  /** True while anything is queued or running. */
  get busy(): boolean {
    return this.#pending > 0
  }

  /** Resolves when nothing is queued or running any more. */
  idle(): Promise<void> {
    if (this.#pending === 0) return resolved
    return new Promise((resolve) => this.#idle.push(resolve))
  }
}
