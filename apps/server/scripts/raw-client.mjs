// A raw XMPP-over-WebSocket client for the load benchmark and end-to-end tests: frames in and
// out over the `ws` package, and a SCRAM-SHA-1/-256 login (RFC 5802 §3, RFC 7677) on node:crypto.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto'
import { WebSocket } from 'ws'

const open = (domain) =>
  `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${domain}" version="1.0"/>`

/** A connection that hands out frames in order. */
export function connection(url) {
  const ws = new WebSocket(url, ['xmpp'])
  const queue = []
  const waiters = []
  const listeners = new Set()
  ws.on('message', (data) => {
    const frame = data.toString()
    for (const l of listeners) l(frame)
    const w = waiters.shift()
    if (w) w(frame)
    else queue.push(frame)
  })
  const opened = new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  return {
    ws,
    opened,
    send: (s) => ws.send(s),
    next: () =>
      queue.length ? Promise.resolve(queue.shift()) : new Promise((r) => waiters.push(r)),
    listeners,
  }
}

// SCRAM-SHA-256 client (RFC 5802 §3, RFC 7677), with node:crypto.
const b64 = (b) => Buffer.from(b).toString('base64')
const hmacWith = (hash, key, s) => createHmac(hash, key).update(s).digest()
export async function scramLogin(
  url,
  user,
  password,
  resource,
  domain = 'localhost',
  mechanism = 'SCRAM-SHA-256',
) {
  const hash = mechanism === 'SCRAM-SHA-1' ? 'sha1' : 'sha256'
  const size = hash === 'sha1' ? 20 : 32
  const c = connection(url)
  await c.opened
  c.send(open(domain))
  await c.next()
  await c.next()
  const nonce = b64(randomBytes(18))
  const clientFirstBare = `n=${user},r=${nonce}`
  c.send(
    `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="${mechanism}">${b64(`n,,${clientFirstBare}`)}</auth>`,
  )
  const challenge = Buffer.from(/>([^<]*)</.exec(await c.next())[1], 'base64').toString()
  const attrs = Object.fromEntries(challenge.split(',').map((kv) => [kv[0], kv.slice(2)]))
  const salted = pbkdf2Sync(password, Buffer.from(attrs.s, 'base64'), Number(attrs.i), size, hash)
  const clientKey = hmacWith(hash, salted, 'Client Key')
  const storedKey = createHash(hash).update(clientKey).digest()
  const withoutProof = `c=biws,r=${attrs.r}`
  const authMessage = `${clientFirstBare},${challenge},${withoutProof}`
  const signature = hmacWith(hash, storedKey, authMessage)
  const proof = Buffer.from(clientKey.map((byte, i) => byte ^ signature[i]))
  c.send(
    `<response xmlns="urn:ietf:params:xml:ns:xmpp-sasl">${b64(`${withoutProof},p=${b64(proof)}`)}</response>`,
  )
  const success = await c.next()
  if (!success.startsWith('<success')) throw new Error(`login failed: ${success}`)
  c.send(open(domain))
  await c.next()
  await c.next()
  c.send(
    `<iq xmlns="jabber:client" type="set" id="b"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>${resource}</resource></bind></iq>`,
  )
  await c.next()
  return c
}
