// A minimal XMPP-over-WebSocket test client for workerd tests: frames in, frames out.
import { exports } from 'cloudflare:workers'

export interface Frames {
  send(frame: string): void
  /** The next frame from the server (waits up to `ms`). */
  next(ms?: number): Promise<string>
  /** The next frame that starts with `prefix`, skipping others (presence broadcasts …). */
  nextMatching(prefix: string, ms?: number): Promise<string>
  /** Resolves when the server closed the socket. */
  closed: Promise<number>
  /** Closes from the client side and waits for the server's closing handshake. */
  close(): Promise<number>
}

export async function connect(host = 'localhost'): Promise<Frames> {
  const res = await exports.default.fetch(`http://${host}/xmpp-websocket`, {
    headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': 'xmpp' },
  })
  const ws = res.webSocket
  if (!ws) throw new Error(`no WebSocket: ${res.status} ${await res.text()}`)
  ws.accept()
  const queue: string[] = []
  const waiting: ((frame: string) => void)[] = []
  let onClose: (code: number) => void = () => {}
  const closed = new Promise<number>((resolve) => {
    onClose = resolve
  })
  ws.addEventListener('message', (event) => {
    const frame = typeof event.data === 'string' ? event.data : '[binary]'
    const w = waiting.shift()
    if (w) w(frame)
    else queue.push(frame)
  })
  ws.addEventListener('close', (event) => onClose(event.code))
  const frames: Frames = {
    send: (frame) => ws.send(frame),
    next: (ms = 2000) =>
      new Promise<string>((resolve, reject) => {
        const queued = queue.shift()
        if (queued !== undefined) return resolve(queued)
        const timer = setTimeout(() => reject(new Error('timed out waiting for a frame')), ms)
        waiting.push((frame) => {
          clearTimeout(timer)
          resolve(frame)
        })
      }),
    async nextMatching(prefix, ms = 2000) {
      for (;;) {
        const frame = await frames.next(ms)
        if (frame.startsWith(prefix)) return frame
      }
    },
    closed,
    close: () => {
      ws.close(1000, 'bye')
      return closed
    },
  }
  return frames
}

export const OPEN =
  '<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0"/>'
export const plainAuth = (user: string, password: string) =>
  `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${btoa(`\0${user}\0${password}`)}</auth>`

/** Opens, authenticates with PLAIN, restarts and binds; returns the bound JID. */
export async function login(
  c: Frames,
  user: string,
  password: string,
  resource: string,
): Promise<string> {
  c.send(OPEN)
  await c.next()
  await c.next()
  c.send(plainAuth(user, password))
  const success = await c.next()
  if (!success.startsWith('<success')) throw new Error(`login failed: ${success}`)
  c.send(OPEN)
  await c.next()
  await c.next()
  c.send(
    `<iq xmlns="jabber:client" type="set" id="bind"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>${resource}</resource></bind></iq>`,
  )
  const bound = await c.next()
  const jid = /<jid>([^<]+)<\/jid>/.exec(bound)?.[1]
  if (!jid) throw new Error(`bind failed: ${bound}`)
  return jid
}

export async function createUser(jid: string, password: string): Promise<void> {
  const res = await exports.default.fetch('http://localhost/admin/users', {
    method: 'POST',
    headers: { Authorization: 'Bearer tercet-dev-admin-token', 'Content-Type': 'application/json' },
    body: JSON.stringify({ jid, password }),
  })
  if (res.status !== 201) throw new Error(`createUser ${jid}: ${res.status} ${await res.text()}`)
}
