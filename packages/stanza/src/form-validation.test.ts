import { parseFrame } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { submissionError, validateSubmission } from './form-validation'
import { buildForm, type DataForm, parseForm } from './forms'

// The form of XEP-0004 Example 2 (Service Returns Bot Creation Form), required fields added.
const definition = parseForm(
  buildForm({
    type: 'form',
    formType: 'jabber:bot',
    fields: [
      { type: 'fixed', values: ['Section 1: Bot Info'] },
      { var: 'botname', type: 'text-single', required: true },
      { var: 'description', type: 'text-multi' },
      { var: 'public', type: 'boolean', required: true },
      { var: 'password', type: 'text-private' },
      {
        var: 'features',
        type: 'list-multi',
        options: ['contests', 'news', 'polls', 'reminders', 'search'].map((value) => ({ value })),
      },
      {
        var: 'maxsubs',
        type: 'list-single',
        options: ['10', '20', '30', '50', '100', 'none'].map((value) => ({ value })),
      },
      { var: 'invitelist', type: 'jid-multi' },
      { var: 'owner', type: 'jid-single' },
      { var: 'untyped' },
      { var: 'secret', type: 'hidden', values: ['s1'] },
    ],
  }),
)

const submit = (fields: string): DataForm =>
  parseForm(parseFrame(`<x xmlns='jabber:x:data' type='submit'>${fields}</x>`))

const f = (name: string, ...values: string[]) =>
  `<field var='${name}'>${values.map((v) => `<value>${v}</value>`).join('')}</field>`

const valid = [f('botname', 'The Jabber Google Bot'), f('public', '0')]

describe('validateSubmission', () => {
  test('accepts XEP-0004 Example 3 (User Submits Bot Creation Form)', () => {
    const example3 = submit(
      [
        `<field type='hidden' var='FORM_TYPE'><value>jabber:bot</value></field>`,
        `<field type='text-single' var='botname'><value>The Jabber Google Bot</value></field>`,
        `<field type='text-multi' var='description'><value>This bot enables you to send requests to</value><value>Google and receive the search results right</value></field>`,
        `<field type='boolean' var='public'><value>0</value></field>`,
        `<field type='text-private' var='password'><value>v3r0na</value></field>`,
        `<field type='list-multi' var='features'><value>news</value><value>search</value></field>`,
        `<field type='list-single' var='maxsubs'><value>50</value></field>`,
        `<field type='jid-multi' var='invitelist'><value>juliet@capulet.com</value><value>benvolio@montague.net</value></field>`,
      ].join(''),
    )
    expect(validateSubmission(definition, example3)).toEqual([])
  })

  test('reports a missing required field (§3.2 <required/>)', () => {
    expect(validateSubmission(definition, submit(f('public', '1')))).toEqual([
      { var: 'botname', reason: 'required', message: "field 'botname' is required" },
    ])
    // An empty value is no value, and a required boolean has no default to fall back on.
    expect(validateSubmission(definition, submit(f('botname', '') + f('public')))).toEqual([
      { var: 'botname', reason: 'required', message: "field 'botname' is required" },
      { var: 'public', reason: 'required', message: "field 'public' is required" },
    ])
  })

  test('reports several values in a single-value field (§3.2)', () => {
    const errors = validateSubmission(
      definition,
      submit(
        f('botname', 'a', 'b') +
          f('public', '1', '0') +
          f('maxsubs', '10', '20') +
          f('untyped', 'x', 'y'),
      ),
    )
    expect(errors.map((e) => [e.var, e.reason])).toEqual([
      ['botname', 'too-many-values'],
      ['public', 'too-many-values'],
      ['maxsubs', 'too-many-values'],
      ['untyped', 'too-many-values'],
    ])
    expect(errors[0]).toEqual({
      var: 'botname',
      reason: 'too-many-values',
      message: "field 'botname' takes a single value",
    })
  })

  test('allows several values in list-multi, jid-multi, text-multi and hidden (§3.2)', () => {
    const fields =
      f('features', 'news', 'polls') + f('invitelist', 'a@b', 'c@d') + f('description', '1', '2')
    expect(
      validateSubmission(definition, submit(valid.join('') + fields + f('secret', 'a', 'b'))),
    ).toEqual([])
  })

  test('reports a value that is not among the options (§3.3)', () => {
    expect(validateSubmission(definition, submit(valid.join('') + f('maxsubs', '25')))).toEqual([
      {
        var: 'maxsubs',
        reason: 'not-an-option',
        value: '25',
        message: "'25' is not an option of field 'maxsubs'",
      },
    ])
    expect(
      validateSubmission(
        definition,
        submit(valid.join('') + f('features', 'news', 'games', 'chess')),
      ),
    ).toEqual([
      {
        var: 'features',
        reason: 'not-an-option',
        value: 'games',
        message: "'games' is not an option of field 'features'",
      },
      {
        var: 'features',
        reason: 'not-an-option',
        value: 'chess',
        message: "'chess' is not an option of field 'features'",
      },
    ])
  })

  test('reports invalid JIDs in jid-single and jid-multi (§3.3, RFC 7622)', () => {
    const errors = validateSubmission(
      definition,
      submit(
        valid.join('') +
          f('owner', 'a@b@c') +
          f('invitelist', 'juliet@capulet.com', '@capulet.com', 'x/'),
      ),
    )
    expect(errors).toEqual([
      {
        var: 'invitelist',
        reason: 'invalid-jid',
        value: '@capulet.com',
        message: "'@capulet.com' in field 'invitelist' is not a valid JID",
      },
      {
        var: 'invitelist',
        reason: 'invalid-jid',
        value: 'x/',
        message: "'x/' in field 'invitelist' is not a valid JID",
      },
      {
        var: 'owner',
        reason: 'invalid-jid',
        value: 'a@b@c',
        message: "'a@b@c' in field 'owner' is not a valid JID",
      },
    ])
  })

  test('accepts 0, 1, true and false for a boolean and nothing else (§3.3)', () => {
    for (const ok of ['0', '1', 'true', 'false']) {
      expect(validateSubmission(definition, submit(f('botname', 'b') + f('public', ok)))).toEqual(
        [],
      )
    }
    expect(validateSubmission(definition, submit(f('botname', 'b') + f('public', 'yes')))).toEqual([
      {
        var: 'public',
        reason: 'invalid-boolean',
        value: 'yes',
        message: "'yes' in field 'public' is not a boolean",
      },
    ])
  })

  test('takes the type from the definition, not from the submission', () => {
    const lying = `<field var='maxsubs' type='text-single'><value>7</value></field>`
    expect(
      validateSubmission(definition, submit(valid.join('') + lying)).map((e) => e.reason),
    ).toEqual(['not-an-option'])
  })

  test('ignores fields the form does not define (§3.1)', () => {
    expect(validateSubmission(definition, submit(valid.join('') + f('extra', 'a', 'b')))).toEqual(
      [],
    )
  })

  test('reports a field submitted twice', () => {
    expect(validateSubmission(definition, submit(valid.join('') + f('botname', 'again')))).toEqual([
      {
        var: 'botname',
        reason: 'duplicate-field',
        message: "field 'botname' is submitted more than once",
      },
    ])
  })

  test('reports a submission for another FORM_TYPE, accepts one without it', () => {
    const other = `<field var='FORM_TYPE' type='hidden'><value>urn:other</value></field>`
    expect(validateSubmission(definition, submit(other + valid.join('')))).toEqual([
      {
        var: 'FORM_TYPE',
        reason: 'form-type-mismatch',
        value: 'urn:other',
        message: "FORM_TYPE 'urn:other' does not match this form",
      },
    ])
    expect(validateSubmission(definition, submit(valid.join('')))).toEqual([])
  })
})

test('submissionError is not-acceptable with every message (XEP-0004 §4)', () => {
  const errors = validateSubmission(definition, submit(f('public', 'maybe')))
  const error = submissionError(errors)
  expect(error.type).toBe('modify')
  expect(error.condition).toBe('not-acceptable')
  expect(error.text).toBe("field 'botname' is required; 'maybe' in field 'public' is not a boolean")
})
