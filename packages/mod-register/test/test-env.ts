// The conversation scripts' transport for Node: testHost() from @tercet/testing, in process.
import { clientXml, mismatch, type TestClient, testHost } from '@tercet/testing'
import { type Element, serialize } from '@tercet/xml'
import { register } from '../src/index'
import type { Client, Env } from './script'

export function testEnv(options: Record<string, unknown>): Env {
  const t = testHost({ modules: [register], options })
  return {
    domain: t.domain,
    connect: () => adapt(t.connect()),
    addUser: (user, password) => t.addUser(user, password),
  }
}

// Lets work the server queued behind the current input run (a session ends its own stream
// after the IQ that removed its account), as a real client waits for the next frame.
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

function adapt(c: TestClient): Client {
  const inbox: Element[] = []
  const take = async () => {
    await settle()
    inbox.push(...c.received())
    return inbox.shift()
  }
  return {
    send: (stanza) => c.send(stanza),
    next: async () => {
      const actual = await take()
      if (!actual) throw new Error('expected an element, but nothing was received')
      return actual
    },
    expect: async (expected) => {
      const want = clientXml(expected)
      const actual = await take()
      if (!actual) throw new Error(`expected ${serialize(want)}, but nothing was received`)
      const problem = mismatch(actual, want)
      if (problem) {
        throw new Error(
          `${problem}\n  got:      ${serialize(actual)}\n  expected: ${serialize(want)}`,
        )
      }
      return actual
    },
    expectNothing: async () => {
      await settle()
      inbox.push(...c.received())
      if (inbox.length > 0) {
        throw new Error(`expected nothing, got ${inbox.map((e) => serialize(e)).join('\n')}`)
      }
    },
    get closed() {
      return c.closed
    },
  }
}
