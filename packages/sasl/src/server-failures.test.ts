// Every RFC 6120 §6.5 condition the server produces, each from the input that must cause it.
import { describe, expect, test } from 'vitest'
import { clientStep, startClient } from './client'
import { deriveCredentialSet } from './credentials'
import type { SaslFailure } from './errors'
import type { Mechanism } from './mechanisms'
import { start, step } from './server'
import type { CredentialLookup, ServerOptions, ServerState, StepResult } from './server-types'

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')
const text = (s: string) => Buffer.from(s, 'base64').toString('utf8')

const creds = await deriveCredentialSet('pencil', { iterations: 4096 })
const lookup: CredentialLookup = (username) => (username === 'user' ? creds : null)

function failureOf(result: StepResult): SaslFailure {
  if (!('failure' in result)) throw new Error(`expected a failure: ${JSON.stringify(result)}`)
  expect(result.state).toEqual({
    step: 'done',
    mechanism: result.state.mechanism,
    outcome: 'failure',
  })
  return result.failure
}

const fails = async (
  state: ServerState,
  message: string | null,
  options: ServerOptions = {},
  find: CredentialLookup = lookup,
) => failureOf(await step(state, message, find, options))

/** The server state after a good client-first, and what the client would answer. */
async function atFinal(mechanism: Mechanism = 'SCRAM-SHA-256', nonce = 'cnonce') {
  const client = startClient(mechanism, { username: 'user', password: 'pencil' }, { nonce })
  const first = await step(start(mechanism), client.response, lookup, { nonce: () => 'snonce' })
  const final = await clientStep(client.state, first.challenge!)
  return { state: first.state, clientFinal: text(final.response) }
}

describe('invalid-mechanism (RFC 6120 §6.5.7)', () => {
  test.each(['DIGEST-MD5', 'SCRAM-SHA-256-PLUS', 'SCRAM-SHA-1-PLUS', 'plain', ''])(
    '%j is not offered',
    async (name) => {
      expect(await fails(start(name), b64('\0user\0pencil'))).toEqual({
        condition: 'invalid-mechanism',
      })
    },
  )

  test('a mechanism left out of StartOptions.mechanisms', async () => {
    const state = start('PLAIN', { mechanisms: ['SCRAM-SHA-256'] })
    expect(await fails(state, b64('\0user\0pencil'))).toEqual({ condition: 'invalid-mechanism' })
  })
})

describe('incorrect-encoding (RFC 6120 §6.5.5)', () => {
  const condition = { condition: 'incorrect-encoding', text: 'not base64 (RFC 4648 §4)' }
  test.each(['Zm9v Yg==', 'Zm9vYg', '!!!!', 'Zh=='])('initial response %j', async (bad) => {
    expect(await fails(start('PLAIN'), bad)).toEqual(condition)
    expect(await fails(start('SCRAM-SHA-1'), bad)).toEqual(condition)
  })

  test('a client-final that is not base64', async () => {
    const { state } = await atFinal()
    expect(await fails(state, 'c=biws,r=...')).toEqual(condition)
  })
})

describe('malformed-request (RFC 6120 §6.5.8)', () => {
  test('a message that is not UTF-8', async () => {
    const bad = Buffer.from([0x6e, 0x2c, 0x2c, 0xff]).toString('base64')
    expect(await fails(start('SCRAM-SHA-1'), bad)).toEqual({
      condition: 'malformed-request',
      text: 'not UTF-8 (RFC 3629)',
    })
  })

  test.each([
    ['no GS2 header at all', 'n=user,r=abc'],
    ['an unknown GS2 flag', 'x,,n=user,r=abc'],
    ['a GS2 authzid without a=', 'n,b=user,n=user,r=abc'],
    ['an empty a=', 'n,a=,n=user,r=abc'],
    ['"=" not followed by 2C or 3D in a=', 'n,a=us=er,n=user,r=abc'],
    ['the non-standard GS2 flag "F"', 'F,n,,n=user,r=abc'],
  ])('bad GS2 header: %s', async (_, message) => {
    expect((await fails(start('SCRAM-SHA-256'), b64(message))).condition).toBe('malformed-request')
  })

  test('GS2 flag "p" is refused: no channel binding without -PLUS (RFC 5802 §6)', async () => {
    expect(await fails(start('SCRAM-SHA-256'), b64('p=tls-exporter,,n=user,r=abc'))).toEqual({
      condition: 'malformed-request',
      text: 'channel-binding-not-supported: GS2 flag "p" with a non-PLUS mechanism (RFC 5802 §6)',
    })
  })

  test.each([
    ['missing n=', 'n,,r=abc'],
    ['missing r=', 'n,,n=user'],
    ['attributes out of order', 'n,,r=abc,n=user'],
    ['an empty nonce', 'n,,n=user,r='],
    ['a nonce with a non-printable character', 'n,,n=user,r=a\u00e9b'],
    ['an empty username', 'n,,n=,r=abc'],
    ['"=" not followed by 2C or 3D in n= (RFC 5802 §5.1)', 'n,,n=us=2Xer,r=abc'],
    ['a mandatory extension m= (RFC 5802 §5.1)', 'n,,m=ext,n=user,r=abc'],
    ['a part that is not attr=value', 'n,,n=user,r=abc,junk'],
    ['a username SASLprep refuses', 'n,,n=us\u0007er,r=abc'],
    ['an empty message', ''],
  ])('client-first with %s', async (_, message) => {
    const msg = message === '' ? '=' : b64(message)
    expect((await fails(start('SCRAM-SHA-256'), msg)).condition).toBe('malformed-request')
  })

  test('client-first extensions after the nonce are ignored (RFC 5802 §7)', async () => {
    const result = await step(start('SCRAM-SHA-256'), b64('n,,n=user,r=abc,x=ext'), lookup)
    expect('challenge' in result).toBe(true)
  })

  test.each([
    ['missing c=', (f: string) => f.replace(/^c=biws,/, '')],
    ['missing r=', (f: string) => f.replace(/,r=[^,]+/, '')],
    ['missing p=', (f: string) => f.replace(/,p=.*$/, '')],
    ['p= before r=', (f: string) => f.replace(/^(c=biws),(r=[^,]+),(p=.*)$/, '$1,$3,$2')],
    ['c= of another GS2 header', (f: string) => f.replace(/^c=biws/, 'c=eSws')],
    ['c= that is not base64', (f: string) => f.replace(/^c=biws/, 'c=b!ws')],
    ['p= that is not base64', (f: string) => f.replace(/,p=.*$/, ',p=not base64')],
    ['a mandatory extension m=', (f: string) => f.replace(/,p=/, ',m=x,p=')],
    ['a nonce without the server part', (f: string) => f.replace(/,r=[^,]+/, ',r=cnonce')],
    [
      'a nonce that does not start with the client nonce',
      (f: string) => f.replace(/,r=[^,]+/, ',r=Xcnoncesnonce'),
    ],
  ])('client-final with %s', async (_, change) => {
    const { state, clientFinal } = await atFinal()
    expect((await fails(state, b64(change(clientFinal)))).condition).toBe('malformed-request')
  })

  test.each([
    ['no NUL at all', 'userpencil'],
    ['one NUL', 'user\0pencil'],
    ['three NULs', '\0user\0pencil\0'],
    ['an empty authcid', 'user\0\0pencil'],
    ['an empty password', '\0user\0'],
    ['a zero-length response', ''],
    ['an authcid SASLprep refuses', '\0us\u0007er\0pencil'],
  ])('PLAIN with %s (RFC 4616 §2)', async (_, message) => {
    const msg = message === '' ? '=' : b64(message)
    expect((await fails(start('PLAIN'), msg)).condition).toBe('malformed-request')
  })
})

describe('not-authorized (RFC 6120 §6.5.10)', () => {
  test('a wrong SCRAM proof', async () => {
    const { state, clientFinal } = await atFinal()
    const proof = Buffer.from(clientFinal.split(',p=')[1]!, 'base64')
    proof[3]! ^= 0x40
    const forged = clientFinal.replace(/,p=.*$/, `,p=${proof.toString('base64')}`)
    expect(await fails(state, b64(forged))).toEqual({ condition: 'not-authorized' })
  })

  test('a SCRAM proof of the wrong length', async () => {
    const { state, clientFinal } = await atFinal()
    expect(await fails(state, b64(clientFinal.replace(/,p=.*$/, ',p=AAAA')))).toEqual({
      condition: 'not-authorized',
    })
  })

  test('a PLAIN password with a character SASLprep refuses cannot match', async () => {
    expect(await fails(start('PLAIN'), b64('\0user\0pen\u0007cil'))).toEqual({
      condition: 'not-authorized',
    })
  })

  test('wrong PLAIN password, and unknown PLAIN user', async () => {
    expect(await fails(start('PLAIN'), b64('\0user\0pencils'))).toEqual({
      condition: 'not-authorized',
    })
    expect(await fails(start('PLAIN'), b64('\0nobody\0pencil'))).toEqual({
      condition: 'not-authorized',
    })
  })
})

describe('invalid-authzid (RFC 6120 §6.5.6), decided only after authentication', () => {
  test('PLAIN: another identity, with the right password', async () => {
    expect(await fails(start('PLAIN'), b64('admin\0user\0pencil'))).toEqual({
      condition: 'invalid-authzid',
    })
  })

  test('PLAIN: another identity with a wrong password is just not-authorized', async () => {
    expect(await fails(start('PLAIN'), b64('admin\0user\0wrong'))).toEqual({
      condition: 'not-authorized',
    })
  })

  test('SCRAM: a=admin, with the right password', async () => {
    const client = startClient('SCRAM-SHA-1', {
      username: 'user',
      password: 'pencil',
      authzid: 'admin',
    })
    const first = await step(start('SCRAM-SHA-1'), client.response, lookup)
    const final = await clientStep(client.state, first.challenge!)
    expect(await fails(first.state, final.response)).toEqual({ condition: 'invalid-authzid' })
  })

  test('the authorize hook can refuse what the default would allow', async () => {
    const options = { authorize: () => false }
    expect(await fails(start('PLAIN'), b64('user\0user\0pencil'), options)).toEqual({
      condition: 'invalid-authzid',
    })
  })
})

describe('temporary-auth-failure (RFC 6120 §6.5.11)', () => {
  const broken: CredentialLookup = () => Promise.reject(new Error('storage is down'))

  test.each(['PLAIN', 'SCRAM-SHA-256'] as const)('%s when the lookup throws', async (mechanism) => {
    const client = startClient(mechanism, { username: 'user', password: 'pencil' })
    expect(await fails(start(mechanism), client.response, {}, broken)).toEqual({
      condition: 'temporary-auth-failure',
    })
  })

  test('PLAIN when stored credentials are corrupt', async () => {
    const corrupt = { 'SCRAM-SHA-256': { ...creds['SCRAM-SHA-256']!, salt: '!!' } }
    expect(await fails(start('PLAIN'), b64('\0user\0pencil'), {}, () => corrupt)).toEqual({
      condition: 'temporary-auth-failure',
    })
  })

  test('SCRAM when the state carries keys that are not base64', async () => {
    const { state, clientFinal } = await atFinal()
    const damaged = { ...state, storedKey: '!' } as ServerState
    expect(await fails(damaged, b64(clientFinal))).toEqual({ condition: 'temporary-auth-failure' })
  })
})
