import { describe, expect, test } from 'vitest'
import { Element } from './element'
import { parseFrame } from './frame'

const msg = parseFrame(
  `<message xmlns='jabber:client' to='bob@example.com' type='chat' xml:lang='en'>` +
    `<body>Hello</body><body xml:lang='de'>Hallo</body><body xmlns='urn:other'>foreign</body>` +
    `<thread>t1</thread><x:data xmlns:x='urn:x'>a<i/>b</x:data></message>`,
)

describe('Element', () => {
  test('name parts, attributes and namespace', () => {
    expect(msg.name).toBe('message')
    expect(msg.ns).toBe('jabber:client')
    expect(msg.attr('to')).toBe('bob@example.com')
    expect(msg.attr('xml:lang')).toBe('en')
    expect(msg.attr('from')).toBeUndefined()
    expect(msg.attr('toString')).toBeUndefined()
    const data = msg.getChild('data', 'urn:x')!
    expect([data.name, data.prefix, data.local, data.ns]).toEqual(['x:data', 'x', 'data', 'urn:x'])
    expect(data.is('data', 'urn:x')).toBe(true)
    expect(data.is('data', 'jabber:client')).toBe(false)
  })

  test("getChild and getChildren default to the parent's namespace (Prosody's get_child)", () => {
    expect(msg.getChild('body')?.text()).toBe('Hello')
    expect(msg.getChildren('body').map((b) => b.text())).toEqual(['Hello', 'Hallo'])
    expect(msg.getChild('body', 'urn:other')?.text()).toBe('foreign')
    expect(msg.getChild('data')).toBeUndefined()
    expect(msg.getChildText('thread')).toBe('t1')
    expect(msg.getChildText('subject')).toBeUndefined()
    expect(msg.getChildElements()).toHaveLength(5)
  })

  test('text() is the direct character data only', () => {
    expect(msg.getChild('data', 'urn:x')?.text()).toBe('ab')
    expect(msg.text()).toBe('')
  })

  test('clone is deep and equal; mutating it leaves the original alone', () => {
    const copy = msg.clone()
    expect(copy.equals(msg)).toBe(true)
    copy.getChild('body')!.children[0] = 'Bye'
    copy.attrs.to = 'eve@example.com'
    expect(msg.getChildText('body')).toBe('Hello')
    expect(msg.attr('to')).toBe('bob@example.com')
    expect(copy.equals(msg)).toBe(false)
  })

  test('equals ignores prefixes, declaration placement and text splits', () => {
    const a = parseFrame("<p:a xmlns:p='urn:a' k='v'><p:b>x</p:b></p:a>")
    const b = parseFrame("<a xmlns='urn:a' k='v'><b>x</b></a>")
    const c = new Element('a', { k: 'v' }, 'urn:a', [new Element('b', {}, 'urn:a', ['', 'x'])])
    expect(a.equals(b)).toBe(true)
    expect(b.equals(c)).toBe(true)
    expect(a.equals(parseFrame("<a xmlns='urn:b' k='v'><b>x</b></a>"))).toBe(false)
    expect(a.equals(parseFrame("<a xmlns='urn:a' k='w'><b>x</b></a>"))).toBe(false)
    expect(a.equals(parseFrame("<a xmlns='urn:a' k='v' l=''><b>x</b></a>"))).toBe(false)
    expect(a.equals(parseFrame("<a xmlns='urn:a' k='v'><b>x</b>y</a>"))).toBe(false)
  })

  test('append merges text and returns the element', () => {
    const e = new Element('a')
    expect(e.append('x', 'y', new Element('b'), '', 'z')).toBe(e)
    expect(e.children).toEqual(['xy', new Element('b'), 'z'])
  })

  test('an attribute named __proto__ is an ordinary attribute', () => {
    const e = parseFrame("<a __proto__='x' constructor='y'/>")
    expect(e.attr('__proto__')).toBe('x')
    expect(e.attr('constructor')).toBe('y')
    expect(Object.keys(e.attrs)).toEqual(['__proto__', 'constructor'])
    const child = parseFrame("<r><a __proto__='x' xmlns='urn:a'/></r>").getChild('a', 'urn:a')!
    expect(Object.keys(child.attrs)).toEqual(['__proto__', 'xmlns'])
    expect(child.attr('__proto__')).toBe('x')
    expect(Object.getPrototypeOf(child.attrs)).toBe(Object.prototype)
  })

  test('attribute objects keep document order and values, whichever names they have', () => {
    // The builder stores the common XMPP names through named stores and the rest through a
    // keyed one (tree-builder.ts): both must give the same object, in document order.
    const frame =
      "<r><item x='1' subscription='both' jid='a@b' name='A' ask='subscribe' id='i'" +
      " xmlns='jabber:iq:roster' type='t' from='f' to='t2' y=''/></r>"
    const item = parseFrame(frame).getChild('item', 'jabber:iq:roster')!
    expect(Object.entries(item.attrs)).toEqual([
      ['x', '1'],
      ['subscription', 'both'],
      ['jid', 'a@b'],
      ['name', 'A'],
      ['ask', 'subscribe'],
      ['id', 'i'],
      ['xmlns', 'jabber:iq:roster'],
      ['type', 't'],
      ['from', 'f'],
      ['to', 't2'],
      ['y', ''],
    ])
    expect(() => parseFrame("<r><m to='a' id='1' to='b'/></r>")).toThrow(/duplicate attribute to/)
  })

  test('a duplicate attribute is reported before a misused namespace on the same tag', () => {
    const frame = "<a><b xmlns='http://www.w3.org/XML/1998/namespace' c='1' c='2'/></a>"
    expect(() => parseFrame(frame)).toThrow(/duplicate attribute c/)
    expect(() => parseFrame(frame.replace("c='2'", "e='2'"))).toThrow(
      /reserved namespace misused by xmlns/,
    )
  })
})
