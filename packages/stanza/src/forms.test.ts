import { parseFrame, xml } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { expectXml } from '../test/xml-equal'
import { StanzaError } from './errors'
import {
  buildField,
  buildForm,
  type DataForm,
  findForms,
  getField,
  getFormType,
  getValue,
  getValues,
  parseBoolean,
  parseForm,
} from './forms'

// XEP-0004 Example 2 (Service Returns Bot Creation Form), without indentation.
const botForm = xml`<x xmlns='jabber:x:data' type='form'><title>Bot Configuration</title><instructions>Fill out this form to configure your new bot!</instructions><field type='hidden' var='FORM_TYPE'><value>jabber:bot</value></field><field type='fixed'><value>Section 1: Bot Info</value></field><field type='text-single' label='The name of your bot' var='botname'/><field type='boolean' label='Public bot?' var='public'><required/></field><field type='list-single' label='Maximum number of subscribers' var='maxsubs'><value>20</value><option label='10'><value>10</value></option><option label='None'><value>none</value></option></field><field type='jid-multi' label='People to invite' var='invitelist'><desc>Tell all your friends about your new bot!</desc></field></x>`

const botFormData: DataForm = {
  type: 'form',
  title: 'Bot Configuration',
  instructions: ['Fill out this form to configure your new bot!'],
  fields: [
    { var: 'FORM_TYPE', type: 'hidden', required: false, values: ['jabber:bot'], options: [] },
    { type: 'fixed', required: false, values: ['Section 1: Bot Info'], options: [] },
    {
      var: 'botname',
      type: 'text-single',
      label: 'The name of your bot',
      required: false,
      values: [],
      options: [],
    },
    {
      var: 'public',
      type: 'boolean',
      label: 'Public bot?',
      required: true,
      values: [],
      options: [],
    },
    {
      var: 'maxsubs',
      type: 'list-single',
      label: 'Maximum number of subscribers',
      required: false,
      values: ['20'],
      options: [
        { label: '10', value: '10' },
        { label: 'None', value: 'none' },
      ],
    },
    {
      var: 'invitelist',
      type: 'jid-multi',
      label: 'People to invite',
      desc: 'Tell all your friends about your new bot!',
      required: false,
      values: [],
      options: [],
    },
  ],
  items: [],
}

function badRequest(fn: () => unknown, text: string): void {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(StanzaError)
    expect((e as StanzaError).type).toBe('modify')
    expect((e as StanzaError).condition).toBe('bad-request')
    expect((e as StanzaError).text).toBe(text)
    return
  }
  throw new Error('expected a bad-request')
}

describe('parseForm', () => {
  test('reads every part of a form (XEP-0004 §3)', () => {
    expect(parseForm(botForm)).toEqual(botFormData)
  })

  test('reads reported and items of a result (§3.4)', () => {
    const x = xml`<x xmlns='jabber:x:data' type='result'><reported><field var='name' label='Name' type='text-single'/></reported><item><field var='name'><value>a</value></field></item><item><field var='name'><value/></field></item></x>`
    expect(parseForm(x)).toEqual({
      type: 'result',
      instructions: [],
      fields: [],
      reported: [
        {
          var: 'name',
          label: 'Name',
          type: 'text-single',
          required: false,
          values: [],
          options: [],
        },
      ],
      items: [
        [{ var: 'name', required: false, values: ['a'], options: [] }],
        [{ var: 'name', required: false, values: [''], options: [] }],
      ],
    })
  })

  test('keeps several instructions in order and the first title', () => {
    const x = xml`<x xmlns='jabber:x:data' type='form'><title>A</title><title>B</title><instructions>one</instructions><instructions>two</instructions></x>`
    expect(parseForm(x)).toEqual({
      type: 'form',
      title: 'A',
      instructions: ['one', 'two'],
      fields: [],
      items: [],
    })
  })

  test('takes a field type it does not know as text-single (§3.3)', () => {
    const x = xml`<x xmlns='jabber:x:data' type='submit'><field var='a' type='x-color'><value>red</value></field></x>`
    expect(parseForm(x).fields[0]?.type).toBe('text-single')
  })

  test('ignores children in other namespaces', () => {
    const x = xml`<x xmlns='jabber:x:data' type='form'><field var='a'><value>1</value><validate xmlns='http://jabber.org/protocol/xdata-validate'/></field><title xmlns='urn:other'>no</title></x>`
    expect(parseForm(x)).toEqual({
      type: 'form',
      instructions: [],
      fields: [{ var: 'a', required: false, values: ['1'], options: [] }],
      items: [],
    })
  })

  test('refuses what XEP-0004 forbids, with bad-request', () => {
    badRequest(() => parseForm(xml`<x xmlns='jabber:x:data'/>`), "invalid data form type ''")
    badRequest(
      () => parseForm(xml`<x xmlns='jabber:x:data' type='Form'/>`),
      "invalid data form type 'Form'",
    )
    badRequest(() => parseForm(xml`<x xmlns='urn:other' type='form'/>`), 'not a jabber:x:data form')
    badRequest(
      () => parseForm(xml`<x xmlns='jabber:x:data' type='form'><field type='text-single'/></x>`),
      'a data form field without var',
    )
    badRequest(
      () =>
        parseForm(xml`<x xmlns='jabber:x:data' type='form'><field><value>a</value></field></x>`),
      'a data form field without var',
    )
    badRequest(
      () =>
        parseForm(
          xml`<x xmlns='jabber:x:data' type='form'><field var='a' type='list-single'><option label='x'/></field></x>`,
        ),
      'a data form option needs exactly one value',
    )
    badRequest(
      () =>
        parseForm(
          xml`<x xmlns='jabber:x:data' type='form'><field var='a' type='list-single'><option><value>1</value><value>2</value></option></field></x>`,
        ),
      'a data form option needs exactly one value',
    )
  })
})

describe('buildForm', () => {
  test('writes the parsed form back exactly', () => {
    expectXml(buildForm(botFormData), botForm)
  })

  test('writes a literal with defaults left out', () => {
    const built = buildForm({
      type: 'submit',
      fields: [
        { var: 'public', values: ['1'] },
        { var: 'features', type: 'list-multi', values: ['news', 'search'] },
      ],
    })
    expectXml(
      built,
      xml`<x xmlns='jabber:x:data' type='submit'><field var='public'><value>1</value></field><field var='features' type='list-multi'><value>news</value><value>search</value></field></x>`,
    )
  })

  test('writes a field in the schema order: desc, required, values, options', () => {
    const field = buildField({
      var: 'v',
      type: 'list-multi',
      label: 'L',
      options: [{ value: 'a' }, { label: 'B', value: 'b' }],
      values: ['a'],
      required: true,
      desc: 'd',
    })
    expectXml(
      field,
      xml`<field xmlns='jabber:x:data' var='v' type='list-multi' label='L'><desc>d</desc><required/><value>a</value><option><value>a</value></option><option label='B'><value>b</value></option></field>`,
    )
  })

  test('writes reported and items', () => {
    const built = buildForm({
      type: 'result',
      title: 'T',
      reported: [{ var: 'jid', type: 'jid-single', label: 'JID' }],
      items: [[{ var: 'jid', values: ['a@b'] }], [{ var: 'jid', values: ['c@d'] }]],
    })
    expectXml(
      built,
      xml`<x xmlns='jabber:x:data' type='result'><title>T</title><reported><field var='jid' type='jid-single' label='JID'/></reported><item><field var='jid'><value>a@b</value></field></item><item><field var='jid'><value>c@d</value></field></item></x>`,
    )
  })

  test('formType adds the hidden FORM_TYPE field first (XEP-0068)', () => {
    const built = buildForm({
      type: 'result',
      formType: 'urn:xmpp:mam:2',
      instructions: ['i'],
      fields: [{ var: 'with', values: ['a@b'] }],
    })
    expectXml(
      built,
      xml`<x xmlns='jabber:x:data' type='result'><instructions>i</instructions><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field><field var='with'><value>a@b</value></field></x>`,
    )
    expect(() =>
      buildForm({ type: 'form', formType: 'a', fields: [{ var: 'FORM_TYPE', type: 'hidden' }] }),
    ).toThrow(TypeError)
  })

  test('refuses a non-fixed field without var (§3.2)', () => {
    expect(() => buildField({ type: 'text-single' })).toThrow(TypeError)
    expect(() => buildField({})).toThrow(TypeError)
    expectXml(
      buildField({ type: 'fixed', values: ['x'] }),
      xml`<field xmlns='jabber:x:data' type='fixed'><value>x</value></field>`,
    )
  })

  test('escapes text and attribute values on output', () => {
    const built = buildForm({ type: 'form', title: '<b>&', fields: [{ var: "a'b", label: '"q"' }] })
    expect(built.toString()).toBe(
      `<x xmlns="jabber:x:data" type="form"><title>&lt;b&gt;&amp;</title><field var="a&apos;b" label="&quot;q&quot;"/></x>`,
    )
  })
})

describe('FORM_TYPE (XEP-0068)', () => {
  const read = (type: string, field: string) =>
    parseForm(parseFrame(`<x xmlns='jabber:x:data' type='${type}'>${field}</x>`))

  test('is the value of the hidden FORM_TYPE field', () => {
    expect(getFormType(parseForm(botForm))).toBe('jabber:bot')
    expect(
      getFormType(read('result', `<field var='a' type='hidden'><value>x</value></field>`)),
    ).toBeUndefined()
  })

  test('is ignored when the field is not hidden (§4.3)', () => {
    const typed = `<field var='FORM_TYPE' type='text-single'><value>urn:x</value></field>`
    expect(getFormType(read('form', typed))).toBeUndefined()
    expect(getFormType(read('submit', typed))).toBeUndefined()
  })

  test('counts an untyped field in a submission (as §4.4 submits it), not in a form', () => {
    const untyped = `<field var='FORM_TYPE'><value>urn:x</value></field>`
    expect(getFormType(read('submit', untyped))).toBe('urn:x')
    expect(getFormType(read('result', untyped))).toBe('urn:x')
    expect(getFormType(read('form', untyped))).toBeUndefined()
  })

  test('findForms picks forms by FORM_TYPE', () => {
    const parent = xml`<query xmlns='urn:xmpp:mam:2'><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field></x><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>urn:other</value></field></x><x xmlns='jabber:x:data'/></query>`
    expect(findForms(parent)).toHaveLength(3)
    const found = findForms(parent, 'urn:xmpp:mam:2')
    expect(found).toHaveLength(1)
    expect(found[0]).toBe(parent.getChildElements()[0])
    expect(findForms(parent, 'urn:none')).toEqual([])
  })
})

describe('field access', () => {
  const f = parseForm(botForm)
  test('getField, getValue, getValues', () => {
    expect(getField(f, 'maxsubs')?.label).toBe('Maximum number of subscribers')
    expect(getField(f, 'nope')).toBeUndefined()
    expect(getValue(f, 'maxsubs')).toBe('20')
    expect(getValue(f, 'botname')).toBeUndefined()
    expect(getValues(f, 'FORM_TYPE')).toEqual(['jabber:bot'])
    expect(getValues(f, 'nope')).toEqual([])
  })

  test('parseBoolean accepts both lexical styles of xs:boolean and nothing else (§3.3)', () => {
    expect(['1', 'true', '0', 'false'].map(parseBoolean)).toEqual([true, true, false, false])
    for (const bad of ['', 'TRUE', 'yes', ' 1', '2']) expect(parseBoolean(bad)).toBeUndefined()
  })
})

test('an empty value is written as <value/> without a text child', () => {
  expect(buildField({ var: 'a', values: [''] }).getChild('value')?.children).toEqual([])
})
