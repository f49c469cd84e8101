// The Worker entry: a small hono app (STYLE.md "The adapter is thin"). Every WebSocket
// connection gets its own Session object; every account is an Account object.
import { Hono } from 'hono'
import { admin } from './admin'
import type { Env } from './env'
import { flag } from './env'
import { hostMeta } from './host-meta'
import { SUBPROTOCOL } from './session-object'

export const app = new Hono<{ Bindings: Env }>()

// Liveness probe for load balancers and the local dev loop.
app.get('/health', (c) => c.json({ status: 'ok', service: 'tercet' }))

// RFC 7395 §3.1: the opening handshake must ask for (and gets answered with) the "xmpp"
// subprotocol. TLS is the edge's business: plain ws:// only where allow_insecure is on.
app.get('/xmpp-websocket', (c) => {
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
    return c.text(
      'This is the XMPP-over-WebSocket endpoint (RFC 7395): connect with a WebSocket client.',
      426,
      {
        Upgrade: 'websocket',
      },
    )
  }
  const protocols = (c.req.header('Sec-WebSocket-Protocol') ?? '').split(',').map((p) => p.trim())
  if (!protocols.includes(SUBPROTOCOL)) {
    return c.text('The WebSocket subprotocol "xmpp" is required (RFC 7395 §3.1).', 400)
  }
  const secure =
    new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https'
  if (!secure && !flag(c.env.ALLOW_INSECURE)) {
    return c.text('Plain ws:// is refused: connect with wss://.', 403)
  }
  const session = c.env.SESSION.get(c.env.SESSION.newUniqueId())
  return session.fetch(c.req.raw)
})

app.route('/.well-known', hostMeta)
app.route('/admin', admin)

export default app
export { Account } from './account-object'
export { Session } from './session-object'
