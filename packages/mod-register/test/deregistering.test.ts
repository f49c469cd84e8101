// XEP-0077 §3.2 with the roster module: removing an account cancels its subscriptions with the
// contacts first (user-deregistering), so nobody keeps a dangling subscription.
import { presence } from '@tercet/mod-presence'
import { roster } from '@tercet/mod-roster'
import { testHost } from '@tercet/testing'
import { expect, test } from 'vitest'
import { register } from '../src/index'

test('the contacts of a removed account learn that both subscriptions are gone', async () => {
  const t = testHost({ modules: [roster, presence, register] })
  const alice = await t.login('alice@example.test/a')
  const bob = await t.login('bob@example.test/b')
  for (const c of [alice, bob]) {
    await c.send('<iq type="get" id="r"><query xmlns="jabber:iq:roster"/></iq>')
    await c.send('<presence/>')
  }
  await alice.send('<presence to="bob@example.test" type="subscribe"/>')
  await bob.send('<presence to="alice@example.test" type="subscribed"/>')
  await bob.send('<presence to="alice@example.test" type="subscribe"/>')
  await alice.send('<presence to="bob@example.test" type="subscribed"/>')
  alice.received()
  bob.received()
  await alice.send(
    '<iq type="set" id="rm"><query xmlns="jabber:iq:register"><remove/></query></iq>',
  )
  const seen = bob.received().map((s) => `${s.local}:${s.attr('type') ?? ''}:${s.attr('from')}`)
  expect(seen).toEqual(
    expect.arrayContaining([
      'presence:unsubscribe:alice@example.test',
      'presence:unavailable:alice@example.test/a',
      'presence:unsubscribed:alice@example.test',
    ]),
  )
  const rosterOfBob = await (async () => {
    await bob.send('<iq type="get" id="r2"><query xmlns="jabber:iq:roster"/></iq>')
    return bob.received().find((s) => s.attr('id') === 'r2')!
  })()
  const item = rosterOfBob
    .getChild('query', 'jabber:iq:roster')!
    .getChild('item', 'jabber:iq:roster')!
  expect(item.attr('subscription')).toBe('none')
  expect(alice.closed).toBe(true)
})
