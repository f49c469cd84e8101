// Glue between the protocol client and the state: turns what arrives into actions, and what
// the person does into stanzas. No DOM here.
import { JidError, parseJid } from '@tercet/jid'
import { NS_CLIENT, NS_ROSTER } from '@tercet/stanza'
import { type Element, h } from '@tercet/xml'
import type { AppAction, Store } from './state/app-state'
import { trafficAction } from './state/console'
import { interpretStanza } from './state/incoming'
import { parseRosterItem, type RosterItem, subscribedTo } from './state/roster'
import type { OwnShow } from './state/session'
import { type ClientOptions, XmppClient } from './xmpp/client'
import { ConnectError } from './xmpp/errors'

export interface LoginForm {
  jid: string
  password: string
  register: boolean
  /** A manual WebSocket URL; empty for XEP-0156 discovery. */
  url: string
}

export class Controller {
  readonly client: XmppClient
  #store: Store
  #now: () => number

  constructor(store: Store, options: ClientOptions) {
    this.#store = store
    this.#now = options.now ?? Date.now
    const dispatch = (a: AppAction) => store.dispatch(a)
    this.client = new XmppClient(
      {
        status: (status) => dispatch({ type: 'connection/status', status }),
        online: (jid) => void this.#online(jid),
        stanza: (el) => this.#incoming(el),
        traffic: (dir, el) => dispatch(trafficAction(dir, el, this.#now())),
      },
      options,
    )
  }

  /** Checks the form, then connects; errors in the form are reported like connection errors. */
  async login(form: LoginForm): Promise<void> {
    let local: string | undefined
    let domain: string
    try {
      const jid = parseJid(form.jid.trim())
      if (!jid.local) throw new JidError('localpart', 'the address needs a user part', form.jid)
      local = jid.local
      domain = jid.domain
    } catch (e) {
      const reason = e instanceof JidError ? e.reason : (e as Error).message
      const error = new ConnectError('bad-jid', `"${form.jid}" is not a valid address: ${reason}.`)
      return this.#store.dispatch({ type: 'connection/status', status: { state: 'failed', error } })
    }
    const previous = this.#store.get().session.jid
    if (previous === undefined || !previous.startsWith(`${local}@${domain}/`)) {
      this.#store.dispatch({ type: 'session/reset' })
    }
    const url = form.url.trim()
    await this.client.connect({
      local,
      domain,
      password: form.password,
      register: form.register,
      resource: `web-${Math.random().toString(36).slice(2, 8)}`,
      ...(url ? { url } : {}),
    })
  }

  logout(): void {
    this.client.disconnect()
  }

  /** RFC 6121 §2.1.6 then §4.2: fetch the roster (becoming interested), then say we are here. */
  async #online(jid: string): Promise<void> {
    try {
      const result = await this.client.iq(
        h('iq', { xmlns: NS_CLIENT, type: 'get' }, h('query', { xmlns: NS_ROSTER })),
      )
      const items = (result.getChild('query', NS_ROSTER)?.getChildren('item') ?? [])
        .map(parseRosterItem)
        .filter((i): i is RosterItem => i !== undefined && !('remove' in i))
      this.#store.dispatch({ type: 'roster/result', items })
    } catch {
      // no roster: still go online; pushes will come
    }
    if (this.client.jid === jid) this.#sendPresence()
  }

  #incoming(el: Element): void {
    const self = this.client.jid ?? ''
    const { actions, replies } = interpretStanza(el, self, this.#now())
    for (const a of actions) this.#store.dispatch(a)
    for (const r of replies) this.#trySend(r)
  }

  #trySend(el: Element): boolean {
    if (!this.client.online) return false
    this.client.send(el)
    return true
  }

  #sendPresence(): void {
    const { show, status } = this.#store.get().session.presence
    // RFC 6121 §4.7.2.1: "online" is the absence of <show/>.
    this.#trySend(
      h(
        'presence',
        { xmlns: NS_CLIENT },
        show === 'online' ? null : h('show', {}, show),
        status ? h('status', {}, status) : null,
      ),
    )
  }

  setPresence(show: OwnShow, status: string): void {
    this.#store.dispatch({ type: 'presence/own', show, status })
    this.#sendPresence()
  }

  /** Normalises a typed address to a bare JID, or throws JidError. */
  bare(input: string): string {
    return parseJid(input.trim()).bare().toString()
  }

  /** RFC 6121 §2.3 add to the roster, then §3.1.1 ask for the contact's presence. */
  async addContact(input: string, name: string): Promise<void> {
    const jid = this.bare(input)
    await this.client.iq(
      h(
        'iq',
        { xmlns: NS_CLIENT, type: 'set' },
        h('query', { xmlns: NS_ROSTER }, h('item', { jid, name: name.trim() || null })),
      ),
    )
    this.#trySend(h('presence', { xmlns: NS_CLIENT, to: jid, type: 'subscribe' }))
  }

  /** RFC 6121 §3.1.4 approve; and ask back when we do not receive their presence yet. */
  approve(jid: string): void {
    this.#trySend(h('presence', { xmlns: NS_CLIENT, to: jid, type: 'subscribed' }))
    if (!subscribedTo(this.#store.get().roster, jid)) {
      this.#trySend(h('presence', { xmlns: NS_CLIENT, to: jid, type: 'subscribe' }))
    }
    this.#store.dispatch({ type: 'subscription/answered', jid })
  }

  /** RFC 6121 §3.2.1: refuse the request. */
  deny(jid: string): void {
    this.#trySend(h('presence', { xmlns: NS_CLIENT, to: jid, type: 'unsubscribed' }))
    this.#store.dispatch({ type: 'subscription/answered', jid })
  }

  /** RFC 6121 §2.5: removal also cancels both subscriptions on the server. */
  async removeContact(jid: string): Promise<void> {
    await this.client.iq(
      h(
        'iq',
        { xmlns: NS_CLIENT, type: 'set' },
        h('query', { xmlns: NS_ROSTER }, h('item', { jid, subscription: 'remove' })),
      ),
    )
    if (this.#store.get().chat.active === jid) this.#store.dispatch({ type: 'chat/close' })
  }

  /** RFC 6121 §5.2.2: a one-to-one message is type "chat", to the bare JID. */
  sendMessage(jid: string, body: string): boolean {
    const id = this.client.nextId()
    const sent = this.#trySend(
      h('message', { xmlns: NS_CLIENT, to: jid, type: 'chat', id }, h('body', {}, body)),
    )
    if (sent) {
      this.#store.dispatch({
        type: 'chat/outgoing',
        jid,
        message: { id, dir: 'out', body, at: this.#now() },
      })
    }
    return sent
  }

  openChat(jid: string): void {
    this.#store.dispatch({ type: 'chat/open', jid })
  }

  sendRaw(text: string): void {
    this.client.sendRaw(text)
  }
}
