import { h } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { type ConnectionStatus, XmppClient } from './client'
import { type FakeServerOptions, FakeSocket, manualTimers, settle } from './fake-server.test-util'

function setup(server: FakeServerOptions = {}) {
  const timers = manualTimers()
  const statuses: ConnectionStatus[] = []
  const sockets: FakeSocket[] = []
  const online: [string, boolean][] = []
  const traffic: string[] = []
  const client = new XmppClient(
    {
      status: (s) => statuses.push(s),
      online: (jid, resumed) => online.push([jid, resumed]),
      stanza: () => {},
      traffic: (dir, el) => traffic.push(`${dir} ${typeof el === 'string' ? el : el.local}`),
    },
    {
      socket: (url) => {
        const s = new FakeSocket(url, server)
        sockets.push(s)
        return s
      },
      discover: async (domain) =>
        domain === 'localhost' ? 'ws://127.0.0.1:8787/xmpp-websocket' : undefined,
      random: () => 0,
      now: timers.now,
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
    },
  )
  const login = {
    local: 'alice',
    domain: 'localhost',
    password: 'secret',
    resource: 'web',
    register: false,
  }
  return { client, statuses, sockets, online, traffic, timers, login }
}

describe('XmppClient', () => {
  test('discovers the endpoint, logs in, binds', async () => {
    const t = setup()
    await t.client.connect(t.login)
    await settle()
    expect(t.statuses.map((s) => s.state)).toEqual(['discovering', 'connecting', 'online'])
    expect(t.sockets[0]!.url).toBe('ws://127.0.0.1:8787/xmpp-websocket')
    expect(t.online).toEqual([['alice@localhost/web', false]])
    expect(t.traffic.slice(0, 4)).toEqual(['out open', 'in open', 'in features', 'out auth'])
  })

  test('no endpoint found: a clear error, no socket', async () => {
    const t = setup()
    await t.client.connect({ ...t.login, domain: 'example.org' })
    const last = t.statuses.at(-1)!
    expect(last.state === 'failed' && last.error.kind).toBe('no-endpoint')
    expect(t.sockets).toHaveLength(0)
  })

  test('server unreachable at first login: failed, no retry', async () => {
    const t = setup({ unreachable: true })
    await t.client.connect({ ...t.login, url: 'ws://127.0.0.1:9/xmpp-websocket' })
    await settle()
    const last = t.statuses.at(-1)!
    expect(last.state).toBe('failed')
    expect(last.state === 'failed' && last.error.message).toBe(
      'Server unreachable: could not open ws://127.0.0.1:9/xmpp-websocket.',
    )
    expect(t.timers.pending()).toEqual([])
  })

  test('wrong password: failed, not-authorized', async () => {
    const t = setup({ password: 'other' })
    await t.client.connect(t.login)
    await settle()
    const last = t.statuses.at(-1)!
    expect(last.state === 'failed' && last.error.kind).toBe('not-authorized')
  })

  test('unknown host: the stream error is reported', async () => {
    const t = setup({ domain: 'localhost' })
    await t.client.connect({ ...t.login, domain: 'nowhere.test', url: 'ws://127.0.0.1:8787/x' })
    await settle()
    const last = t.statuses.at(-1)!
    expect(last.state === 'failed' && last.error.kind).toBe('host-unknown')
  })

  test('a dropped session reconnects with growing, jittered delays and says so', async () => {
    const t = setup()
    await t.client.connect(t.login)
    await settle()
    t.sockets[0]!.drop()
    await settle()
    let last = t.statuses.at(-1)!
    expect(last).toMatchObject({
      state: 'reconnecting',
      attempt: 1,
      reason: 'The connection to the server was lost.',
    })
    expect(t.timers.pending()).toEqual([500]) // attempt 1, random 0 → half of 1 s
    t.timers.advance(500)
    await settle()
    expect(t.online.at(-1)).toEqual(['alice@localhost/web', true])
    // Two failures in a row back off further.
    t.sockets[1]!.drop()
    await settle()
    t.timers.advance(500)
    t.sockets[2]!.drop()
    await settle()
    last = t.statuses.at(-1)!
    expect(last).toMatchObject({ state: 'reconnecting', attempt: 2 })
    expect(t.timers.pending()).toEqual([1000])
  })

  test('an account registered at login is not registered again on reconnection', async () => {
    const t = setup({ registration: true })
    await t.client.connect({ ...t.login, register: true })
    await settle()
    expect(t.sockets[0]!.received.some((f) => f.includes('jabber:iq:register'))).toBe(true)
    t.sockets[0]!.drop()
    await settle()
    t.timers.advance(500)
    await settle()
    expect(t.statuses.at(-1)!.state).toBe('online')
    expect(t.sockets[1]!.received.some((f) => f.includes('jabber:iq:register'))).toBe(false)
  })

  test('an endpoint that refuses the xmpp subprotocol is not spoken to', async () => {
    const t = setup({ protocol: '' })
    await t.client.connect({ ...t.login, url: 'ws://127.0.0.1:8787/other' })
    await settle()
    const last = t.statuses.at(-1)!
    expect(last.state === 'failed' && last.error.message).toBe(
      'ws://127.0.0.1:8787/other is not an XMPP WebSocket endpoint (subprotocol "xmpp" refused).',
    )
    expect(t.sockets[0]!.received).toEqual([])
  })

  test('reconnectNow skips the wait; disconnect stops retrying and closes the stream', async () => {
    const t = setup()
    await t.client.connect(t.login)
    await settle()
    t.sockets[0]!.drop()
    await settle()
    t.client.reconnectNow()
    await settle()
    expect(t.statuses.at(-1)!.state).toBe('online')
    t.client.disconnect()
    expect(t.sockets[1]!.received.at(-1)).toBe(
      '<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>',
    )
    await settle()
    expect(t.statuses.at(-1)!.state).toBe('disconnected')
  })

  test('iq() resolves with the result and rejects when the connection drops', async () => {
    const t = setup({ roster: '<item jid="bob@localhost" subscription="both"/>' })
    await t.client.connect(t.login)
    await settle()
    const result = await t.client.iq(
      h('iq', { xmlns: 'jabber:client', type: 'get' }, h('query', { xmlns: 'jabber:iq:roster' })),
    )
    expect(result.getChild('query', 'jabber:iq:roster')?.getChild('item')?.attr('jid')).toBe(
      'bob@localhost',
    )
    const pending = t.client.iq(
      h('iq', { xmlns: 'jabber:client', type: 'get' }, h('ping', { xmlns: 'urn:xmpp:ping' })),
    )
    t.sockets[0]!.drop()
    await expect(pending).rejects.toThrow('connection closed')
  })

  test('sendRaw parses the text first and fills in jabber:client', async () => {
    const t = setup()
    await t.client.connect(t.login)
    await settle()
    t.client.sendRaw('<presence><show>away</show></presence>')
    expect(t.sockets[0]!.received.at(-1)).toBe(
      '<presence xmlns="jabber:client"><show>away</show></presence>',
    )
    expect(() => t.client.sendRaw('<presence>')).toThrow()
  })
})
