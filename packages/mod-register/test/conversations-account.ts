// XEP-0077 after authentication: `<registered/>` (§3.1), password change (§3.3) and account
// removal (§3.2), as scripted conversations over any `Env`.
import { expect } from 'vitest'
import {
  type Conversation,
  connected,
  iqError,
  login,
  loginFails,
  REGISTER,
  registerIq,
  streamError,
} from './script'

const ALICE = (env: { domain: string }) => `alice@${env.domain}`
const query = (body: string) => `<query xmlns="${REGISTER}">${body}</query>`
const get = (id: string, attrs = '') => `<iq type="get" id="${id}"${attrs}>${query('')}</iq>`
const remove = (id: string, attrs = '') =>
  `<iq type="set" id="${id}"${attrs}>${query('<remove/>')}</iq>`
const close = '<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>'

export const account: Conversation[] = [
  {
    name: '§3.1 Example 3: an authenticated get is answered with <registered/> and the username',
    options: {},
    run: async (env) => {
      await env.addUser('alice', 'secret')
      const c = await login(env, 'alice', 'secret')
      const me = `${ALICE(env)}/phone`
      const answer = (from: string) =>
        `<iq type="result" id="{{}}" to="${me}"${from}>${query(
          '<registered/><instructions>{{}}</instructions><username>alice</username><password/>',
        )}</iq>`
      await c.send(get('g1'))
      await c.expect(answer(''))
      await c.send(get('g2', ` to="${ALICE(env)}"`))
      await c.expect(answer(` from="${ALICE(env)}"`))
      await c.send(get('g3', ` to="${env.domain}"`))
      await c.expect(answer(` from="${env.domain}"`))
    },
  },
  {
    name: '§3.3: the user changes the password; the old one stops working',
    options: {},
    run: async (env) => {
      await env.addUser('alice', 'secret')
      const c = await login(env, 'alice', 'secret')
      await c.send(registerIq('change1', 'alice', 'n3wpass'))
      await c.expect(`<iq type="result" id="change1" to="${ALICE(env)}/phone"/>`)
      await loginFails(env, 'alice', 'secret')
      await login(env, 'alice', 'n3wpass', 'laptop')
      await c.expectNothing()
      expect(c.closed).toBe(false)
    },
  },
  {
    name: '§3.3 Examples 18 and 20: a change addressed to the server, naming the bare JID',
    options: {},
    run: async (env) => {
      await env.addUser('alice', 'secret')
      const c = await login(env, 'alice', 'secret')
      await c.send(registerIq('change1', ALICE(env), 'n3wpass', ` to="${env.domain}"`))
      await c.expect(
        `<iq type="result" id="change1" from="${env.domain}" to="${ALICE(env)}/phone"/>`,
      )
      await login(env, 'alice', 'n3wpass', 'laptop')
    },
  },
  {
    name: "§3.3: changing someone else's password is forbidden (RFC 6120 §8.3.3.4)",
    options: {},
    run: async (env) => {
      await env.addUser('alice', 'secret')
      await env.addUser('bob', 'b0b')
      const c = await login(env, 'alice', 'secret')
      const me = ` to="${ALICE(env)}/phone"`
      await c.send(registerIq('x1', 'bob', 'stolen'))
      await c.expect(iqError('x1', 'auth', 'forbidden', { text: true, attrs: me }))
      await c.send(registerIq('x2', `bob@${env.domain}`, 'stolen', ` to="${env.domain}"`))
      await c.expect(
        iqError('x2', 'auth', 'forbidden', { text: true, attrs: ` from="${env.domain}"${me}` }),
      )
      await c.send(registerIq('x3', `alice@elsewhere.example`, 'stolen'))
      await c.expect(iqError('x3', 'auth', 'forbidden', { text: true, attrs: me }))
      await login(env, 'bob', 'b0b')
    },
  },
  {
    name: '§3.3 error table: incomplete requests are bad-request; an empty password is not set',
    options: {},
    run: async (env) => {
      await env.addUser('alice', 'secret')
      const c = await login(env, 'alice', 'secret')
      const me = ` to="${ALICE(env)}/phone"`
      const cases: [string | undefined, string | undefined][] = [
        [undefined, 'n3wpass'],
        ['alice', undefined],
        ['alice', ''], // §3.3: MUST NOT change the password to a null value
      ]
      for (const [i, [username, password]] of cases.entries()) {
        await c.send(registerIq(`b${i}`, username, password))
        await c.expect(iqError(`b${i}`, 'modify', 'bad-request', { text: true, attrs: me }))
      }
      await login(env, 'alice', 'secret', 'laptop')
    },
  },
  {
    name: '§3.3 error table: password changes switched off → not-allowed',
    options: { allowPasswordChange: false },
    run: async (env) => {
      await env.addUser('alice', 'secret')
      const c = await login(env, 'alice', 'secret')
      await c.send(registerIq('c', 'alice', 'n3wpass'))
      await c.expect(iqError('c', 'cancel', 'not-allowed', { attrs: ` to="${ALICE(env)}/phone"` }))
      await login(env, 'alice', 'secret', 'laptop')
    },
  },
  {
    name: '§3.2 item 1: removal answers, then ends every session of the account (not-authorized)',
    options: { allowRegistration: true },
    run: async (env) => {
      await env.addUser('alice', 'secret')
      await env.addUser('bob', 'b0b')
      const phone = await login(env, 'alice', 'secret', 'phone')
      const laptop = await login(env, 'alice', 'secret', 'laptop')
      const bob = await login(env, 'bob', 'b0b')
      await phone.send(remove('unreg1'))
      await phone.expect(`<iq type="result" id="unreg1" to="${ALICE(env)}/phone"/>`)
      for (const c of [phone, laptop]) {
        await c.expect(streamError('not-authorized', true))
        await c.expect(close)
        expect(c.closed).toBe(true)
      }
      await bob.expectNothing()
      expect(bob.closed).toBe(false)
      await loginFails(env, 'alice', 'secret')
      // The name is free again.
      const c = await connected(env, true)
      await c.send(registerIq('again', 'alice', 'an0ther'))
      await c.expect('<iq type="result" id="again"/>')
    },
  },
  {
    name: '§3.2: a removal addressed to the server is handled the same way',
    options: {},
    run: async (env) => {
      await env.addUser('alice', 'secret')
      const c = await login(env, 'alice', 'secret')
      await c.send(remove('unreg1', ` to="${env.domain}"`))
      await c.expect(`<iq type="result" id="unreg1" to="${ALICE(env)}/phone"/>`)
      await c.expect(streamError('not-authorized', true))
      await c.expect(close)
      await loginFails(env, 'alice', 'secret')
    },
  },
  {
    name: '§3.2 error table: <remove/> with other children is a bad-request',
    options: {},
    run: async (env) => {
      await env.addUser('alice', 'secret')
      const c = await login(env, 'alice', 'secret')
      await c.send(`<iq type="set" id="u">${query('<remove/><username>alice</username>')}</iq>`)
      await c.expect(
        iqError('u', 'modify', 'bad-request', { text: true, attrs: ` to="${ALICE(env)}/phone"` }),
      )
      expect(c.closed).toBe(false)
      await login(env, 'alice', 'secret', 'laptop')
    },
  },
  {
    name: '§3.2 error table: removal switched off → not-allowed',
    options: { allowAccountRemoval: false },
    run: async (env) => {
      await env.addUser('alice', 'secret')
      const c = await login(env, 'alice', 'secret')
      await c.send(remove('u'))
      await c.expect(iqError('u', 'cancel', 'not-allowed', { attrs: ` to="${ALICE(env)}/phone"` }))
      expect(c.closed).toBe(false)
      await login(env, 'alice', 'secret', 'laptop')
    },
  },
]
