import { describe, expect, test } from 'vitest'
import { h } from './builder'
import { Element } from './element'
import { parseFrame } from './frame'
import { escapeAttr, escapeText, serialize } from './serialize'

describe('escaping', () => {
  test('text escapes &, <, > and CR; attributes also quotes, tab and LF', () => {
    expect(escapeText(`a&b<c>d"e'f\tg\nh\ri`)).toBe(`a&amp;b&lt;c&gt;d"e'f\tg\nh&#13;i`)
    expect(escapeAttr(`a&b<c>d"e'f\tg\nh\ri`)).toBe(
      'a&amp;b&lt;c&gt;d&quot;e&apos;f&#9;g&#10;h&#13;i',
    )
  })

  test('returns the very same string when nothing needs escaping', () => {
    const s = 'plain text, with ünïcödé and 😀'
    expect(escapeText(s)).toBe(s)
  })

  test('refuses what XML 1.0 §2.2 cannot carry', () => {
    for (const bad of [
      '\u0000',
      '\u0001',
      '\u000b',
      '\u001f',
      '\uFFFE',
      '\uFFFF',
      '\uD800',
      '\uDC00',
      'a\uD83Db',
    ]) {
      expect(() => escapeText(bad), JSON.stringify(bad)).toThrow(TypeError)
      expect(() => escapeAttr(bad), JSON.stringify(bad)).toThrow(TypeError)
    }
  })
})

describe('serialize', () => {
  test('writes one xmlns per namespace change, none for children in the same namespace', () => {
    const iq = h(
      'iq',
      { type: 'result', id: '1', xmlns: 'jabber:client' },
      h('query', { xmlns: 'jabber:iq:roster' }, h('item', { jid: 'a@b' })),
    )
    // The element's own binding comes first, then its attributes in order.
    expect(serialize(iq)).toBe(
      '<iq xmlns="jabber:client" type="result" id="1"><query xmlns="jabber:iq:roster"><item jid="a@b"/></query></iq>',
    )
    // A redundant declaration on a child is dropped.
    const msg = new Element('message', { xmlns: 'jabber:client' }, 'jabber:client', [
      new Element('body', { xmlns: 'jabber:client' }, 'jabber:client', ['hi']),
    ])
    expect(serialize(msg)).toBe('<message xmlns="jabber:client"><body>hi</body></message>')
  })

  test('defaultNs: a stanza written into a jabber:client stream carries no xmlns', () => {
    const msg = parseFrame("<message xmlns='jabber:client'><body>hi</body></message>")
    expect(serialize(msg, { defaultNs: 'jabber:client' })).toBe(
      '<message><body>hi</body></message>',
    )
    expect(msg.toString()).toBe('<message xmlns="jabber:client"><body>hi</body></message>')
    // ns is authoritative: an element in no namespace inside jabber:client gets xmlns="".
    const odd = new Element('message', {}, 'jabber:client', [new Element('x', {}, '')])
    expect(serialize(odd, { defaultNs: 'jabber:client' })).toBe('<message><x xmlns=""/></message>')
  })

  test('round-trips prefixes, declaring them where the element needs them', () => {
    const features = parseFrame(
      "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><stream:features/></stream:stream>",
    ).children[0] as Element
    expect(serialize(features)).toBe(
      '<stream:features xmlns:stream="http://etherx.jabber.org/streams"/>',
    )
    const doc = "<p:a xmlns:p='urn:p' p:x='1' xml:lang='en'><p:b/><c xmlns='urn:c'/></p:a>"
    expect(serialize(parseFrame(doc))).toBe(
      '<p:a xmlns:p="urn:p" p:x="1" xml:lang="en"><p:b/><c xmlns="urn:c"/></p:a>',
    )
  })

  test('escapes text and attribute values, and refuses invalid names and characters', () => {
    const e = h('a', { q: `"'<&>` }, `<b>&</b> ]]>`)
    expect(serialize(e)).toBe(
      '<a q="&quot;&apos;&lt;&amp;&gt;">&lt;b&gt;&amp;&lt;/b&gt; ]]&gt;</a>',
    )
    expect(() => serialize(new Element('a b'))).toThrow(TypeError)
    expect(() => serialize(new Element('a', { 'b c': '1' }))).toThrow(TypeError)
    expect(() => serialize(new Element('a', { 'x:b': '1' }))).toThrow(/undeclared prefix/)
    expect(() => serialize(new Element('a', {}, '', ['\u0000']))).toThrow(TypeError)
    expect(() => serialize(new Element('p:a', {}, ''))).toThrow(TypeError)
  })
})
