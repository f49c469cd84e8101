// XEP-0077: In-Band Registration (v2.5) — https://xmpp.org/extensions/xep-0077.html
//
// Before authentication: the registration form and account creation (§3.1, §3.1.1), advertised
// as a stream feature (§8). After authentication: the `<registered/>` answer (§3.1), password
// change (§3.3) and account removal (§3.2). Credentials are stored as SCRAM keys only.
import { JidError, parseJid, prepareDomainpart, prepareLocalpart } from '@tercet/jid'
import {
  defineModule,
  type IqEvent,
  type ModuleApi,
  type UnauthenticatedIqEvent,
} from '@tercet/router'
import { deriveCredentialSet, SaslprepError, saslprep } from '@tercet/sasl'
import { iqResult, NS_REGISTER, NS_REGISTER_FEATURE, stanzaError } from '@tercet/stanza'
import { Element } from '@tercet/xml'
import { type RegisterOptions, readOptions } from './options'
import { type RegisterRequest, readRequest, registeredAnswer, registrationForm } from './query'

declare module '@tercet/router' {
  interface HostEvents {
    /** Account side: `user` is about to be removed (XEP-0077 §3.2); clean up while data exists. */
    'user-deregistering': { readonly user: string }
  }
  interface SessionData {
    /** XEP-0077 §3.1.1: registration IQ sets received on this connection. */
    registrationAttempts?: number
    /** XEP-0077 §3.1.1: accounts created on this connection. */
    registrations?: number
  }
}

const QUERY = `${NS_REGISTER}:query` as const
type Fields = Extract<RegisterRequest, { kind: 'fields' }>

export const register = defineModule('register', (mod) => {
  const options = readOptions(mod)
  // §10: an entity that supports the protocol SHOULD say so in disco#info. Password change and
  // removal work even where registration is off.
  mod.addFeature(NS_REGISTER)

  mod.hook('stream-features', ({ session, features }) => {
    // §8: the server MAY announce in-band registration; only before authentication, and only
    // where it is allowed (a feature the client cannot use would mislead it).
    if (options.allowRegistration && session.stage === 'authenticating') {
      features.append(new Element('register', {}, NS_REGISTER_FEATURE))
    }
  })

  mod.hook(`iq-get/unauthenticated/${QUERY}`, (e) => {
    if (!toHost(e, mod.domain)) return false
    // §3.1: a host that does not support in-band registration MUST return service-unavailable.
    if (!options.allowRegistration) return e.error(stanzaError('service-unavailable'))
    return e.reply(registrationForm(options.registrationInstructions))
  })
  mod.hook(`iq-set/unauthenticated/${QUERY}`, (e) =>
    toHost(e, mod.domain) ? createAccount(mod, options, e) : false,
  )

  // After authentication the request comes without `to` (or to the user's own bare JID, §3.2
  // item 1), so the account side answers it; clients that address the server are answered too.
  const whoAmI = (e: IqEvent) => e.reply(registeredAnswer(e.from.local!))
  mod.hook(`iq-get/self/${QUERY}`, whoAmI)
  mod.hook(`iq-get/host/${QUERY}`, whoAmI)
  mod.hook(`iq-set/self/${QUERY}`, async (e) => {
    const request = readRequest(e.stanza.getChild('query', NS_REGISTER)!)
    if (request.kind === 'remove') return removeAccount(mod, options, e)
    return changePassword(mod, options, e, request)
  })
  mod.hook(`iq-set/host/${QUERY}`, async (e) => {
    const request = readRequest(e.stanza.getChild('query', NS_REGISTER)!)
    if (request.kind === 'fields') return changePassword(mod, options, e, request)
    // Removal has to end every session of the account, which only the account side knows:
    // hand the request to it as if it had come without `to` (§3.2 item 1's form).
    const toAccount = e.stanza.clone()
    delete toAccount.attrs.to
    await e.route(toAccount)
    return true
  })
})

/** An unauthenticated IQ is for the server: no `to`, or this domain (RFC 6120 §10.3). */
function toHost(e: UnauthenticatedIqEvent, domain: string): boolean {
  const to = e.stanza.attr('to')
  if (to === undefined) return true
  try {
    return prepareDomainpart(to) === domain
  } catch (error) {
    if (error instanceof JidError) return false
    throw error
  }
}

/** §3.1 and §3.1.1: a new account from an unauthenticated connection. */
async function createAccount(
  mod: ModuleApi,
  options: RegisterOptions,
  e: UnauthenticatedIqEvent,
): Promise<true> {
  if (!options.allowRegistration) throw stanzaError('service-unavailable') // §3.1
  const data = e.session.data
  data.registrationAttempts = (data.registrationAttempts ?? 0) + 1
  // §3.1.1: a server MAY return not-acceptable when an unregistered entity tries to register
  // too many times, or tries to register a second identity. The XEP names this condition, so
  // it wins over RFC 6120's policy-violation; the text says which limit was hit.
  if ((data.registrations ?? 0) >= options.registrationsPerConnection) {
    throw stanzaError('not-acceptable', { text: 'this connection cannot register more accounts' })
  }
  if (data.registrationAttempts > options.registrationAttemptsPerConnection) {
    throw stanzaError('not-acceptable', { text: 'too many registration attempts' })
  }
  const request = readRequest(e.stanza.getChild('query', NS_REGISTER)!)
  // §3.2 error table: cancelling without an account is unexpected-request.
  if (request.kind === 'remove') throw stanzaError('unexpected-request')
  const { user, password } = newAccountFields(request)
  // §3.1 Example 6: a taken username is a conflict. Checked first to skip the key derivation;
  // `create` decides for good when two connections race for the same name.
  if (await mod.accounts.exists(user)) throw stanzaError('conflict')
  const credentials = await deriveCredentialSet(password, { iterations: options.scramIterations })
  if (!(await mod.accounts.create(user, credentials))) throw stanzaError('conflict')
  data.registrations = (data.registrations ?? 0) + 1
  mod.log.info('account registered in-band', { user })
  return e.reply()
}

/**
 * §3.1: every field MUST be provided; a missing one, an empty `<password/>` (the §3.1 footnote)
 * or a username that is no valid localpart (RFC 7622 §3.3) is not-acceptable (Example 7).
 * Returns the prepared localpart, which is the name stored.
 */
function newAccountFields(request: Fields): { user: string; password: string } {
  const { username, password } = request
  if (!username || !password) {
    throw stanzaError('not-acceptable', { text: 'a username and a password are required' })
  }
  let user: string
  try {
    user = prepareLocalpart(username)
  } catch (error) {
    if (!(error instanceof JidError)) throw error
    throw stanzaError('not-acceptable', { text: `invalid username: ${error.reason}` })
  }
  checkPassword(password, 'not-acceptable')
  return { user, password }
}

/** RFC 5802 §2.2: the stored keys are of the SASLprep'd password, which must not be empty. */
function checkPassword(password: string, condition: 'not-acceptable' | 'bad-request'): void {
  let prepared: string
  try {
    prepared = saslprep(password)
  } catch (error) {
    if (!(error instanceof SaslprepError)) throw error
    throw stanzaError(condition, { text: `invalid password: ${error.message}` })
  }
  if (prepared === '') throw stanzaError(condition, { text: 'the password is empty' })
}

/** §3.3: a new password for the authenticated user's own account. */
async function changePassword(
  mod: ModuleApi,
  options: RegisterOptions,
  e: IqEvent,
  request: Fields,
): Promise<true> {
  // §3.3 error table: not-allowed when the server does not allow password changes.
  if (!options.allowPasswordChange) throw stanzaError('not-allowed')
  const user = e.from.local!
  // §3.3 error table: incomplete information is bad-request; an empty password MUST NOT be
  // stored (the existing one is kept).
  if (request.username === undefined || request.password === undefined) {
    throw stanzaError('bad-request', { text: 'a username and a password are required' })
  }
  // Only the user's own password: anyone else's is forbidden (RFC 6120 §8.3.3.4, as in the
  // §3.2 error table for removal), whatever credentials were sent.
  if (namedUser(request.username, mod.domain) !== user) {
    throw stanzaError('forbidden', { text: 'you can only change your own password' })
  }
  checkPassword(request.password, 'bad-request')
  const credentials = await deriveCredentialSet(request.password, {
    iterations: options.scramIterations,
  })
  await mod.accounts.setCredentials(user, credentials)
  mod.log.info('password changed in-band', { user })
  return e.reply()
}

/** The user a password change names: a localpart (§3.3 Example 18) or a bare JID (Example 20). */
function namedUser(username: string, domain: string): string | undefined {
  try {
    if (!username.includes('@')) return prepareLocalpart(username)
    const jid = parseJid(username)
    return jid.isBare && jid.domain === domain ? jid.local : undefined
  } catch (error) {
    if (error instanceof JidError) return undefined
    throw error
  }
}

/**
 * §3.2: cancels the registration of the account the request came from. Item 1: the server
 * SHOULD answer, then end every active session of the account with the not-authorized stream
 * error, and remove the account (`accounts.remove` removes everything stored for it).
 */
async function removeAccount(mod: ModuleApi, options: RegisterOptions, e: IqEvent): Promise<true> {
  // §3.2 error table: not-allowed when no one may cancel registrations in-band.
  if (!options.allowAccountRemoval) throw stanzaError('not-allowed')
  const user = e.from.local!
  const origin = e.origin!
  const sessions = new Set((await mod.resources(user)).map((r) => r.sessionId))
  // §3.2 Example 17 before the stream error: written now, since the session ends right after.
  await mod.sendToResource(user, e.from.resource!, iqResult(e.stanza))
  // Other modules clean up first (subscriptions cancelled with the contacts, Prosody's
  // "user-deregistering"), while the account's data still exists.
  await mod.fire('user-deregistering', { user })
  await mod.accounts.remove(user)
  mod.log.info('account removed in-band', { user })
  const text = 'the account was removed'
  for (const id of sessions) if (id !== origin.sessionId) await mod.kick(id, 'not-authorized', text)
  // The requesting session is still processing this very IQ and ends its stream only after it:
  // waiting for that here would wait for ourselves.
  mod.kick(origin.sessionId, 'not-authorized', text).catch((error) => {
    mod.log.warn('could not end the session', { session: origin.sessionId, error: String(error) })
  })
  return true
}
