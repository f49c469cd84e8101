import { StanzaError } from '@tercet/stanza'
import { parseFrame, serialize } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { readRequest, registeredAnswer, registrationForm } from './query'

const q = (body: string) => parseFrame(`<query xmlns="jabber:iq:register">${body}</query>`)
const DATA = 'jabber:x:data'
const condition = (body: string) => {
  try {
    readRequest(q(body))
  } catch (e) {
    return e instanceof StanzaError ? e.condition : String(e)
  }
  return 'no error'
}

describe('readRequest', () => {
  test('legacy fields (XEP-0077 §3.1 Example 4); absent and empty differ', () => {
    expect(readRequest(q('<username>bill</username><password>Calliope</password>'))).toEqual({
      kind: 'fields',
      username: 'bill',
      password: 'Calliope',
    })
    expect(readRequest(q('<username/>'))).toEqual({
      kind: 'fields',
      username: '',
      password: undefined,
    })
  })
  test('<remove/> alone (§3.2), anything beside it is a bad-request', () => {
    expect(readRequest(q('<remove/>'))).toEqual({ kind: 'remove' })
    expect(condition('<remove/><username>x</username>')).toBe('bad-request')
  })
  test('a submitted data form (§4), with or without FORM_TYPE', () => {
    const form = (type: string, fields: string) =>
      `<x xmlns="${DATA}" type="${type}">${fields}<field var="username"><value>u</value></field>` +
      '<field var="password"><value>p</value></field></x>'
    const typed = '<field var="FORM_TYPE"><value>jabber:iq:register</value></field>'
    for (const fields of ['', typed]) {
      expect(readRequest(q(form('submit', fields)))).toEqual({
        kind: 'fields',
        username: 'u',
        password: 'p',
      })
    }
    expect(condition(form('cancel', ''))).toBe('bad-request')
    const other = '<field var="FORM_TYPE"><value>jabber:iq:register:cancel</value></field>'
    expect(condition(form('submit', other))).toBe('bad-request')
    expect(condition(`${form('submit', '')}<username>u</username>`)).toBe('bad-request')
    expect(condition(form('submit', '') + form('submit', ''))).toBe('bad-request')
  })
})

describe('answers', () => {
  test('the registration form keeps the schema order: fields, then the data form', () => {
    const names = registrationForm('hi')
      .getChildElements()
      .map((c) => c.local)
    expect(names).toEqual(['instructions', 'username', 'password', 'x'])
  })
  test('<registered/> comes first and the password is never echoed', () => {
    const answer = registeredAnswer('alice')
    expect(answer.getChildElements()[0]!.local).toBe('registered')
    expect(answer.getChildText('username')).toBe('alice')
    expect(serialize(answer)).toContain('<password/>')
  })
})
