// Full exchanges between our client and server for every mechanism, with the server state
// sent through JSON between messages as a hibernating Durable Object would.
import { describe, expect, test } from 'vitest'
import { clientFinish, clientStep, startClient } from './client'
import type { ClientCredentials } from './client-types'
import { type CredentialSet, deriveCredentialSet } from './credentials'
import { type Mechanism, SERVER_MECHANISMS } from './mechanisms'
import { abort, start, step } from './server'
import type { CredentialLookup, ServerOptions, ServerState, StepResult } from './server-types'

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')
const text = (s: string) => Buffer.from(s, 'base64').toString('utf8')
const hibernate = (state: ServerState): ServerState => JSON.parse(JSON.stringify(state))

const users = new Map<string, CredentialSet>()
for (const [name, password] of [
  ['alice', 'correct horse'],
  ['ştefan', 'pässwörd'],
  ['a,b=c', 'IX'],
]) {
  users.set(name!, await deriveCredentialSet(password!))
}
const lookup: CredentialLookup = async (username) => users.get(username)

/** Runs a whole exchange the way the router will, and returns the server's last result. */
async function login(
  mechanism: Mechanism,
  credentials: ClientCredentials,
  options: ServerOptions = {},
): Promise<StepResult & { transcript: string[] }> {
  const transcript: string[] = []
  let client = startClient(mechanism, credentials)
  let result = await step(start(mechanism), client.response, lookup, options)
  transcript.push(text(client.response))
  while ('challenge' in result) {
    transcript.push(text(result.challenge))
    client = await clientStep(client.state, result.challenge)
    transcript.push(text(client.response))
    result = await step(hibernate(result.state), client.response, lookup, options)
  }
  if ('success' in result) {
    clientFinish(client.state, result.success.additionalData)
    if (result.success.additionalData) transcript.push(text(result.success.additionalData))
  }
  return { ...result, transcript }
}

describe.each(SERVER_MECHANISMS)('%s round trip', (mechanism) => {
  test('succeeds with the right password and reports the prepared username', async () => {
    const result = await login(mechanism, { username: 'alice', password: 'correct horse' })
    expect(result).toMatchObject({
      state: { step: 'done', mechanism, outcome: 'success' },
      success: { username: 'alice', authzid: null },
    })
  })

  test('fails with not-authorized on a wrong password', async () => {
    const result = await login(mechanism, { username: 'alice', password: 'wrong horse' })
    expect(result.failure).toEqual({ condition: 'not-authorized' })
  })

  test('non-ASCII username and password go through SASLprep on both ends', async () => {
    // NFKC composes "s\u0327" to "ş" and "a\u0308" to "ä", as registered.
    const ok = await login(mechanism, { username: 's\u0327tefan', password: 'pa\u0308ssw\u00F6rd' })
    expect(ok.success?.username).toBe('ştefan')
    // "\u2168" (ROMAN NUMERAL NINE) prepares to "IX"; "," and "=" travel as =2C and =3D.
    const escaped = await login(mechanism, { username: 'a,b=c', password: '\u2168' })
    expect(escaped.success?.username).toBe('a,b=c')
    if (mechanism !== 'PLAIN') expect(escaped.transcript[0]).toMatch(/^n,,n=a=2Cb=3Dc,r=/)
  })

  test('an authzid equal to the username is accepted and reported', async () => {
    const result = await login(mechanism, {
      username: 'alice',
      password: 'correct horse',
      authzid: 'alice',
    })
    expect(result.success?.authzid).toBe('alice')
  })

  test('the authorize hook lets a bare JID authzid through (RFC 6120 §6.3.8)', async () => {
    const authorize = (username: string, authzid: string) => authzid === `${username}@example.com`
    const result = await login(
      mechanism,
      { username: 'alice', password: 'correct horse', authzid: 'alice@example.com' },
      { authorize },
    )
    expect(result.success).toEqual({
      username: 'alice',
      authzid: 'alice@example.com',
      additionalData: mechanism === 'PLAIN' ? null : expect.any(String),
    })
  })
})

describe('SCRAM details', () => {
  test('the exchange is client-first, server-first, client-final, server-final (RFC 5802 §5)', async () => {
    const { transcript } = await login('SCRAM-SHA-256', {
      username: 'alice',
      password: 'correct horse',
    })
    expect(transcript).toHaveLength(4)
    const [clientFirst, serverFirst, clientFinal, serverFinal] = transcript as [
      string,
      string,
      string,
      string,
    ]
    const cnonce = clientFirst.slice('n,,n=alice,r='.length)
    expect(serverFirst).toMatch(
      new RegExp(
        `^r=${cnonce.replace(/\+/g, '\\+')}[A-Za-z0-9+/]{24},s=[A-Za-z0-9+/]{22}==,i=4096$`,
      ),
    )
    expect(clientFinal).toMatch(/^c=biws,r=[^,]+,p=[A-Za-z0-9+/]{43}=$/)
    expect(serverFinal).toMatch(/^v=[A-Za-z0-9+/]{43}=$/)
  })

  test('without an initial response the server sends an empty challenge first (RFC 6120 §6.4.2)', async () => {
    const waiting = await step(start('SCRAM-SHA-1'), null, lookup)
    expect(waiting).toEqual({
      state: { step: 'await-initial', mechanism: 'SCRAM-SHA-1' },
      challenge: '',
    })
    const client = startClient('SCRAM-SHA-1', { username: 'alice', password: 'correct horse' })
    const first = await step(hibernate(waiting.state), client.response, lookup)
    const final = await clientStep(client.state, first.challenge!)
    const done = await step(hibernate(first.state), final.response, lookup)
    expect(done).toMatchObject({ success: { username: 'alice' } })
  })

  test('the GS2 flag "y" is accepted, echoed in c= as "eSws" (RFC 5802 §6)', async () => {
    const creds = users.get('alice')!
    const client = startClient('SCRAM-SHA-256', { username: 'alice', password: 'correct horse' })
    // Rewrite the client's header to "y,,": the client-final must then carry c=base64("y,,").
    const yFirst = b64(`y${text(client.response).slice(1)}`)
    const state = { ...client.state, gs2Header: 'y,,' } as typeof client.state
    const first = await step(start('SCRAM-SHA-256'), yFirst, () => creds)
    const final = await clientStep(state, first.challenge!)
    expect(text(final.response)).toMatch(/^c=eSws,/)
    expect(await step(first.state, final.response, () => creds)).toMatchObject({ success: {} })
  })

  test('a user without credentials for this hash is treated as unknown', async () => {
    const only1 = await deriveCredentialSet('pw', { mechanisms: ['SCRAM-SHA-1'] })
    const client = startClient('SCRAM-SHA-512', { username: 'bob', password: 'pw' })
    const first = await step(start('SCRAM-SHA-512'), client.response, () => only1)
    const final = await clientStep(client.state, first.challenge!)
    expect((await step(first.state, final.response, () => only1)).failure).toEqual({
      condition: 'not-authorized',
    })
  })
})

describe('an unknown user is indistinguishable from a wrong password', () => {
  const secret = 'test secret'
  const serverFirst = async (username: string, options: ServerOptions) => {
    const client = startClient('SCRAM-SHA-256', { username, password: 'x' }, { nonce: 'N' })
    const result = await step(start('SCRAM-SHA-256'), client.response, lookup, {
      ...options,
      nonce: () => 'S',
    })
    return text(result.challenge!)
  }

  test('server-first has the same shape, and the fake salt is deterministic per user and secret', async () => {
    const known = await serverFirst('alice', { secret })
    const unknown = await serverFirst('mallory', { secret })
    expect(known).toMatch(/^r=NS,s=[A-Za-z0-9+/]{22}==,i=4096$/)
    expect(unknown).toMatch(/^r=NS,s=[A-Za-z0-9+/]{22}==,i=4096$/)
    expect(await serverFirst('mallory', { secret })).toBe(unknown)
    expect(await serverFirst('mallory', { secret: 'another' })).not.toBe(unknown)
    expect(await serverFirst('trudy', { secret })).not.toBe(unknown)
  })

  test('the fake iteration count follows fakeIterations', async () => {
    expect(await serverFirst('mallory', { fakeIterations: 10_000 })).toMatch(/,i=10000$/)
  })

  test.each(SERVER_MECHANISMS)('%s gives the same failure for both', async (mechanism) => {
    const wrong = await login(mechanism, { username: 'alice', password: 'nope' }, { secret })
    const unknown = await login(mechanism, { username: 'mallory', password: 'nope' }, { secret })
    expect(unknown.failure).toEqual(wrong.failure)
    expect(unknown.state).toEqual(wrong.state)
  })
})

describe('replays', () => {
  test('a client-final replayed into a new exchange fails with malformed-request', async () => {
    const credentials = { username: 'alice', password: 'correct horse' }
    const client = startClient('SCRAM-SHA-256', credentials, { nonce: 'fixed-client-nonce' })
    const first = await step(start('SCRAM-SHA-256'), client.response, lookup)
    const final = await clientStep(client.state, first.challenge!)
    expect(await step(first.state, final.response, lookup)).toMatchObject({ success: {} })
    // Same client-first (same client nonce), so only the server nonce differs.
    const again = await step(start('SCRAM-SHA-256'), client.response, lookup)
    expect((await step(again.state, final.response, lookup)).failure).toEqual({
      condition: 'malformed-request',
      text: 'nonce differs from server-first (RFC 5802 §5.1)',
    })
  })

  test('a message after the outcome gets malformed-request, not a second success', async () => {
    const credentials = { username: 'alice', password: 'correct horse' }
    const client = startClient('SCRAM-SHA-1', credentials)
    const first = await step(start('SCRAM-SHA-1'), client.response, lookup)
    const final = await clientStep(client.state, first.challenge!)
    const done = await step(first.state, final.response, lookup)
    expect((await step(done.state, final.response, lookup)).failure?.condition).toBe(
      'malformed-request',
    )
  })
})

test('abort answers aborted at any point (RFC 6120 §6.4.5)', async () => {
  const client = startClient('SCRAM-SHA-256', { username: 'alice', password: 'correct horse' })
  const first = await step(start('SCRAM-SHA-256'), client.response, lookup)
  for (const state of [start('PLAIN'), first.state]) {
    expect(abort(state)).toEqual({
      state: { step: 'done', mechanism: state.mechanism, outcome: 'failure' },
      failure: { condition: 'aborted' },
    })
  }
})
