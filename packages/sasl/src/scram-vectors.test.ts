// The exchanges printed in RFC 5802 §5 (SCRAM-SHA-1) and RFC 7677 §3 (SCRAM-SHA-256), byte for
// byte, from both ends.
import { describe, expect, test } from 'vitest'
import { clientFinish, clientStep, startClient } from './client'
import { deriveCredentials } from './credentials'
import type { ScramMechanism } from './mechanisms'
import { start, step } from './server'
import type { StepResult } from './server-types'

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')
const text = (s: string) => Buffer.from(s, 'base64').toString('utf8')

interface Vector {
  mechanism: ScramMechanism
  clientNonce: string
  serverNonce: string
  salt: string
  clientFirst: string
  serverFirst: string
  clientFinal: string
  serverFinal: string
}

const VECTORS: [string, Vector][] = [
  [
    'RFC 5802 §5',
    {
      mechanism: 'SCRAM-SHA-1',
      clientNonce: 'fyko+d2lbbFgONRv9qkxdawL',
      serverNonce: '3rfcNHYJY1ZVvWVs7j',
      salt: 'QSXCR+Q6sek8bf92',
      clientFirst: 'n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL',
      serverFirst: 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096',
      clientFinal:
        'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
      serverFinal: 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=',
    },
  ],
  [
    'RFC 7677 §3',
    {
      mechanism: 'SCRAM-SHA-256',
      clientNonce: 'rOprNGfwEbeRWgbNEkqO',
      serverNonce: '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
      salt: 'W22ZaJ0SNY7soEsUEjb6gQ==',
      clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
      serverFirst:
        'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
      clientFinal:
        'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
      serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
    },
  ],
]

function challenge(result: StepResult): string {
  if (!('challenge' in result)) throw new Error(`expected a challenge: ${JSON.stringify(result)}`)
  return result.challenge
}

describe.each(VECTORS)('%s', (_, v) => {
  test('the server answers exactly server-first and server-final', async () => {
    const creds = await deriveCredentials('pencil', { mechanism: v.mechanism, salt: v.salt })
    const lookup = (username: string) => (username === 'user' ? { [v.mechanism]: creds } : null)
    const options = { nonce: () => v.serverNonce }
    const first = await step(start(v.mechanism), b64(v.clientFirst), lookup, options)
    expect(text(challenge(first))).toBe(v.serverFirst)
    const final = await step(first.state, b64(v.clientFinal), lookup, options)
    expect(final).toEqual({
      state: { step: 'done', mechanism: v.mechanism, outcome: 'success' },
      success: { username: 'user', authzid: null, additionalData: b64(v.serverFinal) },
    })
  })

  test('the client sends exactly client-first and client-final, and accepts server-final', async () => {
    const credentials = { username: 'user', password: 'pencil' }
    const first = startClient(v.mechanism, credentials, { nonce: v.clientNonce })
    expect(text(first.response)).toBe(v.clientFirst)
    const final = await clientStep(first.state, b64(v.serverFirst))
    expect(text(final.response)).toBe(v.clientFinal)
    expect(clientFinish(final.state, b64(v.serverFinal))).toEqual({
      step: 'done',
      mechanism: v.mechanism,
    })
  })

  test('the client refuses a server-final with one bit flipped', async () => {
    const credentials = { username: 'user', password: 'pencil' }
    const first = startClient(v.mechanism, credentials, { nonce: v.clientNonce })
    const final = await clientStep(first.state, b64(v.serverFirst))
    const signature = Buffer.from(v.serverFinal.slice(2), 'base64')
    signature[0]! ^= 1
    const forged = b64(`v=${signature.toString('base64')}`)
    expect(() => clientFinish(final.state, forged)).toThrow(
      expect.objectContaining({ name: 'SaslError', condition: 'not-authorized' }),
    )
  })
})
