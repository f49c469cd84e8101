import { createHash, createHmac, pbkdf2Sync } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import {
  DEFAULT_ITERATIONS,
  deriveCredentialSet,
  deriveCredentials,
  WORKERS_MAX_ITERATIONS,
} from './credentials'
import { SCRAM_MECHANISMS } from './mechanisms'

// An independent derivation on node:crypto (OpenSSL), RFC 5802 §3.
function reference(hash: string, bytes: number, password: string, salt: string, i: number) {
  const salted = pbkdf2Sync(password, Buffer.from(salt, 'base64'), i, bytes, hash)
  const clientKey = createHmac(hash, salted).update('Client Key').digest()
  return {
    storedKey: createHash(hash).update(clientKey).digest('base64'),
    serverKey: createHmac(hash, salted).update('Server Key').digest('base64'),
  }
}

describe('deriveCredentials', () => {
  test('RFC 5802 §5 credentials (SCRAM-SHA-1, "pencil", QSXCR+Q6sek8bf92, 4096)', async () => {
    const creds = await deriveCredentials('pencil', {
      mechanism: 'SCRAM-SHA-1',
      salt: 'QSXCR+Q6sek8bf92',
    })
    expect(creds).toEqual({
      salt: 'QSXCR+Q6sek8bf92',
      iterations: 4096,
      storedKey: '6dlGYMOdZcOPutkcNY8U2g7vK9Y=',
      serverKey: 'D+CSWLOshSulAsxiupA+qs2/fTE=',
    })
    expect(creds).toMatchObject(reference('sha1', 20, 'pencil', 'QSXCR+Q6sek8bf92', 4096))
  })

  test('RFC 7677 §3 credentials (SCRAM-SHA-256, "pencil", W22ZaJ0SNY7soEsUEjb6gQ==, 4096)', async () => {
    const creds = await deriveCredentials('pencil', {
      mechanism: 'SCRAM-SHA-256',
      salt: 'W22ZaJ0SNY7soEsUEjb6gQ==',
    })
    expect(creds).toEqual({
      salt: 'W22ZaJ0SNY7soEsUEjb6gQ==',
      iterations: 4096,
      storedKey: 'WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=',
      serverKey: 'wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=',
    })
  })

  test('SCRAM-SHA-512 matches node:crypto for a byte salt and a custom count', async () => {
    const salt = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])
    const creds = await deriveCredentials('pencil', {
      mechanism: 'SCRAM-SHA-512',
      salt,
      iterations: 10,
    })
    const b64 = Buffer.from(salt).toString('base64')
    expect(creds).toEqual({
      salt: b64,
      iterations: 10,
      ...reference('sha512', 64, 'pencil', b64, 10),
    })
  })

  test('defaults: 4096 iterations and 16 random bytes of salt, different each time', async () => {
    const a = await deriveCredentials('pencil', { mechanism: 'SCRAM-SHA-256' })
    const b = await deriveCredentials('pencil', { mechanism: 'SCRAM-SHA-256' })
    expect(DEFAULT_ITERATIONS).toBe(4096)
    expect(a.iterations).toBe(4096)
    expect(Buffer.from(a.salt, 'base64')).toHaveLength(16)
    expect(a.salt).not.toBe(b.salt)
    expect(a.storedKey).not.toBe(b.storedKey)
  })

  test('prepares the password with SASLprep first (RFC 5802 §2.2): "I\\u00ADX" and "\\u2168" agree', async () => {
    const options = { mechanism: 'SCRAM-SHA-256', salt: 'W22ZaJ0SNY7soEsUEjb6gQ==' } as const
    const ix = await deriveCredentials('IX', options)
    expect(await deriveCredentials('I\u00ADX', options)).toEqual(ix)
    expect(await deriveCredentials('\u2168', options)).toEqual(ix)
  })

  test('refuses passwords SASLprep refuses, unassigned code points included (stored string)', async () => {
    await expect(deriveCredentials('a\u0007', { mechanism: 'SCRAM-SHA-1' })).rejects.toThrow(
      expect.objectContaining({ name: 'SaslprepError', reason: 'prohibited' }),
    )
    await expect(deriveCredentials('a\u0221', { mechanism: 'SCRAM-SHA-1' })).rejects.toThrow(
      expect.objectContaining({ reason: 'unassigned' }),
    )
  })

  test.each([0, -1, 1.5, Number.NaN])('refuses %s iterations', async (iterations) => {
    await expect(deriveCredentials('p', { mechanism: 'SCRAM-SHA-1', iterations })).rejects.toThrow(
      RangeError,
    )
  })

  test.each(['', 'not base64!', 'Zh=='])('refuses the salt %j', async (salt) => {
    await expect(deriveCredentials('p', { mechanism: 'SCRAM-SHA-1', salt })).rejects.toThrow(
      RangeError,
    )
  })

  test('documents the Workers cap', () => {
    expect(WORKERS_MAX_ITERATIONS).toBe(100_000)
  })
})

describe('deriveCredentialSet', () => {
  test('derives every SCRAM hash by default, each with its own salt', async () => {
    const set = await deriveCredentialSet('pencil', { iterations: 1 })
    expect(Object.keys(set).sort()).toEqual([...SCRAM_MECHANISMS].sort())
    const salts = SCRAM_MECHANISMS.map((m) => set[m]!.salt)
    expect(new Set(salts).size).toBe(3)
    expect(Buffer.from(set['SCRAM-SHA-512']!.storedKey, 'base64')).toHaveLength(64)
    expect(set['SCRAM-SHA-1']!.iterations).toBe(1)
  })

  test('derives only the mechanisms asked for', async () => {
    const set = await deriveCredentialSet('pencil', { mechanisms: ['SCRAM-SHA-1'] })
    expect(Object.keys(set)).toEqual(['SCRAM-SHA-1'])
    expect(set['SCRAM-SHA-1']!.iterations).toBe(4096)
  })
})
