import { parseJid } from '@tercet/jid'
import { parseFrame, xml } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { expectXml } from '../test/xml-equal'
import {
  buildDiscoInfo,
  buildDiscoItems,
  parseDiscoInfo,
  parseDiscoInfoRequest,
  parseDiscoItems,
  parseDiscoItemsRequest,
} from './disco'
import { StanzaError } from './errors'
import { NS_DISCO_INFO, NS_DISCO_ITEMS, NS_MUC } from './ns'
import { buildRsmResult } from './rsm'

function badRequest(fn: () => unknown, text: string): void {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(StanzaError)
    expect((e as StanzaError).condition).toBe('bad-request')
    expect((e as StanzaError).text).toBe(text)
    return
  }
  throw new Error('expected a bad-request')
}

describe('disco requests', () => {
  test('read the node of a disco#info request (§3.2)', () => {
    expect(
      parseDiscoInfoRequest(xml`<query xmlns='http://jabber.org/protocol/disco#info'/>`),
    ).toEqual({})
    expect(
      parseDiscoInfoRequest(
        xml`<query xmlns='http://jabber.org/protocol/disco#info' node='http://jabber.org/protocol/commands'/>`,
      ),
    ).toEqual({ node: 'http://jabber.org/protocol/commands' })
  })

  test('read the node and the RSM paging of a disco#items request (§4.2, XEP-0059 §3)', () => {
    expect(
      parseDiscoItemsRequest(
        xml`<query xmlns='http://jabber.org/protocol/disco#items' node='music'/>`,
      ),
    ).toEqual({
      node: 'music',
    })
    const paged = xml`<query xmlns='http://jabber.org/protocol/disco#items'><set xmlns='http://jabber.org/protocol/rsm'><max>20</max></set></query>`
    expect(parseDiscoItemsRequest(paged)).toEqual({ rsm: { max: 20 } })
  })

  test('refuse an empty node (§4.2: MUST NOT be null) and a foreign query', () => {
    badRequest(
      () =>
        parseDiscoInfoRequest(xml`<query xmlns='http://jabber.org/protocol/disco#info' node=''/>`),
      'empty disco node',
    )
    badRequest(
      () => parseDiscoItemsRequest(xml`<query xmlns='http://jabber.org/protocol/disco#info'/>`),
      `not a ${NS_DISCO_ITEMS} query`,
    )
    badRequest(
      () =>
        parseDiscoItemsRequest(
          xml`<query xmlns='http://jabber.org/protocol/disco#items'><set xmlns='http://jabber.org/protocol/rsm'><max>x</max></set></query>`,
        ),
      "invalid RSM <max/>: 'x'",
    )
  })
})

describe('buildDiscoInfo', () => {
  test('writes identities with name and xml:lang, then features (§3.1)', () => {
    const query = buildDiscoInfo({
      identities: [
        { category: 'server', type: 'im', name: 'Tercet' },
        { category: 'pubsub', type: 'pep', name: 'PEP', lang: 'en' },
      ],
      features: [NS_DISCO_INFO, NS_DISCO_ITEMS, 'urn:xmpp:ping'],
    })
    expectXml(
      query,
      xml`<query xmlns='http://jabber.org/protocol/disco#info'><identity category='server' type='im' name='Tercet'/><identity category='pubsub' type='pep' name='PEP' xml:lang='en'/><feature var='http://jabber.org/protocol/disco#info'/><feature var='http://jabber.org/protocol/disco#items'/><feature var='urn:xmpp:ping'/></query>`,
    )
    expect(query.toString()).toContain(`xml:lang="en"`)
  })

  test('mirrors the node of the request (§3.2)', () => {
    expectXml(
      buildDiscoInfo({ node: 'x', identities: [{ category: 'automation', type: 'command-list' }] }),
      xml`<query xmlns='http://jabber.org/protocol/disco#info' node='x'><identity category='automation' type='command-list'/></query>`,
    )
  })

  test('drops repeated features, keeping the first position (XEP-0115 §5.4)', () => {
    const query = buildDiscoInfo({ features: ['a', 'b', 'a'] })
    expect(query.getChildren('feature').map((f) => f.attr('var'))).toEqual(['a', 'b'])
    const repeated = buildDiscoInfo({ features: ['b', 'a', 'b', 'a'] })
    expect(repeated.getChildren('feature').map((f) => f.attr('var'))).toEqual(['b', 'a'])
  })

  test('refuses an identity repeated with the same category/type/lang', () => {
    const server = { category: 'server', type: 'im' }
    expect(() => buildDiscoInfo({ identities: [server, { ...server, name: 'x' }] })).toThrow(
      TypeError,
    )
    const en = { ...server, lang: 'en' }
    expect(() =>
      buildDiscoInfo({ identities: [server, en, { ...server, lang: 'de' }] }),
    ).not.toThrow()
  })

  test('appends XEP-0128 extension forms after the features', () => {
    const query = buildDiscoInfo({
      identities: [{ category: 'server', type: 'im' }],
      features: ['jabber:iq:register'],
      forms: [
        {
          type: 'result',
          formType: 'http://jabber.org/network/serverinfo',
          fields: [{ var: 'c2s_port', values: ['5222'] }],
        },
      ],
    })
    expectXml(
      query,
      xml`<query xmlns='http://jabber.org/protocol/disco#info'><identity category='server' type='im'/><feature var='jabber:iq:register'/><x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>http://jabber.org/network/serverinfo</value></field><field var='c2s_port'><value>5222</value></field></x></query>`,
    )
  })

  test('refuses extension forms that are not results with a hidden FORM_TYPE, or repeat one (XEP-0128 §2)', () => {
    const field = { var: 'a', values: ['1'] }
    expect(() =>
      buildDiscoInfo({ forms: [{ type: 'form', formType: 'urn:x', fields: [field] }] }),
    ).toThrow(TypeError)
    expect(() => buildDiscoInfo({ forms: [{ type: 'result', fields: [field] }] })).toThrow(
      TypeError,
    )
    expect(() =>
      buildDiscoInfo({
        forms: [{ type: 'result', fields: [{ var: 'FORM_TYPE', values: ['urn:x'] }, field] }],
      }),
    ).not.toThrow()
    expect(() =>
      buildDiscoInfo({
        forms: [
          { type: 'result', formType: 'urn:x' },
          { type: 'result', formType: 'urn:x' },
        ],
      }),
    ).toThrow(TypeError)
  })
})

describe('parseDiscoInfo', () => {
  test('reads what buildDiscoInfo writes', () => {
    const info = {
      node: 'n',
      identities: [
        { category: 'conference', type: 'text', name: 'Chatrooms' },
        { category: 'client', type: 'pc', name: 'Psi', lang: 'en' },
      ],
      features: [NS_MUC],
      forms: [
        {
          type: 'result' as const,
          instructions: [],
          fields: [
            {
              var: 'FORM_TYPE',
              type: 'hidden' as const,
              required: false,
              values: ['urn:x'],
              options: [],
            },
          ],
          items: [],
        },
      ],
    }
    expect(parseDiscoInfo(buildDiscoInfo(info))).toEqual(info)
    expect(parseDiscoInfo(xml`<query xmlns='http://jabber.org/protocol/disco#info'/>`)).toEqual({
      identities: [],
      features: [],
      forms: [],
    })
  })

  test('refuses an identity without category or type and a feature without var (§3.1)', () => {
    const q = (inner: string) =>
      parseFrame(`<query xmlns='http://jabber.org/protocol/disco#info'>${inner}</query>`)
    badRequest(() => parseDiscoInfo(q(`<identity type='im'/>`)), '<identity/> without category')
    badRequest(() => parseDiscoInfo(q(`<identity category='server'/>`)), '<identity/> without type')
    badRequest(() => parseDiscoInfo(q('<feature/>')), '<feature/> without var')
  })
})

describe('disco#items', () => {
  test('writes items with jid, node and name (§4.1, §4.2)', () => {
    const query = buildDiscoItems({
      node: 'music',
      items: [
        { jid: 'catalog.shakespeare.lit', node: 'music/A' },
        { jid: parseJid('Juliet@Capulet.com/balcony') },
        { jid: 'people.shakespeare.lit', name: 'Directory of Characters' },
      ],
    })
    expectXml(
      query,
      xml`<query xmlns='http://jabber.org/protocol/disco#items' node='music'><item jid='catalog.shakespeare.lit' node='music/A'/><item jid='juliet@capulet.com/balcony'/><item jid='people.shakespeare.lit' name='Directory of Characters'/></query>`,
    )
  })

  test('writes an empty query when there are no items (§4.1)', () => {
    expectXml(buildDiscoItems({}), xml`<query xmlns='http://jabber.org/protocol/disco#items'/>`)
  })

  test('puts an RSM <set/> after the items (XEP-0059 §3)', () => {
    const query = buildDiscoItems(
      { items: [{ jid: 'a.example' }] },
      buildRsmResult({ first: 'a', firstIndex: 0, last: 'a', count: 150 }),
    )
    expectXml(
      query,
      xml`<query xmlns='http://jabber.org/protocol/disco#items'><item jid='a.example'/><set xmlns='http://jabber.org/protocol/rsm'><first index='0'>a</first><last>a</last><count>150</count></set></query>`,
    )
  })

  test('reads what buildDiscoItems writes, and refuses an item without jid', () => {
    const items = {
      node: 'x',
      items: [{ jid: 'a.example', node: 'n', name: 'N' }, { jid: 'b.example' }],
    }
    expect(parseDiscoItems(buildDiscoItems(items))).toEqual(items)
    badRequest(
      () =>
        parseDiscoItems(
          xml`<query xmlns='http://jabber.org/protocol/disco#items'><item node='n'/></query>`,
        ),
      '<item/> without jid',
    )
  })
})
