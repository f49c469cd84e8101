// What the conversation scripts need from a transport, and the stream steps they share. The
// scripts only use `Env` and `Client`, so the same ones can run against testHost() (see
// test-env.ts) or, later, against the Worker over real WebSockets.
import { clientFinish, clientStep, type Mechanism, startClient } from '@tercet/sasl'
import type { Element } from '@tercet/xml'
import { expect } from 'vitest'

export interface Client {
  /** Sends one element; a string without a namespace is jabber:client. */
  send(stanza: string): Promise<void>
  /** The next element the server sent, checked against `expected` (with `{{}}` placeholders). */
  expect(expected: string): Promise<Element>
  /** The next element the server sent, whatever it is. */
  next(): Promise<Element>
  /** Nothing more has arrived. */
  expectNothing(): Promise<void>
  /** The server closed the connection. */
  readonly closed: boolean
}

export interface Env {
  readonly domain: string
  connect(): Client
  /** Provisions an account out of band (the admin API on the real server). */
  addUser(user: string, password: string): Promise<void>
}

/** A scripted conversation and the server options it needs. */
export interface Conversation {
  name: string
  options: Record<string, unknown>
  run(env: Env): Promise<void>
}

export const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing'
export const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl'
export const STREAMS = 'http://etherx.jabber.org/streams'
export const STREAM_ERRORS = 'urn:ietf:params:xml:ns:xmpp-streams'
export const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas'
export const BIND = 'urn:ietf:params:xml:ns:xmpp-bind'
export const REGISTER = 'jabber:iq:register'
export const FEATURE = 'http://jabber.org/features/iq-register'
export const DATA = 'jabber:x:data'

export const open = (domain: string) => `<open xmlns="${FRAMING}" to="${domain}" version="1.0"/>`

const mechanisms =
  `<mechanisms xmlns="${SASL}"><mechanism>SCRAM-SHA-256</mechanism>` +
  '<mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism></mechanisms>'

/** The features before authentication, with or without XEP-0077 §8's `<register/>`. */
export const saslFeatures = (register: boolean) =>
  `<stream:features xmlns:stream="${STREAMS}">${mechanisms}` +
  `${register ? `<register xmlns="${FEATURE}"/>` : ''}</stream:features>`

export const streamError = (condition: string, text = false) =>
  `<stream:error xmlns:stream="${STREAMS}"><${condition} xmlns="${STREAM_ERRORS}"/>` +
  `${text ? `<text xmlns="${STREAM_ERRORS}">{{}}</text>` : ''}</stream:error>`

/** An IQ error with `condition` (its RFC 6120 §8.3.3 type) and any descriptive text. */
export const iqError = (
  id: string,
  type: string,
  condition: string,
  options: { text?: boolean; attrs?: string } = {},
) =>
  `<iq type="error" id="${id}"${options.attrs ?? ''}><error type="${type}">` +
  `<${condition} xmlns="${STANZAS}"/>` +
  `${options.text ? `<text xmlns="${STANZAS}">{{}}</text>` : ''}</error></iq>`

/** `<iq type='set'>` with the legacy fields of XEP-0077 §3.1 Example 4 (absent when undefined). */
export function registerIq(id: string, username?: string, password?: string, attrs = ''): string {
  const field = (name: string, value: string | undefined) =>
    value === undefined ? '' : value === '' ? `<${name}/>` : `<${name}>${value}</${name}>`
  return (
    `<iq type="set" id="${id}"${attrs}><query xmlns="${REGISTER}">` +
    `${field('username', username)}${field('password', password)}</query></iq>`
  )
}

/**
 * Opens a stream and takes the answer: `<open/>` and the features, which must offer XEP-0077
 * §8's `<register/>` when `register` is true, must not when false, and may when undefined.
 */
export async function openStream(c: Client, env: Env, register?: boolean): Promise<void> {
  await c.send(open(env.domain))
  await c.expect(
    `<open xmlns="${FRAMING}" from="${env.domain}" id="{{}}" version="1.0" xml:lang="en"/>`,
  )
  if (register === undefined) await c.next()
  else await c.expect(saslFeatures(register))
}

/** A new connection with an open stream, ready to register or authenticate. */
export async function connected(env: Env, register?: boolean): Promise<Client> {
  const c = env.connect()
  await openStream(c, env, register)
  return c
}

/** RFC 6120 §6: one SASL exchange. Resolves true on `<success/>` (checked for SCRAM). */
export async function authenticate(
  c: Client,
  mechanism: Mechanism,
  username: string,
  password: string,
): Promise<boolean> {
  const first = startClient(mechanism, { username, password })
  let state = first.state
  await c.send(`<auth xmlns="${SASL}" mechanism="${mechanism}">${first.response}</auth>`)
  let reply = await c.next()
  while (reply.local === 'challenge') {
    const next = await clientStep(state, reply.text())
    state = next.state
    await c.send(`<response xmlns="${SASL}">${next.response}</response>`)
    reply = await c.next()
  }
  if (reply.local !== 'success') {
    expect(reply.getChild('not-authorized', SASL)).toBeDefined()
    return false
  }
  // RFC 5802 §3: the server proves it holds the same keys (its signature is checked here).
  clientFinish(state, reply.text() || null)
  return true
}

/** After `<success/>`: the restart (RFC 6120 §6.4.6) and binding `resource` (§7). */
export async function bind(c: Client, env: Env, user: string, resource: string): Promise<void> {
  await c.send(open(env.domain))
  await c.expect(
    `<open xmlns="${FRAMING}" from="${env.domain}" id="{{}}" version="1.0" xml:lang="en"/>`,
  )
  await c.next() // bind features (not this module's)
  await c.send(
    `<iq type="set" id="bind"><bind xmlns="${BIND}"><resource>${resource}</resource></bind></iq>`,
  )
  await c.expect(
    `<iq type="result" id="bind"><bind xmlns="${BIND}"><jid>${user}@${env.domain}/${resource}</jid></bind></iq>`,
  )
}

/** A bound session for `user` (SCRAM-SHA-256), or a failed test. */
export async function login(
  env: Env,
  user: string,
  password: string,
  resource = 'phone',
): Promise<Client> {
  const c = await connected(env)
  expect(await authenticate(c, 'SCRAM-SHA-256', user, password)).toBe(true)
  await bind(c, env, user, resource)
  return c
}

/** Authentication as `user` with `password` is refused (RFC 6120 §6.5.10 not-authorized). */
export async function loginFails(env: Env, user: string, password: string): Promise<void> {
  const c = await connected(env)
  expect(await authenticate(c, 'SCRAM-SHA-256', user, password)).toBe(false)
}
