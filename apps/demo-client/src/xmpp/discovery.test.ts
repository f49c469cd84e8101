import { describe, expect, test } from 'vitest'
import { discoverWebSocket, hostMetaCandidates, parseHostMeta, WEBSOCKET_REL } from './discovery'

describe('XEP-0156 discovery', () => {
  test('parseHostMeta picks the websocket link', () => {
    expect(
      parseHostMeta({
        links: [
          { rel: 'urn:xmpp:alt-connections:xbosh', href: 'https://example.com/http-bind' },
          { rel: WEBSOCKET_REL, href: 'wss://example.com/xmpp-websocket' },
        ],
      }),
    ).toBe('wss://example.com/xmpp-websocket')
  })

  test('parseHostMeta ignores what is not a ws(s) URL', () => {
    expect(parseHostMeta({ links: [{ rel: WEBSOCKET_REL, href: 'https://x/' }] })).toBeUndefined()
    expect(parseHostMeta({ links: [{ rel: WEBSOCKET_REL, href: 'not a url' }] })).toBeUndefined()
    expect(parseHostMeta({ links: 'nope' })).toBeUndefined()
    expect(parseHostMeta(null)).toBeUndefined()
  })

  test('candidates: the page origin first, then the domain over https', () => {
    expect(hostMetaCandidates('localhost', 'http://127.0.0.1:8787')).toEqual([
      'http://127.0.0.1:8787/.well-known/host-meta.json',
      'https://localhost/.well-known/host-meta.json',
    ])
    expect(hostMetaCandidates('example.com', 'file://')).toEqual([
      'https://example.com/.well-known/host-meta.json',
    ])
  })

  test('discoverWebSocket falls through failures to the next candidate', async () => {
    const asked: string[] = []
    const url = await discoverWebSocket('example.com', {
      pageOrigin: 'http://127.0.0.1:9',
      fetch: async (u) => {
        asked.push(u)
        if (u.startsWith('http://127.0.0.1')) throw new TypeError('connection refused')
        return new Response(
          JSON.stringify({ links: [{ rel: WEBSOCKET_REL, href: 'wss://example.com/ws' }] }),
        )
      },
    })
    expect(url).toBe('wss://example.com/ws')
    expect(asked).toHaveLength(2)
  })

  test('discoverWebSocket gives undefined when nothing answers', async () => {
    const url = await discoverWebSocket('example.com', {
      fetch: async () => new Response('not found', { status: 404 }),
    })
    expect(url).toBeUndefined()
  })
})
