// The router's Network and AccountDirectory over Durable Object RPC: every account is an
// Account object named by its bare JID, every connection a Session object.
import type { AccountDirectory, Network } from '@tercet/router'
import type { Env } from './env'

export function objectNetwork(env: Env): Network {
  return {
    account(bare) {
      const stub = env.ACCOUNT.getByName(bare)
      return {
        bind: (request) => stub.bind(bare, request),
        unbind: (sessionId) => stub.unbind(bare, sessionId),
        stanza: (xml, origin, head) => stub.stanza(bare, xml, origin, head),
        outbound: (xml, origin) => stub.outbound(bare, xml, origin),
      }
    },
    session(id) {
      const stub = env.SESSION.get(env.SESSION.idFromString(id))
      return {
        push: (xml) => stub.push(xml),
        close: (condition, text) => stub.kick(condition, text),
      }
    },
  }
}

/** The directory as seen from anywhere: each question goes to the account's own object. */
export function objectDirectory(env: Env, domain: string): AccountDirectory {
  const account = (user: string) => env.ACCOUNT.getByName(`${user}@${domain}`)
  return {
    exists: (user) => account(user).exists(),
    credentials: (user) => account(user).credentials(),
    create: (user, credentials) => account(user).create(credentials),
    setCredentials: (user, credentials) => account(user).setCredentials(credentials),
    remove: (user) => account(user).remove(),
    recordAuthentication: (user, success) => account(user).recordAuthentication(success),
  }
}
