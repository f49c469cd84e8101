// The admin API: create, delete and re-password accounts, behind a bearer token (a wrangler
// secret in production; a documented fixed token in local dev). The CLI (`pnpm tercet`) uses it.
import { JidError, parseJid } from '@tercet/jid'
import { DEFAULT_ITERATIONS, deriveCredentialSet } from '@tercet/sasl'
import { Hono } from 'hono'
import type { Env } from './env'
import { domainOf } from './host-config'

export const admin = new Hono<{ Bindings: Env }>()

function timingSafeEqualText(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a)
  const y = new TextEncoder().encode(b)
  let diff = x.length ^ y.length
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0)
  return diff === 0
}

admin.use('*', async (c, next) => {
  const token = c.env.ADMIN_TOKEN
  const given = c.req.header('Authorization')?.replace(/^Bearer\s+/i, '') ?? ''
  if (!token) return c.json({ error: 'the admin API is disabled: set the ADMIN_TOKEN secret' }, 503)
  if (!timingSafeEqualText(given, token)) return c.json({ error: 'unauthorized' }, 401)
  await next()
})

/** The account's localpart, when `jid` is a bare JID of the served domain. */
function accountOf(env: Env, jid: string): string | { error: string } {
  try {
    const parsed = parseJid(jid)
    if (parsed.domain !== domainOf(env)) return { error: `this server serves ${domainOf(env)}` }
    if (!parsed.local || !parsed.isBare) return { error: 'expected a bare JID: user@domain' }
    return parsed.local
  } catch (e) {
    if (e instanceof JidError) return { error: `${e.part}: ${e.reason}` }
    throw e
  }
}

async function credentialsFor(env: Env, password: unknown) {
  if (typeof password !== 'string' || password.length === 0) return undefined
  return deriveCredentialSet(password, {
    iterations: Number(env.SCRAM_ITERATIONS) || DEFAULT_ITERATIONS,
  })
}

const stubOf = (env: Env, user: string) => env.ACCOUNT.getByName(`${user}@${domainOf(env)}`)

admin.post('/users', async (c) => {
  const body = await c.req
    .json<{ jid?: string; password?: string }>()
    .catch(() => ({}) as { jid?: string })
  const user = accountOf(c.env, String(body.jid ?? ''))
  if (typeof user !== 'string') return c.json(user, 400)
  const credentials = await credentialsFor(c.env, (body as { password?: unknown }).password)
  if (!credentials) return c.json({ error: 'a non-empty password is required' }, 400)
  if (!(await stubOf(c.env, user).create(credentials)))
    return c.json({ error: 'the account exists' }, 409)
  return c.json({ jid: `${user}@${domainOf(c.env)}` }, 201)
})

admin.put('/users/:jid/password', async (c) => {
  const user = accountOf(c.env, c.req.param('jid'))
  if (typeof user !== 'string') return c.json(user, 400)
  const body = await c.req.json<{ password?: string }>().catch(() => ({}))
  const credentials = await credentialsFor(c.env, (body as { password?: unknown }).password)
  if (!credentials) return c.json({ error: 'a non-empty password is required' }, 400)
  const stub = stubOf(c.env, user)
  if (!(await stub.exists())) return c.json({ error: 'no such account' }, 404)
  await stub.setCredentials(credentials)
  return c.json({ jid: `${user}@${domainOf(c.env)}` })
})

admin.delete('/users/:jid', async (c) => {
  const user = accountOf(c.env, c.req.param('jid'))
  if (typeof user !== 'string') return c.json(user, 400)
  const stub = stubOf(c.env, user)
  if (!(await stub.exists())) return c.json({ error: 'no such account' }, 404)
  await stub.remove()
  return c.body(null, 204)
})
