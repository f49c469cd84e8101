// Golden fixtures: examples copied from the XEPs (test/fixtures/<xep>/*.xml, see the README
// there). Every payload a helper of this package understands is parsed and rebuilt in place,
// and the rebuilt stanza must equal the XEP's example.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Element, parseFrame } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { buildDelay, findDelay, parseDelay } from '../src/delay'
import { buildDiscoInfo, buildDiscoItems, parseDiscoInfo, parseDiscoItems } from '../src/disco'
import { validateSubmission } from '../src/form-validation'
import { buildForm, getFormType, parseForm } from '../src/forms'
import {
  NS_DATA_FORMS,
  NS_DELAY,
  NS_DISCO_INFO,
  NS_DISCO_ITEMS,
  NS_RSM,
  NS_STANZA_ID,
} from '../src/ns'
import { buildRsmRequest, buildRsmResult, parseRsmRequest, parseRsmResult } from '../src/rsm'
import {
  buildOriginId,
  buildStanzaId,
  getOriginId,
  parseOriginId,
  parseStanzaId,
} from '../src/stanza-id'
import { expectXml, stripIndentation } from './xml-equal'

interface Codec {
  local: string
  ns: string
  roundTrip(el: Element): Element
}

const rsm: Codec = {
  local: 'set',
  ns: NS_RSM,
  roundTrip: (el) =>
    ['first', 'last', 'count'].some((name) => el.getChild(name, NS_RSM))
      ? buildRsmResult(parseRsmResult(el))
      : buildRsmRequest(parseRsmRequest(el)),
}
const form: Codec = { local: 'x', ns: NS_DATA_FORMS, roundTrip: (el) => buildForm(parseForm(el)) }
const info: Codec = {
  local: 'query',
  ns: NS_DISCO_INFO,
  roundTrip: (el) => buildDiscoInfo(parseDiscoInfo(el)),
}
const items: Codec = {
  local: 'query',
  ns: NS_DISCO_ITEMS,
  roundTrip: (el) =>
    buildDiscoItems(parseDiscoItems(el), ...el.getChildren('set', NS_RSM).map(rsm.roundTrip)),
}
const delay: Codec = { local: 'delay', ns: NS_DELAY, roundTrip: (el) => buildDelay(parseDelay(el)) }
const stanzaId: Codec = {
  local: 'stanza-id',
  ns: NS_STANZA_ID,
  roundTrip: (el) => {
    const { id, by } = parseStanzaId(el)
    return buildStanzaId(id, by)
  },
}
const originId: Codec = {
  local: 'origin-id',
  ns: NS_STANZA_ID,
  roundTrip: (el) => buildOriginId(parseOriginId(el)),
}

const CODECS: Record<string, Codec[]> = {
  'xep-0004': [form],
  'xep-0030': [info, items],
  'xep-0059': [rsm],
  'xep-0068': [form],
  'xep-0115': [info],
  'xep-0128': [info],
  'xep-0203': [delay],
  'xep-0359': [stanzaId, originId],
}

/** Replaces, in a copy, every element a codec handles by its round trip; counts them. */
function rebuild(el: Element, codecs: Codec[], count: { n: number }): Element {
  const codec = codecs.find((c) => el.is(c.local, c.ns))
  if (codec) {
    count.n++
    return codec.roundTrip(el)
  }
  const copy = el.clone()
  copy.children = el.children.map((c) => (typeof c === 'string' ? c : rebuild(c, codecs, count)))
  return copy
}

// XEP-0004's examples list a field's <value/>s before its <option/>s in one place and after them
// in another; the builders follow the schema (§10: desc, required, value*, option*), so field
// children are compared in that order.
const FIELD_ORDER: Record<string, number> = { desc: 0, required: 1, value: 2, option: 3 }

function canonical(el: Element): Element {
  const copy = stripIndentation(el)
  const walk = (e: Element): void => {
    if (e.is('field', NS_DATA_FORMS)) {
      const rank = (c: Element | string) =>
        typeof c === 'string' ? 9 : (FIELD_ORDER[c.local] ?? 9)
      e.children = [...e.children].sort((a, b) => rank(a) - rank(b))
    }
    for (const c of e.children) if (typeof c !== 'string') walk(c)
  }
  walk(copy)
  return copy
}

const root = join(import.meta.dirname, 'fixtures')
const load = (xep: string, file: string) => parseFrame(readFileSync(join(root, xep, file), 'utf8'))

describe.each(Object.keys(CODECS))('%s', (xep) => {
  const files = readdirSync(join(root, xep)).filter((f) => f.endsWith('.xml'))

  test('has fixtures', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  test.each(files)('%s parses and rebuilds to the same XML', (file) => {
    const original = load(xep, file)
    const count = { n: 0 }
    const rebuilt = rebuild(original, CODECS[xep]!, count)
    expect(count.n).toBeGreaterThan(0)
    expectXml(canonical(rebuilt), canonical(original))
    // And what is rebuilt survives serialization.
    expectXml(parseFrame(rebuilt.toString()), rebuilt)
  })
})

/** The first data form anywhere in a fixture. */
function firstForm(el: Element): Element | undefined {
  if (el.is('x', NS_DATA_FORMS)) return el
  for (const child of el.getChildElements()) {
    const found = firstForm(child)
    if (found) return found
  }
  return undefined
}

const formOf = (xep: string, file: string) => parseForm(firstForm(load(xep, file))!)

describe('what the fixtures mean', () => {
  test('XEP-0004: Example 3 is a valid submission of Example 2, Example 7 of Example 6', () => {
    const botForm = formOf('xep-0004', 'example-02-bot-creation-form.xml')
    expect(
      validateSubmission(botForm, formOf('xep-0004', 'example-03-bot-creation-submit.xml')),
    ).toEqual([])
    const search = formOf('xep-0004', 'example-06-search-form.xml')
    expect(validateSubmission(search, formOf('xep-0004', 'example-07-search-submit.xml'))).toEqual(
      [],
    )
    expect(formOf('xep-0004', 'example-08-search-results.xml').items).toHaveLength(5)
  })

  test('XEP-0068: FORM_TYPE of each example', () => {
    expect(getFormType(formOf('xep-0068', 'example-01-no-form-type.xml'))).toBeUndefined()
    expect(getFormType(formOf('xep-0068', 'example-02-form-type.xml'))).toBe(
      'http://jabber.org/protocol/pubsub',
    )
    const offered = formOf('xep-0068', 'example-05-registration-form.xml')
    const submitted = formOf('xep-0068', 'example-06-registration-submit.xml')
    expect(getFormType(offered)).toBe('http://jabber.org/protocol/muc#user')
    expect(getFormType(submitted)).toBe('http://jabber.org/protocol/muc#user')
    expect(validateSubmission(offered, submitted)).toEqual([])
  })

  test('XEP-0203: the offline message was stamped by capulet.com, with a reason', () => {
    const found = findDelay(load('xep-0203', 'example-01-offline-message.xml'))
    expect(found?.from).toBe('capulet.com')
    expect(found?.stamp.toISOString()).toBe('2002-09-10T23:08:25.000Z')
    expect(found?.reason?.trim()).toBe('Offline Storage')
  })

  test('XEP-0359: the origin-id survives next to the stanza-id', () => {
    const m = load('xep-0359', 'example-03-stanza-id-and-origin-id.xml')
    expect(getOriginId(m)).toBe('de305d54-75b4-431b-adb2-eb6b9e546013')
  })
})
