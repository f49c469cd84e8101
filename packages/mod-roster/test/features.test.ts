// §2.6.1: roster versioning is a post-authentication stream feature. Stream negotiation is
// transport-specific, so this one drives testHost's raw connection directly.
import { testHost } from '@tercet/testing'
import { expect, test } from 'vitest'
import { roster } from '../src/index'

const open = '<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="example.test" version="1.0"/>'

test('advertises <ver xmlns="urn:xmpp:features:rosterver"/> after authentication only', async () => {
  const t = testHost({ modules: [roster] })
  await t.addUser('juliet', 'secret')
  const c = t.connect()
  await c.send(open)
  const before = c.received()[1]!
  expect(before.getChild('ver', 'urn:xmpp:features:rosterver')).toBeUndefined()
  const plain = btoa('\0juliet\0secret')
  await c.send(`<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${plain}</auth>`)
  await c.expect('<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>')
  await c.send(open)
  const after = c.received()[1]!
  expect(after.getChild('ver', 'urn:xmpp:features:rosterver')).toBeDefined()
})
