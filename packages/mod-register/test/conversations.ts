// XEP-0077 before authentication (§3.1, §3.1.1, §8), as scripted conversations over any `Env`.
import { expect } from 'vitest'
import {
  authenticate,
  bind,
  type Conversation,
  connected,
  DATA,
  iqError,
  login,
  loginFails,
  openStream,
  REGISTER,
  registerIq,
  streamError,
} from './script'

const OPEN = { allowRegistration: true }
const ok = (id: string) => `<iq type="result" id="${id}"/>`
const notAcceptable = (id: string) => iqError(id, 'modify', 'not-acceptable', { text: true })

export const registration: Conversation[] = [
  {
    name: '§8: <register/> is a stream feature before authentication when registration is on',
    options: OPEN,
    run: async (env) => {
      const c = env.connect()
      await openStream(c, env, true)
      await c.send(registerIq('r1', 'juliet', 'R0m30'))
      await c.expect(ok('r1'))
      expect(await authenticate(c, 'SCRAM-SHA-256', 'juliet', 'R0m30')).toBe(true)
      // After authentication the restarted stream offers binding, not registration.
      await c.send(
        `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${env.domain}" version="1.0"/>`,
      )
      await c.next()
      const features = await c.next()
      expect(
        features.getChild('register', 'http://jabber.org/features/iq-register'),
      ).toBeUndefined()
    },
  },
  {
    name: '§3.1 Example 2: an IQ get returns instructions, the fields and a data form (§4)',
    options: OPEN,
    run: async (env) => {
      const c = await connected(env, true)
      await c.send(`<iq type="get" id="reg1" to="${env.domain}"><query xmlns="${REGISTER}"/></iq>`)
      await c.expect(
        `<iq type="result" id="reg1" from="${env.domain}"><query xmlns="${REGISTER}">` +
          '<instructions>{{}}</instructions><username/><password/>' +
          `<x xmlns="${DATA}" type="form"><title>{{}}</title><instructions>{{}}</instructions>` +
          `<field var="FORM_TYPE" type="hidden"><value>${REGISTER}</value></field>` +
          '<field var="username" type="text-single" label="Username"><required/></field>' +
          '<field var="password" type="text-private" label="Password"><required/></field>' +
          '</x></query></iq>',
      )
    },
  },
  {
    name: '§3.1 Example 5 and §3.1.1: register, then authenticate on the same stream and bind',
    options: OPEN,
    run: async (env) => {
      const c = await connected(env, true)
      await c.send(registerIq('reg2', 'bill', 'Calliope'))
      await c.expect(ok('reg2'))
      expect(await authenticate(c, 'PLAIN', 'bill', 'Calliope')).toBe(true)
      await bind(c, env, 'bill', 'globe')
      expect(c.closed).toBe(false)
    },
  },
  {
    name: 'a registered account logs in with SCRAM on a new connection; a wrong password fails',
    options: OPEN,
    run: async (env) => {
      const c = await connected(env, true)
      await c.send(registerIq('reg', 'romeo', 'Mont4gue'))
      await c.expect(ok('reg'))
      await login(env, 'romeo', 'Mont4gue')
      const sha1 = await connected(env)
      expect(await authenticate(sha1, 'SCRAM-SHA-1', 'romeo', 'Mont4gue')).toBe(true)
      await loginFails(env, 'romeo', 'Capulet')
    },
  },
  {
    name: '§4: the data form is accepted as a submission',
    options: OPEN,
    run: async (env) => {
      const c = await connected(env, true)
      await c.send(
        `<iq type="set" id="reg4"><query xmlns="${REGISTER}"><x xmlns="${DATA}" type="submit">` +
          `<field var="FORM_TYPE" type="hidden"><value>${REGISTER}</value></field>` +
          '<field var="username"><value>nurse</value></field>' +
          '<field var="password"><value>angelica</value></field></x></query></iq>',
      )
      await c.expect(ok('reg4'))
      await login(env, 'nurse', 'angelica')
    },
  },
  {
    name: '§4 rule 5: a form and the fields together are a bad-request',
    options: OPEN,
    run: async (env) => {
      const c = await connected(env, true)
      await c.send(
        `<iq type="set" id="both"><query xmlns="${REGISTER}"><username>x</username>` +
          `<x xmlns="${DATA}" type="submit"><field var="username"><value>x</value></field></x>` +
          '</query></iq>',
      )
      await c.expect(iqError('both', 'modify', 'bad-request', { text: true }))
    },
  },
  {
    name: '§3.1 Example 6: a taken username is a conflict, compared after preparation',
    options: OPEN,
    run: async (env) => {
      await env.addUser('juliet', 'R0m30')
      const c = await connected(env, true)
      await c.send(registerIq('reg2', 'juliet', 'm1cro$oft'))
      await c.expect(iqError('reg2', 'cancel', 'conflict'))
      await c.send(registerIq('reg3', 'JULIET', 'm1cro$oft'))
      await c.expect(iqError('reg3', 'cancel', 'conflict'))
      await login(env, 'juliet', 'R0m30') // untouched
    },
  },
  {
    name: 'RFC 7622 §3.3: the stored name is the prepared localpart',
    options: OPEN,
    run: async (env) => {
      const c = await connected(env, true)
      await c.send(registerIq('reg', 'Tybalt', 'pr1nce'))
      await c.expect(ok('reg'))
      await login(env, 'tybalt', 'pr1nce')
    },
  },
  {
    name: '§3.1 Example 7: a missing field or an empty password is not-acceptable',
    options: { ...OPEN, registrationAttemptsPerConnection: 10 },
    run: async (env) => {
      const c = await connected(env, true)
      const cases: [string | undefined, string | undefined][] = [
        ['bill', undefined],
        [undefined, 'Calliope'],
        ['bill', ''], // §3.1 footnote: <password/> is not a password
        ['', 'Calliope'],
        ['bill', '\u00ad'], // nothing left after SASLprep (RFC 4013 §2.1 maps it to nothing)
      ]
      for (const [i, [username, password]] of cases.entries()) {
        await c.send(registerIq(`r${i}`, username, password))
        await c.expect(notAcceptable(`r${i}`))
      }
      await loginFails(env, 'bill', 'Calliope')
    },
  },
  {
    name: 'RFC 7622 §3.3: a username that is no valid localpart is not-acceptable',
    options: { ...OPEN, registrationAttemptsPerConnection: 10 },
    run: async (env) => {
      const c = await connected(env, true)
      for (const [i, username] of ['a b', 'a@b', 'a/b', 'x'.repeat(1024), '&lt;x&gt;'].entries()) {
        await c.send(registerIq(`r${i}`, username, 'secret'))
        await c.expect(notAcceptable(`r${i}`))
      }
    },
  },
  {
    name: '§3.1: registration off (the default) → service-unavailable, no feature (§8)',
    options: {},
    run: async (env) => {
      const c = await connected(env, false)
      await c.send(`<iq type="get" id="g"><query xmlns="${REGISTER}"/></iq>`)
      await c.expect(iqError('g', 'cancel', 'service-unavailable'))
      await c.send(registerIq('s', 'bill', 'Calliope'))
      await c.expect(iqError('s', 'cancel', 'service-unavailable'))
      expect(c.closed).toBe(false)
      await loginFails(env, 'bill', 'Calliope')
    },
  },
  {
    name: '§3.1.1: a second account on the same connection is not-acceptable',
    options: OPEN,
    run: async (env) => {
      const c = await connected(env, true)
      await c.send(registerIq('a', 'first', 'secret'))
      await c.expect(ok('a'))
      await c.send(registerIq('b', 'second', 'secret'))
      await c.expect(notAcceptable('b'))
      await loginFails(env, 'second', 'secret')
      // Another connection has its own allowance.
      const other = await connected(env, true)
      await other.send(registerIq('c', 'second', 'secret'))
      await other.expect(ok('c'))
    },
  },
  {
    name: '§3.1.1: too many attempts on one connection are not-acceptable, even valid ones',
    options: { ...OPEN, registrationAttemptsPerConnection: 3 },
    run: async (env) => {
      await env.addUser('taken', 'secret')
      const c = await connected(env, true)
      for (const id of ['1', '2', '3']) {
        await c.send(registerIq(id, 'taken', 'secret'))
        await c.expect(iqError(id, 'cancel', 'conflict'))
      }
      await c.send(registerIq('4', 'free', 'secret'))
      await c.expect(notAcceptable('4'))
      await loginFails(env, 'free', 'secret')
    },
  },
  {
    name: 'registrationsPerConnection raises the allowance',
    options: { ...OPEN, registrationsPerConnection: 2 },
    run: async (env) => {
      const c = await connected(env, true)
      for (const [id, user] of [
        ['a', 'one'],
        ['b', 'two'],
      ]) {
        await c.send(registerIq(id!, user, 'secret'))
        await c.expect(ok(id!))
      }
      await c.send(registerIq('c', 'three', 'secret'))
      await c.expect(notAcceptable('c'))
    },
  },
  {
    name: '§3.2 error table: <remove/> before authentication is unexpected-request',
    options: OPEN,
    run: async (env) => {
      const c = await connected(env, true)
      await c.send(`<iq type="set" id="u"><query xmlns="${REGISTER}"><remove/></query></iq>`)
      await c.expect(iqError('u', 'wait', 'unexpected-request'))
    },
  },
  {
    name: 'RFC 6120 §6.4.1: a registration IQ for another address ends the stream',
    options: OPEN,
    run: async (env) => {
      const c = await connected(env, true)
      await c.send(registerIq('x', 'bill', 'Calliope', ' to="other.example"'))
      await c.expect(streamError('not-authorized'))
      await c.expect('<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>')
      expect(c.closed).toBe(true)
    },
  },
]
