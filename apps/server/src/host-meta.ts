// XEP-0156: discovering the WebSocket endpoint through host-meta (RFC 6415), in XRD and JRD,
// readable cross-origin so web clients on any origin can use it.
import { Hono } from 'hono'
import type { Env } from './env'

const WEBSOCKET_REL = 'urn:xmpp:alt-connections:websocket'

function endpoint(url: string): string {
  const u = new URL(url)
  const scheme = u.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${u.host}/xmpp-websocket`
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

export const hostMeta = new Hono<{ Bindings: Env }>()

hostMeta.use('*', async (c, next) => {
  await next()
  c.header('Access-Control-Allow-Origin', '*')
})

hostMeta.get('/host-meta', (c) =>
  c.body(
    `<?xml version="1.0" encoding="UTF-8"?>\n<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n` +
      `  <Link rel="${WEBSOCKET_REL}" href="${escapeAttr(endpoint(c.req.url))}"/>\n</XRD>\n`,
    200,
    { 'Content-Type': 'application/xrd+xml; charset=utf-8' },
  ),
)

hostMeta.get('/host-meta.json', (c) =>
  c.json({ links: [{ rel: WEBSOCKET_REL, href: endpoint(c.req.url) }] }),
)
