// createHost(): the runtime-free XMPP core (DESIGN.md "The core is sans-IO"). The adapter hands
// it one parsed element at a time with the session's record; output goes through callbacks.
// The same host runs on both sides of the Durable Object topology: `receive`/`closed` on the
// session side, `account.*` on the account side.

import type { StreamErrorCondition } from '@tercet/stanza'
import { NS_FRAMING, NS_SASL } from '@tercet/stanza'
import type { Element } from '@tercet/xml'
import { parseFrame } from '@tercet/xml'
import {
  accountOutbound,
  accountStanza,
  accountStanzaXml,
  bindResource,
  unbindSession,
} from './account'
import { AccountQueue } from './account-queue'
import { type Core, type Output, route } from './core'
import { Dispatcher } from './dispatcher'
import type { Identity, Logger, Module, ModuleApi } from './module'
import {
  closeStream,
  handleBind,
  handleOpen,
  handleSasl,
  handleUnauthenticatedIq,
  streamError,
} from './negotiation'
import type {
  AccountDirectory,
  BindOutcome,
  BindRequest,
  Network,
  Origin,
  StanzaHead,
} from './network'
import { resourceList, sendToResource, updateResourceData } from './resources'
import type { SessionRecord } from './session'
import { handleStanza } from './session-routing'
import type { Storage } from './stores'

export interface HostConfig {
  /** The domain this server serves (prepared, RFC 7622 §3.2). */
  domain: string
  modules: readonly Module[]
  /** The stores of this object: an account's on the account side. */
  storage: Storage
  network: Network
  accounts: AccountDirectory
  /** Session side: the socket. Absent on a host that only serves the account side. */
  output?: Output
  /** Server configuration read by the core and by modules through `mod.option()`. */
  options?: Record<string, unknown>
  log?: Logger
}

export interface Host {
  readonly domain: string
  /** Disco features every module added (XEP-0030). */
  readonly features: readonly string[]
  readonly identities: readonly Identity[]
  /**
   * One element from the client (RFC 7395: each WebSocket message is one element). Input of
   * one session is processed strictly in order (RFC 6120 §10.1) even while handling awaits.
   * Resolves with the record to persist: while earlier input is still in flight, later calls
   * use the in-flight record rather than the (stale) one passed in. `text`, when given, is the
   * frame `element` was parsed from: a stanza the router only stamps travels as that text.
   */
  receive(session: SessionRecord, element: Element, text?: string): Promise<SessionRecord>
  /** The connection is gone (with or without `<close/>`). */
  closed(session: SessionRecord, reason: string): Promise<SessionRecord>
  /** Session side, called by the account side through the network: write to the client. */
  push(session: SessionRecord, xml: string): Promise<void>
  /** Session side: end the stream with a stream error (e.g. `conflict` on replacement). */
  kick(
    session: SessionRecord,
    condition: StreamErrorCondition,
    text?: string,
  ): Promise<SessionRecord>
  /**
   * The account side, for the adapter's Account object. Work for one account runs one item at
   * a time; `stanza` and `outbound` return once the stanza is queued, `bind` and `unbind` once
   * done.
   */
  readonly account: {
    bind(bare: string, request: BindRequest): Promise<BindOutcome>
    unbind(bare: string, sessionId: string): Promise<void>
    stanza(bare: string, xml: string, origin?: Origin, head?: StanzaHead): Promise<void>
    outbound(bare: string, xml: string, origin: Origin): Promise<void>
  }
  /** Routes a server-generated stanza (it must have `from` and `to`). */
  route(stanza: Element): Promise<void>
  /** Resolves when this host's account-side work is done (tests wait on it). */
  idle(): Promise<void>
  /** True while account-side work is queued or running. */
  readonly busy: boolean
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} }
const resolved: Promise<void> = Promise.resolve()

/** `work(record)`, with a synchronous throw turned into a rejection as `then` would. */
function safely(work: (s: SessionRecord) => Promise<void>, record: SessionRecord): Promise<void> {
  try {
    return work(record)
  } catch (e) {
    return Promise.reject(e)
  }
}

export function createHost(config: HostConfig): Host {
  const core: Core = {
    domain: config.domain,
    options: config.options ?? {},
    dispatcher: new Dispatcher(),
    storage: config.storage,
    network: config.network,
    accounts: config.accounts,
    output: config.output,
    log: config.log ?? silent,
    features: [],
    identities: [],
  }
  core.accountStanza = (bare, stanza, origin) => accountStanza(core, bare, stanza, origin)
  for (const module of config.modules) module.setup(moduleApi(core, module.name))
  const onAccount = new AccountQueue(core.log)

  // Per-session serialisation: a chain of promises and the record in flight.
  const queues = new Map<string, { tail: Promise<unknown>; record: SessionRecord; depth: number }>()
  function serialised(session: SessionRecord, work: (s: SessionRecord) => Promise<void>) {
    let queue = queues.get(session.id)
    if (!queue) {
      queue = { tail: resolved, record: session, depth: 0 }
      queues.set(session.id, queue)
    } else if (queue.depth === 0) {
      // Nothing in flight: the adapter's record is the current one.
      queue.record = session
    }
    const q = queue
    const finish = () => {
      // The entry stays while the session lives: deleting a Map's only entry and adding it
      // back at the next stanza reallocates the table each time (seen in the profile).
      if (--q.depth === 0 && q.record.stage === 'closed') queues.delete(session.id)
      return q.record
    }
    const failed = (e: unknown) => {
      core.log.error('session input failed', { session: q.record.id, error: String(e) })
      return streamError(core, q.record, 'internal-server-error')
        .catch(() => {})
        .then(finish)
    }
    // Nothing in flight (the usual case): start at once rather than a microtask later.
    const start = q.depth++ === 0 ? safely(work, q.record) : q.tail.then(() => work(q.record))
    const run = start.then(finish, failed)
    q.tail = run
    return run
  }

  return {
    domain: core.domain,
    features: core.features,
    identities: core.identities,
    receive: (session, element, text) =>
      serialised(session, (s) => dispatchInput(core, s, element, text)),
    closed: (session, reason) =>
      serialised(session, async (s) => {
        const wasBound = s.jid !== undefined
        s.stage = 'closed'
        if (wasBound) await core.network.account(s.jid!.slice(0, s.jid!.indexOf('/'))).unbind(s.id)
        await core.dispatcher.fire('session-closed', { session: s, reason })
      }),
    // Not an async function: one promise fewer per delivered stanza.
    push: (session, xml) =>
      session.stage === 'closed' || !core.output
        ? resolved
        : Promise.resolve(core.output.send(session, xml)),
    kick: (session, condition, text) =>
      serialised(session, (s) => streamError(core, s, condition, text)),
    account: {
      bind: (bare, request) => onAccount.run(bare, () => bindResource(core, bare, request)),
      unbind: (bare, sessionId) => onAccount.run(bare, () => unbindSession(core, bare, sessionId)),
      stanza: (bare, xml, origin, head) =>
        onAccount.enqueue(bare, () => accountStanzaXml(core, bare, xml, origin, head)),
      outbound: (bare, xml, origin) =>
        onAccount.enqueue(bare, () => accountOutbound(core, parseFrame(xml), origin)),
    },
    idle: () => onAccount.idle(),
    get busy() {
      return onAccount.busy
    },
    route: (stanza) => route(core, stanza),
  }
}

function moduleApi(core: Core, name: string): ModuleApi {
  return {
    name,
    domain: core.domain,
    hook: (event: string, handler: (p: never) => unknown, priority = 0) =>
      core.dispatcher.add(event, handler as never, priority, name),
    addFeature: (ns) => {
      if (!core.features.includes(ns)) core.features.push(ns)
    },
    addIdentity: (identity) => core.identities.push(identity),
    features: core.features,
    identities: core.identities,
    option: (key, fallback) =>
      core.options[key] === undefined ? fallback : (core.options[key] as never),
    openStore: (store, kind) => core.storage.open(store, kind),
    route: (stanza) => route(core, stanza),
    log: core.log,
    accounts: core.accounts,
    resources: (user) => resourceList(core, user),
    updateResource: (user, resource, data) => updateResourceData(core, user, resource, data),
    sendToResource: (user, resource, stanza) => sendToResource(core, user, resource, stanza),
    kick: (sessionId, condition, text) => core.network.session(sessionId).close(condition, text),
    fire: (event: string, payload: unknown) => core.dispatcher.fire(event, payload),
  } as ModuleApi
}

/** The session-side state machine: which input is acceptable at which stage. */
function dispatchInput(
  core: Core,
  session: SessionRecord,
  el: Element,
  text: string | undefined,
): Promise<void> {
  // The common case first, without an extra async frame: a stanza on a bound stream.
  if (session.stage === 'bound' && el.ns !== NS_FRAMING) {
    return handleStanza(core, session, el, text)
  }
  return negotiate(core, session, el)
}

async function negotiate(core: Core, session: SessionRecord, el: Element): Promise<void> {
  if (session.stage === 'closed') return
  if (el.ns === NS_FRAMING && el.local === 'open') return handleOpen(core, session, el)
  if (el.ns === NS_FRAMING && el.local === 'close') {
    // RFC 7395 §3.6.1: answer <close/> with <close/>, then the connection closes.
    return closeStream(core, session)
  }
  switch (session.stage) {
    case 'connected':
      // RFC 7395 §3.4: the first element must be <open/>.
      return streamError(core, session, 'not-authorized', 'the stream has not been opened')
    case 'authenticating':
      if (el.ns === NS_SASL) return handleSasl(core, session, el)
      if (await handleUnauthenticatedIq(core, session, el)) return
      // Anything but negotiation before authentication (RFC 6120 §6.4.1, §4.9.3.12).
      return streamError(core, session, 'not-authorized')
    case 'restart':
      // RFC 6120 §6.4.6: after <success/> only a new <open/> is acceptable.
      return streamError(core, session, 'not-authorized', 'restart the stream after authentication')
    case 'binding':
      if (await handleBind(core, session, el)) return
      // RFC 6120 §7.1: no stanzas before a resource is bound.
      return streamError(core, session, 'not-authorized', 'bind a resource first')
    case 'bound':
      return handleStanza(core, session, el)
  }
}
