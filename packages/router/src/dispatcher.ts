// Hooks and event firing. Handlers run from the highest priority down; the first that returns
// true stops propagation (STYLE.md). Order never depends on the order modules are listed in:
// equal priorities run in the order they were hooked, which is deterministic per module list,
// but nothing should rely on it.
import type { Handler } from './events'

interface Hook {
  handler: Handler<unknown>
  priority: number
  module: string
}

export class Dispatcher {
  readonly #hooks = new Map<string, Hook[]>()

  add(name: string, handler: Handler<never>, priority: number, module: string): void {
    let list = this.#hooks.get(name)
    if (!list) {
      list = []
      this.#hooks.set(name, list)
    }
    list.push({ handler: handler as Handler<unknown>, priority, module })
    // Stable sort: equal priorities keep their hook order.
    list.sort((a, b) => b.priority - a.priority)
  }

  has(name: string): boolean {
    return (this.#hooks.get(name)?.length ?? 0) > 0
  }

  /** Fires an event; resolves true when a handler handled it. A throw propagates to the caller. */
  async fire(name: string, payload: unknown): Promise<boolean> {
    const list = this.#hooks.get(name)
    if (!list) return false
    for (const hook of list) {
      if ((await hook.handler(payload)) === true) return true
    }
    return false
  }
}
