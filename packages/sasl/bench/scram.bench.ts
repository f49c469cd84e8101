// SCRAM-SHA-256 at 4096 iterations on WebCrypto, next to node:crypto's PBKDF2 in the same run.
// Run: pnpm --filter @tercet/sasl bench
//
// What runs PBKDF2 where: in SCRAM the client computes Hi (RFC 5802 §3) and the server only
// HMACs, so a SCRAM verification on the server does not depend on the iteration count. A
// server-side verification at 4096 iterations happens for PLAIN checked against SCRAM
// credentials, for deriveCredentials, and for the whole login (client + server).
import { pbkdf2, pbkdf2Sync } from 'node:crypto'
import { promisify } from 'node:util'
import { bench, describe } from 'vitest'
import {
  clientStep,
  deriveCredentialSet,
  deriveCredentials,
  type ServerOptions,
  start,
  startClient,
  step,
} from '../src/index'

const ITERATIONS = 4096
const password = 'correct horse battery staple'
const salt = new Uint8Array(16).fill(7)
const set = await deriveCredentialSet(password, {
  iterations: ITERATIONS,
  mechanisms: ['SCRAM-SHA-256'],
})
const lookup = () => set
const options: ServerOptions = { nonce: () => 'server-nonce' }
const user = { username: 'alice', password }

// One valid client-first/client-final pair for the fixed nonces, computed once.
const client = startClient('SCRAM-SHA-256', user, { nonce: 'client-nonce' })
const serverFirst = await step(start('SCRAM-SHA-256'), client.response, lookup, options)
const clientFinal = (await clientStep(client.state, serverFirst.challenge!)).response
const plain = Buffer.from(`\0alice\0${password}`).toString('base64')
const pbkdf2Async = promisify(pbkdf2)

async function serverScram(): Promise<void> {
  const first = await step(start('SCRAM-SHA-256'), client.response, lookup, options)
  const final = await step(first.state, clientFinal, lookup, options)
  if (!final.success) throw new Error('verification failed')
}

describe('server-side verification, SCRAM-SHA-256 credentials at 4096 iterations', () => {
  bench('SCRAM-SHA-256 exchange, server side only (WebCrypto, no PBKDF2 by design)', serverScram)
  bench('PLAIN checked against SCRAM-SHA-256 credentials (WebCrypto PBKDF2 4096)', async () => {
    const result = await step(start('PLAIN'), plain, lookup)
    if (!result.success) throw new Error('verification failed')
  })
  bench('full SCRAM-SHA-256 login, client + server (WebCrypto)', async () => {
    const c = startClient('SCRAM-SHA-256', user)
    const first = await step(start('SCRAM-SHA-256'), c.response, lookup)
    const final = await step(
      first.state,
      (await clientStep(c.state, first.challenge!)).response,
      lookup,
    )
    if (!final.success) throw new Error('login failed')
  })
  bench('baseline: node:crypto pbkdf2 (async, libuv pool) SHA-256 4096', async () => {
    await pbkdf2Async(password, salt, ITERATIONS, 32, 'sha256')
  })
  bench('baseline: node:crypto pbkdf2Sync SHA-256 4096', () => {
    pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha256')
  })
})

describe('PBKDF2-SHA-256, 4096 iterations', () => {
  bench('WebCrypto deriveBits (crypto.subtle)', async () => {
    const key = await crypto.subtle.importKey('raw', Buffer.from(password), 'PBKDF2', false, [
      'deriveBits',
    ])
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: ITERATIONS },
      key,
      256,
    )
  })
  bench('deriveCredentials SCRAM-SHA-256 (PBKDF2 + 2 HMAC + 1 hash)', async () => {
    await deriveCredentials(password, { mechanism: 'SCRAM-SHA-256', salt, iterations: ITERATIONS })
  })
  bench('baseline: node:crypto pbkdf2Sync', () => {
    pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha256')
  })
})
