// A scripted XMPP-over-WebSocket peer for component tests: a fake socket whose "server" side
// answers <open/>, SASL PLAIN, binding and the roster, and records every frame it got.
import { parseFrame } from '@tercet/xml'
import type { SocketLike } from './client'

export interface FakeServerOptions {
  password?: string
  domain?: string
  /** Refuse the connection: the socket closes without ever opening. */
  unreachable?: boolean
  roster?: string
  /** The subprotocol the "server" agrees to (RFC 7395 §3.1); `xmpp` unless set. */
  protocol?: string
  /** Offer XEP-0077 registration before authentication. */
  registration?: boolean
}

const OPEN = (domain: string) =>
  `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="${domain}" id="s1" version="1.0" xml:lang="en"/>`
const FEATURES_AUTH =
  '<stream:features xmlns:stream="http://etherx.jabber.org/streams">' +
  '<mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>PLAIN</mechanism></mechanisms>' +
  '</stream:features>'
const FEATURES_BIND =
  '<stream:features xmlns:stream="http://etherx.jabber.org/streams">' +
  '<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></stream:features>'

const REGISTER = '<register xmlns="http://jabber.org/features/iq-register"/>'

export class FakeSocket implements SocketLike {
  protocol = 'xmpp'
  onopen: ((ev: unknown) => void) | null = null
  onclose: ((ev: { code: number; reason: string }) => void) | null = null
  onerror: ((ev: unknown) => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  received: string[] = []
  closed = false
  #authenticated = false

  constructor(
    readonly url: string,
    readonly options: FakeServerOptions,
  ) {
    this.protocol = options.protocol ?? 'xmpp'
    queueMicrotask(() => {
      if (options.unreachable) {
        this.onerror?.({})
        this.closed = true
        this.onclose?.({ code: 1006, reason: '' })
      } else this.onopen?.({})
    })
  }

  /** Server → client. */
  push(frame: string): void {
    this.onmessage?.({ data: frame })
  }

  /** The network drops. */
  drop(): void {
    if (this.closed) return
    this.closed = true
    this.onclose?.({ code: 1006, reason: '' })
  }

  send(data: string): void {
    this.received.push(data)
    const el = parseFrame(data)
    const domain = this.options.domain ?? 'localhost'
    const reply = (frame: string) => queueMicrotask(() => this.push(frame))
    if (el.local === 'open') {
      if (el.attr('to') !== domain) {
        reply(OPEN(domain))
        reply(
          '<stream:error xmlns:stream="http://etherx.jabber.org/streams"><host-unknown xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></stream:error>',
        )
        reply('<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>')
        return
      }
      reply(OPEN(domain))
      const auth = this.options.registration
        ? FEATURES_AUTH.replace('</stream:features>', `${REGISTER}</stream:features>`)
        : FEATURES_AUTH
      reply(this.#authenticated ? FEATURES_BIND : auth)
    } else if (el.local === 'auth') {
      const [, , password] = atob(el.text()).split('\0')
      if (password === (this.options.password ?? 'secret')) {
        this.#authenticated = true
        reply('<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>')
      } else {
        reply('<failure xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><not-authorized/></failure>')
      }
    } else if (el.local === 'iq' && el.getChild('query', 'jabber:iq:register')) {
      reply(`<iq xmlns="jabber:client" type="result" id="${el.attr('id')}"/>`)
    } else if (el.local === 'iq' && el.getChild('bind', 'urn:ietf:params:xml:ns:xmpp-bind')) {
      const resource = el
        .getChild('bind', 'urn:ietf:params:xml:ns:xmpp-bind')
        ?.getChildText('resource')
      reply(
        `<iq xmlns="jabber:client" type="result" id="${el.attr('id')}"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>alice@${domain}/${resource}</jid></bind></iq>`,
      )
    } else if (
      el.local === 'iq' &&
      el.getChild('query', 'jabber:iq:roster') &&
      el.attr('type') === 'get'
    ) {
      reply(
        `<iq xmlns="jabber:client" type="result" id="${el.attr('id')}"><query xmlns="jabber:iq:roster">${this.options.roster ?? ''}</query></iq>`,
      )
    } else if (el.local === 'close') {
      reply('<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>')
      queueMicrotask(() => this.drop())
    }
  }

  close(): void {
    queueMicrotask(() => this.drop())
  }
}

/** Lets queued microtasks and promise chains run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0))
}

/** Manual timers: tests decide when time passes. */
export function manualTimers() {
  let now = 1_000_000
  const timers = new Map<number, { at: number; fn: () => void }>()
  let next = 1
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const id = next++
      timers.set(id, { at: now + ms, fn })
      return id
    },
    clearTimer: (t: unknown) => {
      timers.delete(t as number)
    },
    pending: () => [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b),
    advance(ms: number) {
      now += ms
      for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now) {
          timers.delete(id)
          t.fn()
        }
      }
    },
  }
}
