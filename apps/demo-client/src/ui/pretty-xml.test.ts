import { describe, expect, test } from 'vitest'
import { prettyXml } from './pretty-xml'

describe('prettyXml', () => {
  test('indents children and keeps text-only elements on one line', () => {
    expect(
      prettyXml(
        '<message xmlns="jabber:client" to="bob@localhost" type="chat"><body>hi &lt;3</body><active xmlns="http://jabber.org/protocol/chatstates"/></message>',
      ),
    ).toBe(
      [
        '<message xmlns="jabber:client" to="bob@localhost" type="chat">',
        '  <body>hi &lt;3</body>',
        '  <active xmlns="http://jabber.org/protocol/chatstates"/>',
        '</message>',
      ].join('\n'),
    )
  })

  test('nests deeper and keeps empty pairs together', () => {
    expect(prettyXml('<iq><query><item jid="a"><group>x</group></item><x></x></query></iq>')).toBe(
      [
        '<iq>',
        '  <query>',
        '    <item jid="a">',
        '      <group>x</group>',
        '    </item>',
        '    <x></x>',
        '  </query>',
        '</iq>',
      ].join('\n'),
    )
  })

  test('attribute values holding > are escaped by the serializer, so tags split exactly', () => {
    expect(prettyXml('<a t="1 &gt; 0"><b/></a>')).toBe('<a t="1 &gt; 0">\n  <b/>\n</a>')
  })

  test('mixed content keeps its text', () => {
    expect(prettyXml('<p>one<b>two</b>three</p>')).toBe('<p>\n  one\n  <b>two</b>\n  three\n</p>')
  })
})
