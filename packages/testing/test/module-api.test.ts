// The module API pieces the IM modules stand on: outbound presence on the sender's account side,
// the account side's view of live resources, IQs before authentication, kicking a session.
import { defineModule } from '@tercet/router'
import { StanzaError } from '@tercet/stanza'
import { Element } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { testHost } from '../src/index'

describe('outbound presence runs on the sender’s account side (RFC 6121 §3.1.2)', () => {
  test('pre-presence/bare sees the sender’s own stores and may stop the stanza', async () => {
    const seen: string[] = []
    const m = defineModule('outbound', (mod) => {
      const log = mod.openStore<string[], 'keyval'>('sent', 'keyval')
      mod.hook('pre-presence/bare', async (e) => {
        const user = e.from.local!
        const sent = (await log.get(user)) ?? []
        sent.push(`${e.stanza.attr('type')}→${e.to}`)
        await log.set(user, sent)
        seen.push(sent.join(','))
        return e.stanza.attr('type') === 'subscribe' ? undefined : true
      })
    })
    const t = testHost({ modules: [m] })
    const alice = await t.login('alice@example.test/phone')
    const bob = await t.login('bob@example.test/laptop')
    await bob.send('<presence/>')
    await alice.send('<presence to="bob@example.test" type="subscribe"/>')
    await alice.send('<presence to="bob@example.test" type="unsubscribe"/>')
    // Both ran on alice's account side, which kept its store between the two.
    expect(seen).toEqual([
      'subscribe→bob@example.test',
      'subscribe→bob@example.test,unsubscribe→bob@example.test',
    ])
    await bob.expect(
      '<presence to="bob@example.test" from="alice@example.test/phone" type="subscribe"/>',
    )
    bob.expectNothing()
  })
})

describe('account-side resources', () => {
  test('modules read live resources, keep data on them and write to one directly', async () => {
    const m = defineModule('resources', (mod) => {
      mod.hook('iq-get/self/urn:x:list:list', async (e) => {
        const user = e.from.local!
        for (const r of await mod.resources(user)) {
          await mod.updateResource(user, r.resource, { ...r.data, seen: true } as never)
        }
        const list = await mod.resources(user)
        const names = list.map(
          (r) =>
            `${r.resource}:${r.priority}:${r.available}:${(r.data as { seen?: boolean }).seen}`,
        )
        await mod.sendToResource(
          user,
          'tablet',
          new Element('message', { from: mod.domain }, 'jabber:client', [
            new Element('body', {}, 'jabber:client', ['hello tablet']),
          ]),
        )
        return e.reply(new Element('list', {}, 'urn:x:list', [names.join(' ')]))
      })
    })
    const t = testHost({ modules: [m] })
    const phone = await t.login('alice@example.test/phone')
    await phone.send('<presence><priority>4</priority></presence>')
    const tablet = await t.login('alice@example.test/tablet')
    await phone.send('<iq type="get" id="l1"><list xmlns="urn:x:list"/></iq>')
    await phone.expect(
      '<iq type="result" id="l1" to="alice@example.test/phone"><list xmlns="urn:x:list">phone:4:true:true tablet:0:false:true</list></iq>',
    )
    await tablet.expect('<message from="example.test"><body>hello tablet</body></message>')
  })
  test('resource-unbind tells whether the resource was available', async () => {
    const unbound: string[] = []
    const m = defineModule('unbind', (mod) => {
      mod.hook('resource-unbind', (e) => {
        unbound.push(`${e.jid}:${e.wasAvailable}`)
      })
    })
    const t = testHost({ modules: [m] })
    const a = await t.login('alice@example.test/a', { sendPresence: true })
    const b = await t.login('alice@example.test/b')
    await a.disconnect()
    await b.disconnect()
    expect(unbound).toEqual(['alice@example.test/a:true', 'alice@example.test/b:false'])
  })
})

describe('IQs before authentication', () => {
  const register = defineModule('register-probe', (mod) => {
    mod.hook('iq-get/unauthenticated/jabber:iq:register:query', (e) =>
      e.reply(
        new Element('query', {}, 'jabber:iq:register', [
          new Element('username', {}, 'jabber:iq:register'),
        ]),
      ),
    )
    mod.hook('iq-set/unauthenticated/jabber:iq:register:query', () => {
      throw new StanzaError('cancel', 'conflict')
    })
  })
  const open = '<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="example.test" version="1.0"/>'
  test('a handled IQ is answered on the stream; a thrown StanzaError becomes the reply', async () => {
    const c = testHost({ modules: [register] }).connect()
    await c.send(open)
    c.received()
    await c.send(
      '<iq type="get" id="r1" to="example.test"><query xmlns="jabber:iq:register"/></iq>',
    )
    await c.expect(
      '<iq type="result" id="r1" from="example.test"><query xmlns="jabber:iq:register"><username/></query></iq>',
    )
    await c.send(
      '<iq type="set" id="r2"><query xmlns="jabber:iq:register"><username>x</username></query></iq>',
    )
    await c.expect(
      '<iq type="error" id="r2"><error type="cancel"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>',
    )
    expect(c.closed).toBe(false)
  })
  test('an IQ nobody handles before authentication ends the stream with not-authorized', async () => {
    const c = testHost({ modules: [register] }).connect()
    await c.send(open)
    c.received()
    await c.send('<iq type="get" id="v1"><query xmlns="jabber:iq:version"/></iq>')
    await c.expect(
      '<stream:error xmlns:stream="http://etherx.jabber.org/streams"><not-authorized xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></stream:error>',
    )
  })
})
