// Connection deadlines inside workerd (RFC 6120 §4.9.3.4 connection-timeout), with the test
// configuration's short deadlines (vitest.config.ts).
import { describe, expect, test } from 'vitest'
import { connect, OPEN } from './ws-client'

const timeoutError =
  '<stream:error xmlns:stream="http://etherx.jabber.org/streams"><connection-timeout xmlns="urn:ietf:params:xml:ns:xmpp-streams"/>'

describe('connection deadlines', () => {
  test('no <open/> in time: connection-timeout, then <close/>, then the socket closes', async () => {
    const c = await connect()
    expect(await c.next(5000)).toMatch(/^<open xmlns="urn:ietf:params:xml:ns:xmpp-framing"/)
    expect(await c.next(1000)).toMatch(new RegExp(`^${timeoutError}<text`))
    expect(await c.next(1000)).toBe('<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>')
    expect(await c.closed).toBe(1000)
  })
  test('opened but not authenticated in time: connection-timeout', async () => {
    const c = await connect()
    c.send(OPEN)
    await c.next()
    await c.next()
    const started = Date.now()
    expect(await c.next(6000)).toMatch(new RegExp(`^${timeoutError}<text`))
    expect(Date.now() - started).toBeGreaterThan(1000)
    expect(await c.closed).toBe(1000)
  })
})
