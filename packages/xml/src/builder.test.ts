import { describe, expect, test } from 'vitest'
import { h, xml } from './builder'
import { Element } from './element'
import { parseFrame } from './frame'
import { serialize } from './serialize'

describe('xml tagged template', () => {
  test('escapes every interpolation: no injection through text or attributes', () => {
    const to = `a@b' type='error`
    const text = '</body><evil/>&amp;'
    const m = xml`<message to=${to}><body>${text}</body></message>`
    expect(m.attrs).toEqual({ to })
    expect(m.getChildren('body')).toHaveLength(1)
    expect(m.getChildText('body')).toBe(text)
    const q = xml`<a b="${'"/><x y="'}" c='${"'"}'/>`
    expect(q.attrs).toEqual({ b: '"/><x y="', c: "'" })
  })

  test('inserts elements, arrays and numbers; skips null, undefined and booleans', () => {
    const items = ['a@b', 'c@d'].map((jid) => xml`<item jid=${jid}/>`)
    const q = xml`<query xmlns='jabber:iq:roster' n=${3}>${items}${null}${undefined}${false}${1}</query>`
    expect(q.getChildren('item').map((i) => i.attr('jid'))).toEqual(['a@b', 'c@d'])
    expect(q.getChildren('item')[0]!.ns).toBe('jabber:iq:roster')
    expect(q.attr('n')).toBe('3')
    expect(q.text()).toBe('1')
  })

  test('an unquoted null or undefined attribute is left out', () => {
    expect(xml`<presence to=${undefined} type=${'unavailable'} id=${null}/>`.attrs).toEqual({
      type: 'unavailable',
    })
  })

  test('elements without xmlns take their namespace from where they are placed', () => {
    const body = xml`<body>hi</body>`
    expect(body.ns).toBe('')
    const m = xml`<message xmlns='jabber:client'>${body}</message>`
    expect(body.ns).toBe('jabber:client')
    expect(m.equals(parseFrame("<message xmlns='jabber:client'><body>hi</body></message>"))).toBe(
      true,
    )
    // A resolved element keeps its namespace when moved.
    const moved = xml`<x xmlns='urn:x'>${body}</x>`
    expect(serialize(moved)).toBe('<x xmlns="urn:x"><body xmlns="jabber:client">hi</body></x>')
  })

  test('refuses interpolation in names and invalid characters', () => {
    expect(() => xml`<${'a'}/>`).toThrow(TypeError)
    expect(() => xml`<a>${'\u0000'}</a>`).toThrow(TypeError)
    expect(() => xml`<a b=${{}}/>`).toThrow(TypeError)
  })

  test('the same call site is parsed correctly every time', () => {
    const make = (n: number) => xml`<a n=${n}>${'x'.repeat(n)}</a>`
    expect(make(1).text()).toBe('x')
    expect(make(3).text()).toBe('xxx')
  })
})

describe('h / xml() function builder', () => {
  test('builds the same tree as the template', () => {
    const built = h(
      'message',
      { xmlns: 'jabber:client', to: 'a@b', type: 'chat', id: undefined },
      h('body', null, 'hi ', 42),
    )
    const parsed = parseFrame(
      "<message xmlns='jabber:client' to='a@b' type='chat'><body>hi 42</body></message>",
    )
    expect(built.equals(parsed)).toBe(true)
    expect(built.getChild('body')?.ns).toBe('jabber:client')
    expect(xml('presence', { type: 'unavailable' }).attrs).toEqual({ type: 'unavailable' })
  })

  test('namespaces resolve through inheriting parents once the outer one is known', () => {
    const inner = h('c')
    const mid = h('b', null, inner)
    expect(inner.ns).toBe('')
    h('a', { xmlns: 'urn:a' }, mid)
    expect([mid.ns, inner.ns]).toEqual(['urn:a', 'urn:a'])
    const p = h('p:x', { 'xmlns:p': 'urn:p' }, h('p:y'), h('z'))
    expect((p.children[0] as Element).ns).toBe('urn:p')
    const parent = new Element('iq', {}, 'jabber:client')
    const child = h('query')
    parent.append(child)
    expect(child.ns).toBe('jabber:client')
  })

  test('refuses invalid names', () => {
    expect(() => h('a b')).toThrow(TypeError)
    expect(() => h('a', { '1x': 'y' })).toThrow(TypeError)
  })
})
