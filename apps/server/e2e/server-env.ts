// The transport-neutral environment of the IM modules' conversation scripts, over the real
// server: accounts through the admin API, clients over real WebSockets (SCRAM-SHA-256), stanza
// matching with @tercet/testing's namespace-aware comparison. There is no "delivery finished"
// signal on a real network, so send() waits until every connection has been quiet for a moment.
import { assertNothing, assertStanza, clientXml } from '@tercet/testing'
import { type Element, parseFrame, serialize } from '@tercet/xml'
import { DEV_ADMIN_TOKEN, type DevServer } from '../scripts/dev-server.mjs'
import { type RawConnection, scramLogin } from '../scripts/raw-client.mjs'

export interface Client {
  send(stanza: string): Promise<void>
  expect(stanza: string): Promise<Element>
  expectNothing(): void
  received(): Element[]
  disconnect(): Promise<void>
}

const QUIET_MS = 150
const WAIT_MS = 8000

export class ServerEnv {
  /** Presence is not what a script is about (message rules with the presence module loaded):
   * such scripts set this to leave presence stanzas out of the inboxes. */
  ignorePresence = false
  readonly #users = new Set<string>()
  readonly #connections: RawConnection[] = []
  #lastFrame = Date.now()

  constructor(
    private readonly server: DevServer,
    readonly domain: string,
  ) {}

  async addUser(user: string, password: string): Promise<void> {
    const res = await fetch(`${this.server.url}/admin/users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEV_ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ jid: `${user}@${this.domain}`, password }),
    })
    if (res.status !== 201 && res.status !== 409) throw new Error(`addUser ${user}: ${res.status}`)
    this.#users.add(user)
  }

  async login(
    jid: string,
    options: { password?: string; sendPresence?: boolean } = {},
  ): Promise<Client> {
    const [local, rest] = jid.split('@') as [string, string]
    const resource = rest.split('/')[1] ?? 'res'
    const password = options.password ?? 'password'
    if (!this.#users.has(local)) await this.addUser(local, password)
    const conn = await scramLogin(this.server.wsUrl, local, password, resource, this.domain)
    this.#connections.push(conn)
    const inbox: Element[] = []
    const waiting: ((e: Element) => void)[] = []
    conn.listeners.add((frame) => {
      this.#lastFrame = Date.now()
      const element = parseFrame(frame)
      if (this.ignorePresence && element.local === 'presence') return
      const w = waiting.shift()
      if (w) w(element)
      else inbox.push(element)
    })
    const client: Client = {
      send: async (stanza) => {
        conn.send(serialize(clientXml(stanza)))
        await this.settle()
      },
      expect: async (expected) => {
        const want = clientXml(expected)
        const actual =
          inbox.shift() ??
          (await new Promise<Element>((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`expected ${serialize(want)}, nothing came`)),
              WAIT_MS,
            )
            waiting.push((e) => {
              clearTimeout(timer)
              resolve(e)
            })
          }))
        return assertStanza(actual, want)
      },
      expectNothing: () => assertNothing(inbox),
      received: () => inbox.splice(0),
      disconnect: async () => {
        // A dead socket, no <close/>: the server must clean up (RFC 6121 §4.5.2).
        conn.ws.terminate()
        await this.settle()
      },
    }
    if (options.sendPresence) await client.send('<presence/>')
    return client
  }

  /** Waits until no connection has received anything for QUIET_MS (at most WAIT_MS). */
  async settle(): Promise<void> {
    const start = Date.now()
    await new Promise((r) => setTimeout(r, QUIET_MS))
    while (Date.now() - this.#lastFrame < QUIET_MS && Date.now() - start < WAIT_MS) {
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  /** Closes every connection and removes every account this environment made. */
  async reset(): Promise<void> {
    for (const c of this.#connections.splice(0)) c.ws.terminate()
    // Let the closed sessions' unavailable broadcasts land before the accounts go, so nothing
    // from this script reaches the next one's accounts of the same names.
    await new Promise((r) => setTimeout(r, 1000))
    for (const user of this.#users) {
      await fetch(
        `${this.server.url}/admin/users/${encodeURIComponent(`${user}@${this.domain}`)}`,
        {
          method: 'DELETE',
          headers: { Authorization: `Bearer ${DEV_ADMIN_TOKEN}` },
        },
      )
    }
    this.#users.clear()
    this.ignorePresence = false
  }
}
