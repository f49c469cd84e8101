// XEP-0049: Private XML Storage (v1.2) — https://xmpp.org/extensions/xep-0049.html
//
// A user stores arbitrary XML on the server, one fragment per namespace, and reads it back; no
// one else may read or write it (§2.3, §4 Security Considerations). The data lives on the
// account side (the Account object) in a map store keyed by namespace.
import { defineModule, type IqEvent } from '@tercet/router'
import { NS_CLIENT, NS_PRIVATE, NS_SERVER, stanzaError } from '@tercet/stanza'
import { type Element, parseFrame, serialize } from '@tercet/xml'

/** Default `privateMaxSize`: bytes of serialised XML stored per namespace. */
export const DEFAULT_PRIVATE_MAX_SIZE = 64 * 1024

/**
 * §2.3: servers have historically refused reserved namespaces with not-acceptable (OPTIONAL).
 * These three can never be private data: they are stanzas themselves, or this protocol.
 */
export const RESERVED_NAMESPACES: ReadonlySet<string> = new Set([NS_CLIENT, NS_SERVER, NS_PRIVATE])

const encoder = new TextEncoder()

/** The query's child elements, checked: at least one (§2.3), none in a reserved namespace. */
function fragments(query: Element): Element[] {
  const children = query.getChildElements()
  // §2.3: "At least one child element with a proper namespace MUST be included; otherwise the
  // server MUST respond with a Not Acceptable error." A child without its own xmlns inherits
  // jabber:iq:private and so is not properly namespaced either.
  if (children.length === 0) {
    throw stanzaError('not-acceptable', { text: 'name the namespace to store or retrieve' })
  }
  for (const child of children) {
    if (RESERVED_NAMESPACES.has(child.ns)) {
      throw stanzaError('not-acceptable', { text: `${child.ns} is a reserved namespace` })
    }
  }
  return children
}

export const privateStorage = defineModule('private', (mod) => {
  mod.addFeature(NS_PRIVATE)
  // One entry per namespace: the fragments stored under it, serialised (§2.3: a set MAY carry
  // several elements of the same namespace, and they are returned together).
  const store = mod.openStore<string[], 'map'>('private', 'map')
  const maxSize = mod.option('privateMaxSize', DEFAULT_PRIVATE_MAX_SIZE)

  // §2.1: the user retrieves the fragment stored under the namespace of the query's child.
  mod.hook(`iq-get/self/${NS_PRIVATE}:query`, async (e: IqEvent) => {
    const query = e.stanza.getChildElements()[0]!
    const asked = fragments(query)
    const ns = asked[0]!.ns
    // §2.3: "A client MUST NOT query for more than one namespace in a single IQ get request."
    if (asked.some((child) => child.ns !== ns)) {
      throw stanzaError('bad-request', { text: 'one namespace per get' })
    }
    const saved = await store.get(e.to.local!, ns)
    // Nothing stored: the result carries the (empty) element that was asked for, as every
    // implementation since jabberd does.
    const result = query.clone()
    if (saved !== undefined) result.children = saved.map((xml) => parseFrame(xml))
    return e.reply(result)
  })

  // §2.1: the user stores fragments; each namespace present replaces what was stored under it.
  mod.hook(`iq-set/self/${NS_PRIVATE}:query`, async (e: IqEvent) => {
    const byNamespace = new Map<string, string[]>()
    for (const child of fragments(e.stanza.getChildElements()[0]!)) {
      const list = byNamespace.get(child.ns) ?? []
      list.push(serialize(child))
      byNamespace.set(child.ns, list)
    }
    for (const list of byNamespace.values()) {
      const size = list.reduce((n, xml) => n + encoder.encode(xml).byteLength, 0)
      if (size > maxSize) {
        // RFC 6120 §8.3.3.12: the server will not store this much under one namespace.
        throw stanzaError('not-acceptable', { text: `at most ${maxSize} bytes per namespace` })
      }
    }
    const user = e.to.local!
    for (const [ns, list] of byNamespace) await store.set(user, ns, list)
    return e.reply()
  })

  // §2.3: getting or setting another user's private data MUST be refused; forbidden is
  // "preferable" to service-unavailable. §4: only the user's own resources may touch it.
  const forbidden = () => {
    throw stanzaError('forbidden')
  }
  mod.hook(`iq-get/bare/${NS_PRIVATE}:query`, forbidden)
  mod.hook(`iq-set/bare/${NS_PRIVATE}:query`, forbidden)
})
