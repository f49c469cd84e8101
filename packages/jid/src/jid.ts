// XMPP addresses, RFC 7622. A Jid only ever holds prepared, enforced parts, so two Jids are the
// same address exactly when their parts are equal strings.
import { JidError } from './errors'
import { prepareDomainpart, prepareLocalpart, prepareResourcepart } from './parts'

const TRUSTED = Symbol('trusted')

/** An immutable, prepared XMPP address: `[localpart@]domainpart[/resourcepart]`. */
export class Jid {
  readonly local: string | undefined
  readonly domain: string
  readonly resource: string | undefined
  #text: string | undefined
  #bare: Jid | undefined

  /** Use {@link parseJid} or {@link jid}: only this module holds the token for prepared parts. */
  constructor(
    token: typeof TRUSTED,
    local: string | undefined,
    domain: string,
    resource: string | undefined,
  ) {
    if (token !== TRUSTED) throw new TypeError('use parseJid() or jid() to make a Jid')
    this.local = local
    this.domain = domain
    this.resource = resource
    Object.freeze(this)
  }

  /** True when there is no resourcepart (RFC 7622 §3.1: a "bare JID"). */
  get isBare(): boolean {
    return this.resource === undefined
  }

  /** The same address without its resourcepart. */
  bare(): Jid {
    if (this.resource === undefined) return this
    this.#bare ??= new Jid(TRUSTED, this.local, this.domain, undefined)
    return this.#bare
  }

  /** Same address: parts compared after preparation (RFC 7622 §3.1). */
  equals(other: Jid | null | undefined): boolean {
    return (
      other != null &&
      this.domain === other.domain &&
      this.local === other.local &&
      this.resource === other.resource
    )
  }

  toString(): string {
    if (this.#text === undefined) {
      let text = this.domain
      if (this.local !== undefined) text = `${this.local}@${text}`
      if (this.resource !== undefined) text = `${text}/${this.resource}`
      this.#text = text
    }
    return this.#text
  }

  toJSON(): string {
    return this.toString()
  }
}

/**
 * Parses and prepares a JID string (RFC 7622 §3.1): the resourcepart starts at the first "/",
 * the localpart ends at the first "@" before it. Throws {@link JidError} naming the bad part.
 */
export function parseJid(input: string): Jid {
  if (typeof input !== 'string') throw new JidError('jid', 'not a string')
  // RFC 7622 §3.1 step 1: everything from the first "/" is the resourcepart.
  const slash = input.indexOf('/')
  const head = slash === -1 ? input : input.slice(0, slash)
  const resource = slash === -1 ? undefined : input.slice(slash + 1)
  // Step 2: everything before the first "@" of what remains is the localpart.
  const at = head.indexOf('@')
  const local = at === -1 ? undefined : head.slice(0, at)
  const domain = at === -1 ? head : head.slice(at + 1)
  return new Jid(
    TRUSTED,
    local === undefined ? undefined : prepareLocalpart(local),
    prepareDomainpart(domain),
    resource === undefined ? undefined : prepareResourcepart(resource),
  )
}

/**
 * Builds a JID from separate parts, each prepared and enforced. An empty or undefined local or
 * resource means "absent"; a part is never split on "@" or "/" (those are then invalid).
 */
export function jid(
  local: string | undefined | null,
  domain: string,
  resource?: string | null,
): Jid {
  // A domainpart cannot hold "@" or "/"; catching it here gives the right reason.
  if (domain.includes('@') || domain.includes('/')) {
    throw new JidError(
      'domainpart',
      `"${domain.includes('@') ? '@' : '/'}" is not allowed in a domainpart`,
      domain,
    )
  }
  return new Jid(
    TRUSTED,
    local ? prepareLocalpart(local) : undefined,
    prepareDomainpart(domain),
    resource ? prepareResourcepart(resource) : undefined,
  )
}

/** True when `input` is a valid JID. */
export function isValidJid(input: string): boolean {
  try {
    parseJid(input)
    return true
  } catch (e) {
    if (e instanceof JidError) return false
    throw e
  }
}
