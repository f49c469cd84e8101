// XEP-0030: Service Discovery (v2.5rc3) — https://xmpp.org/extensions/xep-0030.html
//
// Session side: disco#info and disco#items of the server itself (the `iq-get/host/…` events),
// with the identity server/im and every feature the server's modules advertise. Account side:
// the server answers disco#info and disco#items sent to a user's bare JID on the user's behalf
// (§3.1, §4.1; RFC 6121 §8.5.2.1.3), under the access rules of §8.
import type { Jid } from '@tercet/jid'
import {
  defineModule,
  type Identity,
  type IqEvent,
  type Module,
  type ModuleApi,
} from '@tercet/router'
import {
  buildDiscoInfo,
  buildDiscoItems,
  type DiscoItemInit,
  NS_DISCO_INFO,
  NS_DISCO_ITEMS,
  parseDiscoInfoRequest,
  parseDiscoItemsRequest,
  stanzaError,
} from '@tercet/stanza'
import { type Advertised, advertised, liveAdvertised, recorded, recording } from './advertised'

/** A static item of the server's disco#items (the `discoItems` option), e.g. a MUC service. */
export interface DiscoItemOption {
  jid: string
  name?: string
  node?: string
}

export interface DiscoConfig {
  /**
   * XEP-0030 §8: whether `requester` may learn about the account `user` through disco (its
   * existence and identity, its available resources), beyond the account itself and the
   * server. The rule is "authorised to receive presence from the target entity (a subscription
   * of type both or from) or otherwise trusted": wire this to the roster's subscription state.
   * Default: nobody else.
   */
  mayDiscoverAccount?: (request: {
    mod: ModuleApi
    user: string
    requester: Jid
  }) => boolean | Promise<boolean>
}

declare module '@tercet/router' {
  interface HostEvents {
    /**
     * Account side, XEP-0030 §8: may `requester` discover the account `user` (its identity and
     * available resources)? A handler returns true to allow it, e.g. the roster module for a
     * presence subscription of type from or both.
     */
    'disco-account-trust': { readonly user: string; readonly requester: Jid }
    /** Session side: handlers add items to the server's disco#items (components, §4.1). */
    'disco-items': { readonly items: DiscoItemInit[] }
  }
}

/** Default `discoName`: the name of the server's identity. */
export const DEFAULT_DISCO_NAME = 'Tercet'

async function mayDiscover(mod: ModuleApi, config: DiscoConfig, e: IqEvent): Promise<boolean> {
  const requester = e.from
  // The account itself, and the server (e.g. a server-generated query), are always trusted.
  if (requester.bare().equals(e.to)) return true
  if (requester.local === undefined && requester.domain === mod.domain) return true
  const user = e.to.local!
  if ((await config.mayDiscoverAccount?.({ mod, user, requester })) === true) return true
  return mod.fire('disco-account-trust', { user, requester })
}

function setupDisco(mod: ModuleApi, config: DiscoConfig, recordedSoFar: Advertised): void {
  const own = recording(mod, recordedSoFar)
  // §3.1: every entity MUST support at least disco#info; we answer disco#items too.
  own.addFeature(NS_DISCO_INFO)
  own.addFeature(NS_DISCO_ITEMS)
  // §3.1 and the Service Discovery Identities registry: an IM server is server/im.
  const name = mod.option<string | undefined>('discoName', DEFAULT_DISCO_NAME)
  const server: Identity = { category: 'server', type: 'im', ...(name ? { name } : {}) }
  own.addIdentity(server)
  const items = (): DiscoItemOption[] => mod.option<DiscoItemOption[]>('discoItems', [])

  // §3.1: the server's identities and features, read at request time so that every module's
  // addFeature counts, whatever its place in the module list.
  mod.hook(`iq-get/host/${NS_DISCO_INFO}:query`, (e: IqEvent) => {
    const request = parseDiscoInfoRequest(e.stanza.getChildElements()[0]!)
    // §3.2 and §7: the server has no info nodes; an unknown node is item-not-found.
    if (request.node !== undefined) throw stanzaError('item-not-found')
    const { features, identities } = liveAdvertised(mod, recordedSoFar)
    // The server's own identity first: it is the primary one (§3.1 allows several).
    const others = identities.filter((i) => i.category !== 'server' || i.type !== 'im')
    return e.reply(
      buildDiscoInfo({ identities: [server, ...others], features: [...features].sort() }),
    )
  })

  // §4.1: the server's items: the configured ones (components), or an empty query (§7: never
  // an error for "no items").
  mod.hook(`iq-get/host/${NS_DISCO_ITEMS}:query`, async (e: IqEvent) => {
    const request = parseDiscoItemsRequest(e.stanza.getChildElements()[0]!)
    if (request.node !== undefined) throw stanzaError('item-not-found')
    const found = { items: [...items()] }
    await mod.fire('disco-items', found)
    return e.reply(buildDiscoItems(found))
  })

  // §3.1: disco#info to a bare JID is answered by the server on behalf of the account, with the
  // identity account/registered. The router has already answered for accounts that do not exist
  // (RFC 6121 §8.5.1 and §8 rule 1.1: service-unavailable).
  mod.hook(`iq-get/bare/${NS_DISCO_INFO}:query`, async (e: IqEvent) => {
    const request = parseDiscoInfoRequest(e.stanza.getChildElements()[0]!)
    // §8 rule 1.2: a requester not authorised to see the account's presence learns nothing,
    // node or not: service-unavailable, exactly as for an account that does not exist.
    if (!(await mayDiscover(mod, config, e))) throw stanzaError('service-unavailable')
    if (request.node !== undefined) throw stanzaError('item-not-found')
    return e.reply(
      buildDiscoInfo({
        identities: [{ category: 'account', type: 'registered' }],
        features: [NS_DISCO_INFO, NS_DISCO_ITEMS],
      }),
    )
  })

  // §4.1: disco#items to a bare JID: the account's available resources, for requesters allowed
  // to see them; §8 rule 2: an empty result set for everyone else.
  mod.hook(`iq-get/bare/${NS_DISCO_ITEMS}:query`, async (e: IqEvent) => {
    const request = parseDiscoItemsRequest(e.stanza.getChildElements()[0]!)
    if (request.node !== undefined || !(await mayDiscover(mod, config, e))) {
      return e.reply(buildDiscoItems(request.node === undefined ? {} : { node: request.node }))
    }
    const user = e.to.local!
    const available = (await mod.resources(user)).filter((r) => r.available)
    const jids = available.map((r) => `${e.to}/${r.resource}`).sort()
    return e.reply(buildDiscoItems({ items: jids.map((jid) => ({ jid })) }))
  })
}

/**
 * A disco module with its own configuration. Standalone it sees only what the router exposes
 * to modules; put it in a list through {@link withDisco} to see every module's features.
 */
export function createDisco(config: DiscoConfig = {}, recordedSoFar = advertised()): Module {
  return defineModule('disco', (mod) => setupDisco(mod, config, recordedSoFar))
}

/** The disco module with the default configuration (see {@link createDisco}). */
export const disco: Module = createDisco()

/**
 * The server's module list with disco added: every module's `addFeature`/`addIdentity` is
 * recorded so that disco#info lists them all (XEP-0030 §3.1). The features are the same for
 * every host built from the list, since every host runs the same setups.
 */
export function withDisco(modules: readonly Module[], config: DiscoConfig = {}): Module[] {
  const recordedSoFar = advertised()
  return [...modules.map((m) => recorded(m, recordedSoFar)), createDisco(config, recordedSoFar)]
}
