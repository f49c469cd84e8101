import { parseJid } from '@tercet/jid'
import { parseFrame, xml } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { expectXml } from '../test/xml-equal'
import { StanzaError } from './errors'
import {
  addStanzaId,
  buildOriginId,
  buildStanzaId,
  getOriginId,
  getStanzaId,
  getStanzaIds,
  parseOriginId,
  parseStanzaId,
  stripStanzaIds,
} from './stanza-id'

describe('building and reading', () => {
  test('stanza-id carries id and by (§2.1)', () => {
    const el = buildStanzaId('de305d54-75b4-431b-adb2-eb6b9e546013', 'room@muc.xmpp.org')
    expectXml(
      el,
      xml`<stanza-id xmlns='urn:xmpp:sid:0' id='de305d54-75b4-431b-adb2-eb6b9e546013' by='room@muc.xmpp.org'/>`,
    )
    expect(parseStanzaId(el)).toEqual({
      id: 'de305d54-75b4-431b-adb2-eb6b9e546013',
      by: 'room@muc.xmpp.org',
    })
    expect(buildStanzaId('1', parseJid('Juliet@Capulet.lit')).attr('by')).toBe('juliet@capulet.lit')
  })

  test('origin-id carries only an id (§2.2)', () => {
    const el = buildOriginId('de305d54-75b4-431b-adb2-eb6b9e546013')
    expectXml(
      el,
      xml`<origin-id xmlns='urn:xmpp:sid:0' id='de305d54-75b4-431b-adb2-eb6b9e546013'/>`,
    )
    expect(parseOriginId(el)).toBe('de305d54-75b4-431b-adb2-eb6b9e546013')
  })

  test('an empty id is refused when building (§4)', () => {
    expect(() => buildStanzaId('', 'a.example')).toThrow(TypeError)
    expect(() => buildOriginId('')).toThrow(TypeError)
  })

  test.each([
    `<stanza-id xmlns='urn:xmpp:sid:0' id='1'/>`,
    `<stanza-id xmlns='urn:xmpp:sid:0' by='a.example'/>`,
    `<stanza-id xmlns='urn:xmpp:sid:0' id='' by='a.example'/>`,
    `<stanza-id xmlns='urn:xmpp:sid:1' id='1' by='a.example'/>`,
  ])('parseStanzaId refuses %s (§4: id and by MUST be set)', (text) => {
    expect(() => parseStanzaId(parseFrame(text))).toThrow(StanzaError)
  })

  test('parseOriginId refuses an origin-id without id', () => {
    expect(() => parseOriginId(xml`<origin-id xmlns='urn:xmpp:sid:0'/>`)).toThrow(StanzaError)
  })
})

// XEP-0359 Example 3, with a forged stanza-id from the sender added.
const message = () =>
  xml`<message xmlns='jabber:client' to='room@muc.example.org' type='groupchat'><body>Typical body text</body><stanza-id xmlns='urn:xmpp:sid:0' id='5f3dbc5e-e1d3-4077-a492-693f3769c7ad' by='room@muc.example.org'/><stanza-id xmlns='urn:xmpp:sid:0' id='other' by='archive.example'/><origin-id xmlns='urn:xmpp:sid:0' id='de305d54-75b4-431b-adb2-eb6b9e546013'/></message>`

describe('reading a stanza', () => {
  test('getStanzaIds lists the well-formed direct children', () => {
    const m = message()
    m.append(xml`<stanza-id xmlns='urn:xmpp:sid:0' id='no-by'/>`)
    m.append(
      xml`<x xmlns='urn:other'><stanza-id xmlns='urn:xmpp:sid:0' id='nested' by='a.example'/></x>`,
    )
    expect(getStanzaIds(m)).toEqual([
      { id: '5f3dbc5e-e1d3-4077-a492-693f3769c7ad', by: 'room@muc.example.org' },
      { id: 'other', by: 'archive.example' },
    ])
  })

  test('getStanzaId compares by as a JID', () => {
    expect(getStanzaId(message(), 'Room@MUC.example.org')).toBe(
      '5f3dbc5e-e1d3-4077-a492-693f3769c7ad',
    )
    expect(getStanzaId(message(), parseJid('archive.example'))).toBe('other')
    expect(getStanzaId(message(), 'nobody.example')).toBeUndefined()
  })

  test('getOriginId', () => {
    expect(getOriginId(message())).toBe('de305d54-75b4-431b-adb2-eb6b9e546013')
    expect(getOriginId(xml`<message xmlns='jabber:client'/>`)).toBeUndefined()
    expect(
      getOriginId(
        xml`<message xmlns='jabber:client'><origin-id xmlns='urn:xmpp:sid:0'/></message>`,
      ),
    ).toBeUndefined()
  })
})

describe('stripStanzaIds (§4: delete a stanza-id whose by is ours)', () => {
  test('removes the stanza-ids a client forged in the server’s name, and only those', () => {
    const m = message()
    expect(stripStanzaIds(m, 'room@muc.example.org')).toBe(1)
    expectXml(
      m,
      xml`<message xmlns='jabber:client' to='room@muc.example.org' type='groupchat'><body>Typical body text</body><stanza-id xmlns='urn:xmpp:sid:0' id='other' by='archive.example'/><origin-id xmlns='urn:xmpp:sid:0' id='de305d54-75b4-431b-adb2-eb6b9e546013'/></message>`,
    )
  })

  test('matches by after JID preparation, so case tricks do not get through', () => {
    const m = xml`<message xmlns='jabber:client'><stanza-id xmlns='urn:xmpp:sid:0' id='1' by='JULIET@Capulet.LIT'/></message>`
    expect(stripStanzaIds(m, parseJid('juliet@capulet.lit'))).toBe(1)
    expect(m.children).toEqual([])
  })

  test('takes several addresses and removes every match, text and origin-id stay', () => {
    const m = message()
    m.children.splice(1, 0, ' ')
    expect(stripStanzaIds(m, ['archive.example', parseJid('room@muc.example.org')])).toBe(2)
    expectXml(
      m,
      xml`<message xmlns='jabber:client' to='room@muc.example.org' type='groupchat'><body>Typical body text</body> <origin-id xmlns='urn:xmpp:sid:0' id='de305d54-75b4-431b-adb2-eb6b9e546013'/></message>`,
    )
  })

  test('leaves stanza-ids with a missing or invalid by, and nested ones', () => {
    const m = xml`<message xmlns='jabber:client'><stanza-id xmlns='urn:xmpp:sid:0' id='1'/><stanza-id xmlns='urn:xmpp:sid:0' id='2' by='a@b@c'/><result xmlns='urn:xmpp:mam:2'><stanza-id xmlns='urn:xmpp:sid:0' id='3' by='a.example'/></result></message>`
    expect(stripStanzaIds(m, 'a.example')).toBe(0)
    expect(m.getChildElements()).toHaveLength(3)
  })
})

test('addStanzaId replaces any stanza-id claiming the same by (§4: at most one per by)', () => {
  const m = message()
  addStanzaId(m, 'fresh', 'room@muc.example.org')
  expect(getStanzaIds(m)).toEqual([
    { id: 'other', by: 'archive.example' },
    { id: 'fresh', by: 'room@muc.example.org' },
  ])
  expect(getStanzaId(m, 'room@muc.example.org')).toBe('fresh')
})
