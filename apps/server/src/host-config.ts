// One place that turns the Worker's environment into the router's host configuration, used by
// both kinds of object so they always run the same modules with the same options.
import { prepareDomainpart } from '@tercet/jid'
import {
  type AccountDirectory,
  createHost,
  type Host,
  type Logger,
  type Output,
  type Storage,
} from '@tercet/router'
import { DEFAULT_ITERATIONS } from '@tercet/sasl'
import { type Env, flag } from './env'
import { modules } from './modules'
import { objectDirectory, objectNetwork } from './network'

export function domainOf(env: Env): string {
  return prepareDomainpart(env.XMPP_DOMAIN || 'localhost')
}

export function hostOptions(env: Env): Record<string, unknown> {
  return {
    allowRegistration: flag(env.ALLOW_REGISTRATION),
    scramIterations: Number(env.SCRAM_ITERATIONS) || DEFAULT_ITERATIONS,
    ...(env.SASL_SECRET ? { saslSecret: env.SASL_SECRET } : {}),
  }
}

/** One structured line per event: no message bodies, no passwords. */
export const log: Logger = {
  debug: () => {},
  info: (message, fields) => console.log(JSON.stringify({ level: 'info', message, ...fields })),
  warn: (message, fields) => console.warn(JSON.stringify({ level: 'warn', message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'error', message, ...fields })),
}

export function makeHost(
  env: Env,
  storage: Storage,
  extra: { output?: Output; accounts?: AccountDirectory } = {},
): Host {
  const domain = domainOf(env)
  return createHost({
    domain,
    modules,
    storage,
    network: objectNetwork(env),
    options: hostOptions(env),
    log,
    ...extra,
    accounts: extra.accounts ?? objectDirectory(env, domain),
  })
}
