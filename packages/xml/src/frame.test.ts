import { describe, expect, test } from 'vitest'
import { Element } from './element'
import { parseFrame } from './frame'

const NS_FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing'

describe('parseFrame (RFC 7395)', () => {
  test('<open/> and <close/> are complete elements', () => {
    expect(parseFrame(`<open xmlns="${NS_FRAMING}" to="example.com" version="1.0"/>`)).toEqual(
      new Element('open', { xmlns: NS_FRAMING, to: 'example.com', version: '1.0' }, NS_FRAMING),
    )
    expect(parseFrame(`<close xmlns="${NS_FRAMING}"/>`).is('close', NS_FRAMING)).toBe(true)
  })

  test('a stanza, with an XML declaration and surrounding whitespace', () => {
    const el = parseFrame(
      `<?xml version='1.0'?>\n<message xmlns='jabber:client'><body>hi</body></message>\r\n`,
    )
    expect(el.getChildText('body')).toBe('hi')
  })

  test('defaultNs puts unqualified stanzas in a namespace', () => {
    expect(parseFrame('<iq type="get"/>').ns).toBe('')
    expect(parseFrame('<iq type="get"/>', { defaultNs: 'jabber:client' }).ns).toBe('jabber:client')
  })

  test('accepts UTF-8 bytes and refuses invalid ones', () => {
    const bytes = new TextEncoder().encode('<a>é😀</a>')
    expect(parseFrame(bytes).text()).toBe('é😀')
    expect(parseFrame(bytes.buffer as ArrayBuffer).text()).toBe('é😀')
    expect(() =>
      parseFrame(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e])),
    ).toThrow(expect.objectContaining({ condition: 'not-well-formed', reason: 'invalid UTF-8' }))
  })

  test('two roots, text outside and partial elements throw', () => {
    for (const bad of ['<a/><b/>', 'x<a/>', '<a/>x', '<a>', '<a', '']) {
      expect(() => parseFrame(bad), bad).toThrow(
        expect.objectContaining({ condition: 'not-well-formed' }),
      )
    }
  })
})
