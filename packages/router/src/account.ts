// The account side: runs where an account's data lives (its Account object). It keeps the live
// resources, binds and unbinds them, and applies RFC 6121 §8.5 to every stanza for the account.
import { type Jid, parseJid } from '@tercet/jid'
import { Message, messageType, NS_CLIENT, Presence, stanzaError } from '@tercet/stanza'
import { Element, parseFrame, serialize } from '@tercet/xml'
import {
  bounce,
  type Core,
  cachedJid,
  fireStanza,
  hooked,
  option,
  payloadName,
  route,
} from './core'
import {
  type Decision,
  messageToBare,
  type NoSuchUserPolicy,
  presenceToBare,
  toNonexistent,
  toUnavailableFull,
} from './delivery-rules'
import type { BindOutcome, BindRequest, Origin, StanzaHead } from './network'
import { liveResources, liveResourcesNow, type ResourceRecord, resourceStore } from './resources'

function randomResource(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9))
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('')
}

/** RFC 6120 §7: binds a resource for a session of `bare`'s account. */
export async function bindResource(
  core: Core,
  bare: string,
  request: BindRequest,
): Promise<BindOutcome> {
  core.localAccount = bare
  const user = parseJid(bare).local!
  const store = resourceStore(core)
  const taken = new Set(await store.keys(user))
  // §7.6: an empty request gets a unique resource the server generates.
  let resource = request.resource ?? randomResource()
  while (request.resource === undefined && taken.has(resource)) resource = randomResource()
  const existing = await store.get(user, resource)
  if (existing && existing.sessionId !== request.sessionId) {
    // §7.7.2.2: the server's conflict policy. Default: the new session wins and the old one is
    // ended with the conflict stream error (as Prosody's "kick_old").
    const policy = option<string>(core, 'resourceConflict', 'kick_old')
    if (policy === 'refuse_new') return { error: 'conflict' }
    if (policy === 'random') {
      do resource = randomResource()
      while (taken.has(resource))
    } else {
      await unbindRecord(core, user, resource, existing)
      taken.delete(resource)
      await core.network.session(existing.sessionId).close('conflict', 'Replaced by new connection')
    }
  }
  // §7.6.2.1: too many resources for this account.
  const limit = option<number>(core, 'maxResources', 10)
  if (!taken.has(resource) && taken.size >= limit) return { error: 'resource-constraint' }
  await store.set(user, resource, {
    sessionId: request.sessionId,
    priority: 0,
    available: false,
    data: {},
  })
  return { jid: `${bare}/${resource}` }
}

async function unbindRecord(core: Core, user: string, resource: string, record: ResourceRecord) {
  await resourceStore(core).delete(user, resource)
  const jid = parseJid(`${user}@${core.domain}/${resource}`)
  await core.dispatcher.fire('resource-unbind', {
    user,
    jid,
    wasAvailable: record.available,
    data: record.data,
  })
}

/** The session ended: forget its resource, unless another session holds it by now. */
export async function unbindSession(core: Core, bare: string, sessionId: string): Promise<void> {
  core.localAccount = bare
  const user = parseJid(bare).local!
  const store = resourceStore(core)
  for (const resource of await store.keys(user)) {
    const record = await store.get(user, resource)
    if (record?.sessionId === sessionId) await unbindRecord(core, user, resource, record)
  }
}

/** Entry point for a serialised stanza arriving at this account over the network. */
export async function accountStanzaXml(
  core: Core,
  bare: string,
  xml: string,
  origin?: Origin,
  head?: StanzaHead,
): Promise<void> {
  core.localAccount = bare
  if (head?.kind === 'message' && (await deliverAsIs(core, bare, xml, head, origin))) return
  await accountStanza(core, bare, parseFrame(xml), origin, xml)
}

const MESSAGE_FULL: readonly string[] = ['message/full']
const MESSAGE_BARE: readonly string[] = ['message/bare']

/**
 * The common case without parsing `xml`: a message from another account, to an account that
 * exists, that no module hooks, and that RFC 6121 §8.5 delivers to live resources as it is
 * (§8.5.3.1 to an online full JID, §8.5.2.1.1 to a bare JID). It needs only the head the
 * sending side parsed. Anything else (offline storage, errors, hooks, the sender's own account,
 * a missing `to`) returns false before any effect, and the full path runs.
 */
async function deliverAsIs(
  core: Core,
  bare: string,
  xml: string,
  head: StanzaHead,
  origin: Origin | undefined,
): Promise<boolean> {
  if (head.to === undefined || origin === undefined) return false
  if (cachedJid(origin.jid).bare().toString() === bare) return false
  const to = cachedJid(head.to)
  const user = to.local!
  if (!(await core.accounts.exists(user))) return false
  if (to.resource !== undefined) {
    if (hooked(core, MESSAGE_FULL)) return false
    const record = await resourceStore(core).get(user, to.resource)
    if (!record) return false
    await core.network.session(record.sessionId).push(xml)
    return true
  }
  if (hooked(core, MESSAGE_BARE)) return false
  const resources = liveResourcesNow(core, user) ?? (await liveResources(core, user))
  const decision = messageToBare(messageType(head.type), resources)
  if (decision.action !== 'deliver') return false
  for (const r of decision.to) await core.network.session(r.sessionId).push(xml)
  return true
}

/**
 * RFC 6121 §8.5 for one stanza addressed to `bare` or one of its full JIDs. `xml`, when given,
 * is the serialised form the stanza was parsed from (the router's own serialisation on the
 * sending side): delivered as is while the stanza is untouched, instead of serialising again.
 */
export async function accountStanza(
  core: Core,
  bare: string,
  stanza: Element,
  origin?: Origin,
  xml?: string,
): Promise<void> {
  const to = cachedJid(stanza.attr('to') ?? bare)
  const from = cachedJid(stanza.attr('from') ?? core.domain)
  const user = to.local!
  const ctx: Ctx = { origin, xml }
  const isSelf = origin !== undefined && cachedJid(origin.jid).bare().toString() === bare
  if (!isSelf && !(await core.accounts.exists(user))) {
    // RFC 6121 §4.3.2 (probe) and §3.1.3 (subscribe): the sender learns it has no
    // subscription, by an `unsubscribed` from the bare JID, instead of silence.
    const type = typeOf(stanza)
    if (stanza.local === 'presence' && (type === 'probe' || type === 'subscribe')) {
      const reply = new Element(
        'presence',
        { type: 'unsubscribed', from: to.bare().toString(), to: from.bare().toString() },
        NS_CLIENT,
      )
      return route(core, reply, ctx)
    }
    const policy = option<NoSuchUserPolicy>(core, 'noSuchUserMessages', 'service-unavailable')
    return apply(core, toNonexistent(kind(stanza), type, policy), stanza, ctx)
  }
  // RFC 6120 §10.3.1: a message without `to` is for the sender's bare JID; say so on delivery.
  if (stanza.local === 'message' && stanza.attr('to') === undefined) {
    stanza.attrs.to = bare
    ctx.xml = undefined
  }
  if (to.resource !== undefined) return toFull(core, stanza, from, to, ctx)
  // RFC 6121 §4.2, §4.4: presence without `to` from the account's own resource is a broadcast.
  if (stanza.local === 'presence' && isSelf && stanza.attr('to') === undefined) {
    return selfPresence(core, stanza, from, to, ctx)
  }
  return toBare(core, stanza, from, to, ctx, isSelf)
}

/**
 * Outbound presence from this account's own session (see AccountEndpoint.outbound): the
 * `pre-presence/*` events run here, with the account's stores, then the stanza is routed on.
 */
export async function accountOutbound(core: Core, stanza: Element, origin: Origin): Promise<void> {
  const from = cachedJid(origin.jid)
  core.localAccount = from.bare().toString()
  const to = cachedJid(stanza.attr('to')!)
  const target = to.local === undefined ? 'host' : to.resource === undefined ? 'bare' : 'full'
  const ctx = { origin }
  if (await fireStanza(core, [`pre-presence/${target}`], stanza, from, to, ctx)) return
  await route(core, stanza, ctx)
}

type Ctx = {
  origin?: Origin | undefined
  /** The stanza as serialised when it arrived; dropped once anything may have changed it. */
  xml?: string | undefined
}

/** The stanza, serialised: the arriving text while nothing could have changed the element. */
function serialized(stanza: Element, ctx: Ctx): string {
  return ctx.xml ?? serialize(stanza)
}

/**
 * fireStanza for names some handler is hooked on (callers check `hooked` first, so an unhooked
 * stanza costs no event and no promise): the handler gets the element and may change it, so
 * the arriving text is forgotten.
 */
function fire(
  core: Core,
  names: readonly string[],
  stanza: Element,
  from: Jid,
  to: Jid,
  ctx: Ctx,
): Promise<boolean> {
  ctx.xml = undefined
  return fireStanza(core, names, stanza, from, to, ctx)
}
const kind = (s: Element) => s.local as 'message' | 'presence' | 'iq'
const typeOf = (s: Element): string => {
  if (s.local === 'message') return new Message(s).type
  if (s.local === 'presence') return new Presence(s).type ?? 'error'
  return s.attr('type') ?? ''
}

async function toFull(core: Core, stanza: Element, from: Jid, to: Jid, ctx: Ctx): Promise<void> {
  const record = await resourceStore(core).get(to.local!, to.resource!)
  if (!record) {
    const decision = toUnavailableFull(kind(stanza), typeOf(stanza))
    if (decision.action === 'bare') {
      return toBare(core, stanza, from, to.bare(), ctx, false)
    }
    return apply(core, decision, stanza, ctx)
  }
  const names = eventNames(stanza, 'full')
  if (hooked(core, names) && (await fire(core, names, stanza, from, to, ctx))) return
  // RFC 6121 §8.5.3.1: a resource that is online gets every stanza sent to its full JID.
  await core.network.session(record.sessionId).push(serialized(stanza, ctx))
}

async function toBare(
  core: Core,
  stanza: Element,
  from: Jid,
  to: Jid,
  ctx: Ctx,
  isSelf: boolean,
): Promise<void> {
  // `presence/self` is only the broadcast (presence without `to`, see selfPresence).
  const self = isSelf && stanza.local !== 'presence'
  const names = self
    ? [...eventNames(stanza, 'self'), ...eventNames(stanza, 'bare')]
    : eventNames(stanza, 'bare')
  if (hooked(core, names) && (await fire(core, names, stanza, from, to, ctx))) return
  const resources = await liveResources(core, to.local!)
  switch (stanza.local) {
    case 'iq':
      // RFC 6121 §8.5.2.1.3 / RFC 6120 §8.4: the server answers for the account; unhandled
      // get/set gets service-unavailable.
      return apply(core, toNonexistent('iq', typeOf(stanza), 'drop'), stanza, ctx)
    case 'message': {
      const decision = messageToBare(new Message(stanza).type, resources)
      if (decision.action === 'offline') {
        const offline = ['message/offline']
        if (hooked(core, offline) && (await fire(core, offline, stanza, from, to, ctx))) return
        return apply(core, { action: 'error', condition: 'service-unavailable' }, stanza, ctx)
      }
      return apply(core, decision, stanza, ctx)
    }
    default:
      return apply(
        core,
        presenceToBare(new Presence(stanza).type ?? 'error', resources),
        stanza,
        ctx,
      )
  }
}

function eventNames(stanza: Element, target: 'full' | 'bare' | 'self'): string[] {
  const names: string[] = []
  const type = stanza.attr('type')
  if (stanza.local === 'iq' && (type === 'get' || type === 'set')) {
    const payload = payloadName(stanza)
    if (payload) names.push(`iq-${type}/${target}/${payload}`)
  }
  names.push(`${stanza.local}/${target}`)
  return names
}

/**
 * Presence without `to` from one of the account's own resources (RFC 6121 §4.2, §4.4, §4.5):
 * the core records availability, priority and the presence itself first — so a stanza arriving
 * while modules broadcast already sees the resource as it now is — then fires `presence/self`
 * with `resourceBefore`, the state before this presence, so modules can tell initial presence.
 */
async function selfPresence(
  core: Core,
  stanza: Element,
  from: Jid,
  to: Jid,
  ctx: Ctx,
): Promise<void> {
  const store = resourceStore(core)
  const record =
    from.resource === undefined ? undefined : await store.get(from.local!, from.resource)
  const presence = new Presence(stanza)
  const available = presence.type === 'available'
  if (record && (available || presence.type === 'unavailable')) {
    await store.set(from.local!, from.resource!, {
      ...record,
      available,
      priority: available ? presence.priority : record.priority,
      presence: serialize(stanza),
    })
  }
  const before = record ? { available: record.available, priority: record.priority } : undefined
  await fireStanza(
    core,
    ['presence/self'],
    stanza,
    from,
    to,
    ctx,
    before ? { resourceBefore: before } : {},
  )
}

async function apply(core: Core, decision: Decision, stanza: Element, ctx: Ctx): Promise<void> {
  switch (decision.action) {
    case 'deliver': {
      const xml = serialized(stanza, ctx)
      for (const r of decision.to) await core.network.session(r.sessionId).push(xml)
      return
    }
    case 'error': {
      const reply = bounce(stanza, stanzaError(decision.condition), core.log)
      if (reply) await route(core, reply, ctx)
      return
    }
    default:
      return
  }
}
