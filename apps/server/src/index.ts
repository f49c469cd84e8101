import { Hono } from 'hono'

// The Worker's bindings. Durable Object namespaces (Session, Account, Room) join here when the
// XMPP server lands; until then the Worker only proves it deploys and answers.
export type Env = Record<string, never>

export const app = new Hono<{ Bindings: Env }>()

// Liveness probe for load balancers and the local dev loop. Deliberately says nothing about
// XMPP: the WebSocket endpoint does not exist yet.
app.get('/health', (c) => c.json({ status: 'ok', service: 'tercet' }))

export default app
