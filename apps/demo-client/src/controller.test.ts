import { describe, expect, test } from 'vitest'
import { Controller } from './controller'
import { createStore } from './state/app-state'
import { FakeSocket, settle } from './xmpp/fake-server.test-util'

function setup() {
  const store = createStore()
  const sockets: FakeSocket[] = []
  const ctl = new Controller(store, {
    socket: (url) => {
      const s = new FakeSocket(url, { roster: '<item jid="bob@localhost" subscription="both"/>' })
      sockets.push(s)
      return s
    },
    discover: async () => 'ws://127.0.0.1:8787/xmpp-websocket',
  })
  const sent = () => sockets[0]!.received
  return { store, ctl, sent, socket: () => sockets[0]! }
}
const form = { jid: 'alice@localhost', password: 'secret', register: false, url: '' }

describe('Controller', () => {
  test('RFC 6121 §2.1.6: the roster is requested before initial presence', async () => {
    const { store, ctl, sent } = setup()
    await ctl.login(form)
    await settle()
    const after = sent().slice(sent().findIndex((f) => f.includes('xmpp-bind')) + 1)
    expect(after[0]).toMatch(
      /^<iq xmlns="jabber:client" type="get" id="[^"]+"><query xmlns="jabber:iq:roster"\/><\/iq>$/,
    )
    expect(after[1]).toBe('<presence xmlns="jabber:client"/>')
    expect(Object.keys(store.get().roster.items)).toEqual(['bob@localhost'])
  })

  test('a malformed address is reported without connecting', async () => {
    const { store, ctl } = setup()
    await ctl.login({ ...form, jid: 'not an address@@' })
    const c = store.get().session.connection
    expect(c.state === 'failed' && c.error.kind).toBe('bad-jid')
    await ctl.login({ ...form, jid: 'localhost' })
    const d = store.get().session.connection
    expect(d.state === 'failed' && d.error.message).toContain('needs a user part')
  })

  test('presence selector, messages, approve/deny', async () => {
    const { store, ctl, sent } = setup()
    await ctl.login(form)
    await settle()
    ctl.setPresence('away', 'lunch')
    expect(sent().at(-1)).toBe(
      '<presence xmlns="jabber:client"><show>away</show><status>lunch</status></presence>',
    )
    expect(ctl.sendMessage('bob@localhost', 'hi Bob')).toBe(true)
    expect(sent().at(-1)).toMatch(
      /^<message xmlns="jabber:client" to="bob@localhost" type="chat" id="[^"]+"><body>hi Bob<\/body><\/message>$/,
    )
    expect(store.get().chat.threads['bob@localhost']![0]).toMatchObject({
      dir: 'out',
      body: 'hi Bob',
    })
    // bob has subscription both: approving carol asks back, denying dave does not
    ctl.approve('carol@localhost')
    expect(sent().slice(-2)).toEqual([
      '<presence xmlns="jabber:client" to="carol@localhost" type="subscribed"/>',
      '<presence xmlns="jabber:client" to="carol@localhost" type="subscribe"/>',
    ])
    ctl.approve('bob@localhost')
    expect(sent().at(-1)).toBe(
      '<presence xmlns="jabber:client" to="bob@localhost" type="subscribed"/>',
    )
    ctl.deny('dave@localhost')
    expect(sent().at(-1)).toBe(
      '<presence xmlns="jabber:client" to="dave@localhost" type="unsubscribed"/>',
    )
  })

  test('a roster push and a message from the server reach the state; the push is answered', async () => {
    const { store, ctl, sent, socket } = setup()
    await ctl.login(form)
    await settle()
    socket().push(
      '<iq xmlns="jabber:client" type="set" id="push1"><query xmlns="jabber:iq:roster"><item jid="carol@localhost" subscription="none" ask="subscribe"/></query></iq>',
    )
    socket().push(
      '<message xmlns="jabber:client" from="carol@localhost/x" type="chat"><body>hey</body></message>',
    )
    await settle()
    expect(store.get().roster.items['carol@localhost']).toMatchObject({ ask: true })
    expect(sent().at(-1)).toBe('<iq xmlns="jabber:client" type="result" id="push1"/>')
    expect(store.get().chat.unread).toEqual({ 'carol@localhost': 1 })
  })
})
