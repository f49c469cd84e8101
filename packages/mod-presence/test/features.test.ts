// §3.4: pre-approval support is a post-authentication stream feature. Stream negotiation is
// transport-specific, so this one drives testHost's raw connection directly.
import { roster } from '@tercet/mod-roster'
import { testHost } from '@tercet/testing'
import { expect, test } from 'vitest'
import { presence } from '../src/index'

const open = '<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="example.test" version="1.0"/>'

test('advertises <sub xmlns="urn:xmpp:features:pre-approval"/> after authentication only', async () => {
  const t = testHost({ modules: [roster, presence] })
  await t.addUser('juliet', 'secret')
  const c = t.connect()
  await c.send(open)
  expect(c.received()[1]!.getChild('sub', 'urn:xmpp:features:pre-approval')).toBeUndefined()
  const plain = btoa('\0juliet\0secret')
  await c.send(`<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${plain}</auth>`)
  await c.expect('<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>')
  await c.send(open)
  const features = c.received()[1]!
  expect(features.getChild('sub', 'urn:xmpp:features:pre-approval')).toBeDefined()
  expect(features.getChild('ver', 'urn:xmpp:features:rosterver')).toBeDefined()
})
