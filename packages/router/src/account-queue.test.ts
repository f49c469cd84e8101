import { describe, expect, test } from 'vitest'
import { AccountQueue } from './account-queue'
import type { Logger } from './module'

function logger(lines: string[]): Logger {
  const note = (msg: string, data?: Record<string, unknown>) =>
    void lines.push(`${msg} ${JSON.stringify(data)}`)
  return { debug: note, info: note, warn: note, error: note }
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0))

describe('AccountQueue', () => {
  test('runs one account in order, one item at a time, while another account goes on', async () => {
    const q = new AccountQueue(logger([]))
    const seen: string[] = []
    let running = 0
    const item = (name: string) => async () => {
      expect(++running).toBe(1)
      await tick()
      seen.push(name)
      running--
    }
    const other: string[] = []
    for (const n of ['a1', 'a2', 'a3']) q.enqueue('a@x', item(n))
    q.enqueue('b@x', async () => void other.push('b1'))
    expect(q.busy).toBe(true)
    await q.idle()
    expect(seen).toEqual(['a1', 'a2', 'a3'])
    expect(other).toEqual(['b1'])
    expect(q.busy).toBe(false)
  })

  test('enqueue returns before the work starts', async () => {
    const q = new AccountQueue(logger([]))
    let started = false
    const accepted = q.enqueue('a@x', async () => {
      started = true
    })
    expect(started).toBe(false)
    await accepted
    await q.idle()
    expect(started).toBe(true)
  })

  test('a failing item is logged and the next one still runs', async () => {
    const lines: string[] = []
    const q = new AccountQueue(logger(lines))
    const seen: string[] = []
    q.enqueue('a@x', async () => {
      throw new Error('boom')
    })
    q.enqueue('a@x', async () => void seen.push('after'))
    await q.idle()
    expect(seen).toEqual(['after'])
    expect(lines).toEqual(['account work failed {"account":"a@x","error":"Error: boom"}'])
  })

  test('run resolves with the result or rejects with the error, in queue order', async () => {
    const q = new AccountQueue(logger([]))
    const order: string[] = []
    q.enqueue('a@x', async () => {
      await tick()
      order.push('first')
    })
    const ok = q.run('a@x', async () => {
      order.push('run')
      return 42
    })
    const bad = q.run('a@x', () => Promise.reject(new Error('no')))
    expect(await ok).toBe(42)
    await expect(bad).rejects.toThrow('no')
    expect(order).toEqual(['first', 'run'])
  })

  test('work queued by work, and work queued after a drain ended, both run', async () => {
    const q = new AccountQueue(logger([]))
    const seen: string[] = []
    q.enqueue('a@x', async () => {
      seen.push('outer')
      q.enqueue('a@x', async () => void seen.push('inner'))
    })
    await q.idle()
    q.enqueue('a@x', async () => void seen.push('later'))
    await q.idle()
    expect(seen).toEqual(['outer', 'inner', 'later'])
  })
})
