// XEP-0156: Discovering Alternative XMPP Connection Methods (v1.4.0) —
// https://xmpp.org/extensions/xep-0156.html. The WebSocket endpoint is the `href` of the link
// with rel `urn:xmpp:alt-connections:websocket` in the domain's host-meta (RFC 6415 JRD form).

export const WEBSOCKET_REL = 'urn:xmpp:alt-connections:websocket'

/** The WebSocket URL in a host-meta.json document, or undefined. */
export function parseHostMeta(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined
  const links = (json as { links?: unknown }).links
  if (!Array.isArray(links)) return undefined
  for (const link of links) {
    const { rel, href } = (link ?? {}) as { rel?: unknown; href?: unknown }
    if (rel !== WEBSOCKET_REL || typeof href !== 'string') continue
    try {
      const url = new URL(href)
      if (url.protocol === 'ws:' || url.protocol === 'wss:') return url.toString()
    } catch {
      // not a URL: try the next link
    }
  }
  return undefined
}

/**
 * Where to look, in order: the origin that served this page (the Worker serves both the
 * client and host-meta, and its stream answers host-unknown for a domain it does not serve),
 * then the JID's own domain over https as XEP-0156 §3 says.
 */
export function hostMetaCandidates(domain: string, pageOrigin?: string): string[] {
  const urls: string[] = []
  if (pageOrigin && /^https?:\/\//.test(pageOrigin)) {
    urls.push(new URL('/.well-known/host-meta.json', pageOrigin).toString())
  }
  const own = `https://${domain}/.well-known/host-meta.json`
  if (!urls.includes(own)) urls.push(own)
  return urls
}

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>

/** Tries each candidate; the first WebSocket link found wins. Undefined when none answers. */
export async function discoverWebSocket(
  domain: string,
  options: { pageOrigin?: string; fetch?: Fetch; timeoutMs?: number } = {},
): Promise<string | undefined> {
  const doFetch = options.fetch ?? ((url, init) => fetch(url, init))
  for (const url of hostMetaCandidates(domain, options.pageOrigin)) {
    try {
      const res = await doFetch(url, {
        signal: AbortSignal.timeout(options.timeoutMs ?? 4000),
        headers: { Accept: 'application/json' },
      })
      if (!res.ok) continue
      const found = parseHostMeta(await res.json())
      if (found) return found
    } catch {
      // unreachable, not JSON, or timed out: try the next one
    }
  }
  return undefined
}
