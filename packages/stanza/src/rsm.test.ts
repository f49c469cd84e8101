import { parseFrame, xml } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { expectXml } from '../test/xml-equal'
import { StanzaError } from './errors'
import {
  buildRsmRequest,
  buildRsmResult,
  findRsmRequest,
  parseRsmRequest,
  parseRsmResult,
} from './rsm'

const set = (inner: string) =>
  parseFrame(`<set xmlns='http://jabber.org/protocol/rsm'>${inner}</set>`)

function refused(fn: () => unknown): StanzaError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(StanzaError)
    return e as StanzaError
  }
  throw new Error('expected a StanzaError')
}

describe('parseRsmRequest', () => {
  test('reads max, after, before and index (§2.1–§2.6)', () => {
    expect(
      parseRsmRequest(xml`<set xmlns='http://jabber.org/protocol/rsm'><max>10</max></set>`),
    ).toEqual({ max: 10 })
    expect(
      parseRsmRequest(
        xml`<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><after>peterpan@neverland.lit</after></set>`,
      ),
    ).toEqual({ max: 10, after: 'peterpan@neverland.lit' })
    expect(
      parseRsmRequest(
        xml`<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><before>peter@pixyland.org</before></set>`,
      ),
    ).toEqual({ max: 10, before: 'peter@pixyland.org' })
    expect(
      parseRsmRequest(
        xml`<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><index>371</index></set>`,
      ),
    ).toEqual({
      max: 10,
      index: 371,
    })
    expect(parseRsmRequest(xml`<set xmlns='http://jabber.org/protocol/rsm'/>`)).toEqual({})
  })

  test('keeps an empty <before/>: the last page (§2.5)', () => {
    const request = parseRsmRequest(
      xml`<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><before/></set>`,
    )
    expect(request).toEqual({ max: 10, before: '' })
    expect(
      'before' in
        parseRsmRequest(xml`<set xmlns='http://jabber.org/protocol/rsm'><max>10</max></set>`),
    ).toBe(false)
  })

  test('max 0 asks for the count only (§2.7)', () => {
    expect(
      parseRsmRequest(xml`<set xmlns='http://jabber.org/protocol/rsm'><max>0</max></set>`),
    ).toEqual({ max: 0 })
  })

  test('accepts the lexical forms of xs:int (§8): sign and collapsed whitespace', () => {
    expect(
      parseRsmRequest(xml`<set xmlns='http://jabber.org/protocol/rsm'><max> +20 </max></set>`),
    ).toEqual({ max: 20 })
    expect(
      parseRsmRequest(xml`<set xmlns='http://jabber.org/protocol/rsm'><index>007</index></set>`),
    ).toEqual({ index: 7 })
  })

  test.each([
    ['max', 'ten'],
    ['max', '1.5'],
    ['max', '-1'],
    ['max', ''],
    ['max', '1e3'],
    ['max', '2147483648'],
    ['index', 'x'],
    ['index', '-3'],
  ])('refuses <%s> %j with bad-request', (name, value) => {
    const error = refused(() => parseRsmRequest(set(`<${name}>${value}</${name}>`)))
    expect(error.type).toBe('modify')
    expect(error.condition).toBe('bad-request')
    expect(error.text).toBe(`invalid RSM <${name}/>: '${value}'`)
  })

  test('refuses an element that is not an RSM set', () => {
    expect(refused(() => parseRsmRequest(xml`<set xmlns='urn:other'/>`)).condition).toBe(
      'bad-request',
    )
  })

  test('ignores RSM children in other namespaces', () => {
    expect(
      parseRsmRequest(
        xml`<set xmlns='http://jabber.org/protocol/rsm'><max xmlns='urn:x'>x</max></set>`,
      ),
    ).toEqual({})
  })

  test('findRsmRequest reads the <set/> of a query, if any', () => {
    const query = xml`<query xmlns='jabber:iq:search'><nick>Pete</nick><set xmlns='http://jabber.org/protocol/rsm'><max>10</max></set></query>`
    expect(findRsmRequest(query)).toEqual({ max: 10 })
    expect(findRsmRequest(xml`<query xmlns='jabber:iq:search'/>`)).toBeUndefined()
  })
})

describe('buildRsmRequest', () => {
  test('writes every part, and an empty before', () => {
    expectXml(
      buildRsmRequest({ max: 10, after: 'a', before: '', index: 3 }),
      xml`<set xmlns='http://jabber.org/protocol/rsm'><max>10</max><after>a</after><before/><index>3</index></set>`,
    )
    expectXml(buildRsmRequest({}), xml`<set xmlns='http://jabber.org/protocol/rsm'/>`)
  })

  test('refuses a max that is not a non-negative integer', () => {
    expect(() => buildRsmRequest({ max: -1 })).toThrow(RangeError)
    expect(() => buildRsmRequest({ max: 1.5 })).toThrow(RangeError)
  })
})

describe('buildRsmResult', () => {
  test('writes first with its index, last and count (§2.2)', () => {
    expectXml(
      buildRsmResult({
        first: 'stpeter@jabber.org',
        firstIndex: 0,
        last: 'peterpan@neverland.lit',
        count: 800,
      }),
      xml`<set xmlns='http://jabber.org/protocol/rsm'><first index='0'>stpeter@jabber.org</first><last>peterpan@neverland.lit</last><count>800</count></set>`,
    )
  })

  test('writes an empty page with the count only (§2.2, §2.7)', () => {
    expectXml(
      buildRsmResult({ count: 790 }),
      xml`<set xmlns='http://jabber.org/protocol/rsm'><count>790</count></set>`,
    )
    expectXml(buildRsmResult({}), xml`<set xmlns='http://jabber.org/protocol/rsm'/>`)
  })

  test('writes first without index when the position is unknown', () => {
    expectXml(
      buildRsmResult({ first: 'a', last: 'a' }),
      xml`<set xmlns='http://jabber.org/protocol/rsm'><first>a</first><last>a</last></set>`,
    )
  })

  test('refuses first without last, last without first, index without first (§2.2)', () => {
    expect(() => buildRsmResult({ first: 'a' })).toThrow(TypeError)
    expect(() => buildRsmResult({ last: 'a' })).toThrow(TypeError)
    expect(() => buildRsmResult({ firstIndex: 0 })).toThrow(TypeError)
    expect(() => buildRsmResult({ count: -1 })).toThrow(RangeError)
  })
})

describe('parseRsmResult', () => {
  test('reads what buildRsmResult writes', () => {
    const result = { first: 'x', firstIndex: 10, last: 'y', count: 800 }
    expect(parseRsmResult(buildRsmResult(result))).toEqual(result)
    expect(parseRsmResult(buildRsmResult({ count: 0 }))).toEqual({ count: 0 })
  })

  test('refuses a count or index that is not an integer', () => {
    const count = refused(() => parseRsmResult(set('<count>many</count>')))
    expect(count.text).toBe("invalid RSM count: 'many'")
    const index = refused(() => parseRsmResult(set(`<first index='a'>x</first><last>x</last>`)))
    expect(index.text).toBe("invalid RSM first index: 'a'")
  })
})

test('an empty <before/> is written without a text child (the parser never makes empty text)', () => {
  expect(buildRsmRequest({ before: '' }).getChild('before')?.children).toEqual([])
})
