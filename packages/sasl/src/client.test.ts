import { describe, expect, test } from 'vitest'
import { chooseMechanism, clientFinish, clientStep, startClient } from './client'

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')
const text = (s: string) => Buffer.from(s, 'base64').toString('utf8')
const user = { username: 'user', password: 'pencil' }
const saslError = (condition: string) => expect.objectContaining({ name: 'SaslError', condition })

describe('chooseMechanism', () => {
  test('takes the strongest offered and never a -PLUS variant', () => {
    expect(chooseMechanism(['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256'])).toBe('SCRAM-SHA-256')
    expect(chooseMechanism(['SCRAM-SHA-512-PLUS', 'SCRAM-SHA-1'])).toBe('SCRAM-SHA-1')
    expect(chooseMechanism(['SCRAM-SHA-256-PLUS', 'X-OAUTH2'])).toBeNull()
    expect(chooseMechanism(['PLAIN', 'SCRAM-SHA-1'], ['PLAIN'])).toBe('PLAIN')
  })
})

describe('PLAIN client (RFC 4616 §2)', () => {
  test('sends [authzid] NUL authcid NUL passwd and expects an empty success', () => {
    const { state, response } = startClient('PLAIN', { ...user, authzid: 'user@example.com' })
    expect(text(response)).toBe('user@example.com\0user\0pencil')
    expect(text(startClient('PLAIN', user).response)).toBe('\0user\0pencil')
    expect(clientFinish(state, null)).toEqual({ step: 'done', mechanism: 'PLAIN' })
    expect(() => clientFinish(state, b64('surprise'))).toThrow(saslError('malformed-request'))
  })

  test('refuses a field containing NUL', () => {
    expect(() => startClient('PLAIN', { username: 'a\0b', password: 'p' })).toThrow(
      saslError('malformed-request'),
    )
  })

  test('PLAIN takes no challenge', async () => {
    const { state } = startClient('PLAIN', user)
    await expect(clientStep(state, '')).rejects.toThrow(saslError('malformed-request'))
  })
})

describe('SCRAM client', () => {
  const serverFirst = (rest: string) => b64(`r=abcSERVER,${rest}`)
  const first = () => startClient('SCRAM-SHA-256', user, { nonce: 'abc' })

  test('escapes "," and "=" in the username and authzid (RFC 5802 §5.1)', () => {
    const { response } = startClient(
      'SCRAM-SHA-1',
      { username: 'a,b=c', password: 'p', authzid: 'x=y,z' },
      { nonce: 'n' },
    )
    expect(text(response)).toBe('n,a=x=3Dy=2Cz,n=a=2Cb=3Dc,r=n')
  })

  test('an empty authzid is sent as none: "a=" needs at least one character (RFC 5802 §7)', () => {
    const { response } = startClient('SCRAM-SHA-1', { ...user, authzid: '' }, { nonce: 'n' })
    expect(text(response)).toBe('n,,n=user,r=n')
  })

  test('prepares the username as a query (RFC 5802 §5.1) and refuses an empty result', () => {
    expect(
      text(
        startClient('SCRAM-SHA-1', { username: '\u2168', password: 'p' }, { nonce: 'n' }).response,
      ),
    ).toBe('n,,n=IX,r=n')
    expect(() => startClient('SCRAM-SHA-1', { username: '\u00AD', password: 'p' })).toThrow(
      saslError('malformed-request'),
    )
    expect(() => startClient('SCRAM-SHA-1', { username: 'a\u0007', password: 'p' })).toThrow(
      expect.objectContaining({ name: 'SaslprepError' }),
    )
  })

  test('a default client nonce is 18 random bytes in base64, new each time', () => {
    const a = text(startClient('SCRAM-SHA-1', user).response)
    const b = text(startClient('SCRAM-SHA-1', user).response)
    expect(a).toMatch(/^n,,n=user,r=[A-Za-z0-9+/]{24}$/)
    expect(a).not.toBe(b)
  })

  test.each([
    ['a nonce that does not start with ours', b64('r=xyzSERVER,s=QSXCR+Q6sek8bf92,i=4096')],
    ['a nonce the server did not extend', b64('r=abc,s=QSXCR+Q6sek8bf92,i=4096')],
    ['no salt', serverFirst('i=4096')],
    ['a salt that is not base64', serverFirst('s=@@@@,i=4096')],
    ['an empty salt', serverFirst('s=,i=4096')],
    ['a zero iteration count', serverFirst('s=QSXCR+Q6sek8bf92,i=0')],
    ['a non-numeric iteration count', serverFirst('s=QSXCR+Q6sek8bf92,i=4k')],
    ['fewer than 4096 iterations (RFC 7677 §4)', serverFirst('s=QSXCR+Q6sek8bf92,i=4095')],
    ['more than maxIterations', serverFirst('s=QSXCR+Q6sek8bf92,i=1000001')],
    ['a mandatory extension (RFC 5802 §5.1)', b64('m=x,r=abcSERVER,s=QSXCR+Q6sek8bf92,i=4096')],
  ])('aborts on a server-first with %s', async (_, challenge) => {
    await expect(clientStep(first().state, challenge)).rejects.toThrow(
      saslError('malformed-request'),
    )
  })

  test('aborts on server data that is not base64 or not UTF-8', async () => {
    await expect(clientStep(first().state, 'r=abc')).rejects.toThrow(
      saslError('incorrect-encoding'),
    )
    const notUtf8 = Buffer.from([0xff]).toString('base64')
    await expect(clientStep(first().state, notUtf8)).rejects.toThrow(saslError('malformed-request'))
  })

  test('minIterations and maxIterations are options', async () => {
    const low = startClient('SCRAM-SHA-256', user, { nonce: 'abc', minIterations: 1 })
    const result = await clientStep(low.state, serverFirst('s=QSXCR+Q6sek8bf92,i=1'))
    expect(text(result.response)).toMatch(/^c=biws,r=abcSERVER,p=/)
  })

  test('a server-final with e= fails with not-authorized and the server error', async () => {
    const sent = await clientStep(first().state, serverFirst('s=QSXCR+Q6sek8bf92,i=4096'))
    expect(() => clientFinish(sent.state, b64('e=invalid-proof'))).toThrow(
      expect.objectContaining({
        condition: 'not-authorized',
        detail: 'server error: invalid-proof',
      }),
    )
  })

  test('a success without server-final fails: the server never proved itself', async () => {
    const sent = await clientStep(first().state, serverFirst('s=QSXCR+Q6sek8bf92,i=4096'))
    expect(() => clientFinish(sent.state, null)).toThrow(saslError('malformed-request'))
  })

  test('server-final as a challenge (pre-RFC 6120 servers), then an empty success', async () => {
    // RFC 5802 §5's exchange: the server-final arrives as a challenge instead of with success.
    const client = startClient('SCRAM-SHA-1', user, { nonce: 'fyko+d2lbbFgONRv9qkxdawL' })
    const final = await clientStep(
      client.state,
      b64('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096'),
    )
    const verified = await clientStep(final.state, b64('v=rmF9pqV8S7suAoZWja4dJRkFsKQ='))
    expect(verified).toEqual({
      state: { step: 'scram-verified', mechanism: 'SCRAM-SHA-1' },
      response: '',
    })
    expect(clientFinish(verified.state, null)).toEqual({ step: 'done', mechanism: 'SCRAM-SHA-1' })
    await expect(clientStep(verified.state, '')).rejects.toThrow(saslError('malformed-request'))
  })
})
