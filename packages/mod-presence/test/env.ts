// The conversation environment over testHost(): the in-memory router, one host per session and
// one per account. A later environment runs the same conversations against the Worker.
import { defineModule, type Module } from '@tercet/router'
import { type TestClient, testHost } from '@tercet/testing'
import { type Element, parseFrame, serialize } from '@tercet/xml'
import type { Env } from './conversations'

const NS_INJECT = 'urn:x-tercet:test:inject'

// The injected stanza was written inside <inject/>: give it back the client namespace.
function asClient(el: Element): Element {
  if (el.ns === NS_INJECT) el.ns = 'jabber:client'
  for (const child of el.getChildElements()) asClient(child)
  return el
}

/**
 * Test-only stand-in for a peer server (there is no server-to-server yet): routes the stanza
 * inside `<inject/>` as the server would route one arriving from elsewhere, `from` and all.
 */
const injector = defineModule('test-injector', (mod) => {
  mod.hook(`iq-set/host/${NS_INJECT}:inject`, async (e) => {
    const inner = e.stanza.getChildElements()[0]!.getChildElements()[0]!
    await mod.route(parseFrame(serialize(asClient(inner))))
    return e.reply()
  })
})

export function memoryEnv(modules: readonly Module[], options?: Record<string, unknown>): Env {
  const t = testHost({ modules: [...modules, injector], ...(options ? { options } : {}) })
  let wire: TestClient | undefined
  return {
    domain: t.domain,
    login: (jid, opts) => t.login(jid, opts),
    addUser: (user, password) => t.addUser(user, password),
    async inject(stanza) {
      wire ??= await t.login('peer-server@example.test/wire')
      await wire.send(
        `<iq type="set" id="inject" to="example.test"><inject xmlns="${NS_INJECT}">${stanza}</inject></iq>`,
      )
      wire.received()
    },
  }
}
