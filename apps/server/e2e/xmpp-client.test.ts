// End to end: `wrangler dev` started by the test, driven by @xmpp/client (a real client nobody
// here wrote) over real WebSockets.
import { execFileSync } from 'node:child_process'
import { client, xml } from '@xmpp/client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import { adminCreate, type DevServer, startDevServer } from '../scripts/dev-server.mjs'

// Node 20 has no global WebSocket; @xmpp/websocket uses the global one.
;(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket

let server: DevServer
const cli = new URL('../scripts/tercet.mjs', import.meta.url).pathname

beforeAll(async () => {
  server = await startDevServer()
  await adminCreate(server, 'alice@localhost', 'alice-secret')
  // bob is made by the CLI (`pnpm tercet user add`), over the same admin API.
  execFileSync('node', [cli, 'user', 'add', 'bob@localhost', 'bob-secret', '--url', server.url])
}, 90_000)

afterAll(async () => {
  await server?.stop()
})

type XmppClient = ReturnType<typeof client>

async function online(username: string, password: string, resource: string): Promise<XmppClient> {
  const xmpp = client({ service: server.wsUrl, domain: 'localhost', username, password, resource })
  xmpp.on('error', () => {})
  await xmpp.start()
  await xmpp.send(xml('presence'))
  return xmpp
}

/** Resolves with the next stanza matching `pick`. */
function nextStanza(xmpp: XmppClient, pick: (s: ReturnType<typeof xml>) => boolean, ms = 5000) {
  return new Promise<ReturnType<typeof xml>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for a stanza')), ms)
    const onStanza = (s: ReturnType<typeof xml>) => {
      if (!pick(s)) return
      clearTimeout(timer)
      xmpp.removeListener('stanza', onStanza)
      resolve(s)
    }
    xmpp.on('stanza', onStanza)
  })
}

describe('@xmpp/client against wrangler dev', () => {
  test('two users log in (SCRAM-SHA-1 chosen by the client) and chat both ways', async () => {
    const alice = await online('alice', 'alice-secret', 'phone')
    const bob = await online('bob', 'bob-secret', 'laptop')
    expect(alice.jid?.toString()).toBe('alice@localhost/phone')
    const toBob = nextStanza(bob, (s) => s.is('message'))
    await alice.send(
      xml(
        'message',
        { to: 'bob@localhost', type: 'chat', id: 'a1' },
        xml('body', {}, 'Hello Bob 👋'),
      ),
    )
    const m1 = await toBob
    expect([m1.attrs.from, m1.attrs.type, m1.getChildText('body')]).toEqual([
      'alice@localhost/phone',
      'chat',
      'Hello Bob 👋',
    ])
    const toAlice = nextStanza(alice, (s) => s.is('message'))
    await bob.send(
      xml(
        'message',
        { to: 'alice@localhost/phone', type: 'chat', id: 'b1' },
        xml('body', {}, 'Hi Alice'),
      ),
    )
    const m2 = await toAlice
    expect([m2.attrs.from, m2.getChildText('body')]).toEqual(['bob@localhost/laptop', 'Hi Alice'])
    await alice.stop()
    await bob.stop()
  }, 30_000)

  test('a wrong password is refused with not-authorized', async () => {
    const xmpp = client({
      service: server.wsUrl,
      domain: 'localhost',
      username: 'alice',
      password: 'nope',
    })
    xmpp.on('error', () => {})
    await expect(xmpp.start()).rejects.toMatchObject({ condition: 'not-authorized' })
    await xmpp.stop().catch(() => {})
  }, 30_000)
})
