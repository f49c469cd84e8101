import { parseFrame } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import {
  contactPresence,
  emptyRoster,
  parseRosterItem,
  type RosterAction,
  rosterReducer,
  sortedContacts,
  subscribedTo,
} from './roster'

const run = (...actions: RosterAction[]) => actions.reduce(rosterReducer, emptyRoster)
const bob = { jid: 'bob@localhost', subscription: 'both' as const, ask: false, groups: [] }
const carol = {
  jid: 'carol@localhost',
  name: 'Carol',
  subscription: 'none' as const,
  ask: true,
  groups: [],
}

describe('roster', () => {
  test('parses RFC 6121 §2.1.2 items, including remove', () => {
    expect(
      parseRosterItem(
        parseFrame(
          '<item xmlns="jabber:iq:roster" jid="carol@localhost" name="Carol" subscription="none" ask="subscribe"><group>Friends</group></item>',
        ),
      ),
    ).toEqual({ ...carol, groups: ['Friends'] })
    expect(
      parseRosterItem(
        parseFrame('<item xmlns="jabber:iq:roster" jid="x@y" subscription="remove"/>'),
      ),
    ).toEqual({
      remove: 'x@y',
    })
    expect(
      parseRosterItem(
        parseFrame('<item xmlns="jabber:iq:roster" jid="x@y" subscription="bogus"/>'),
      ),
    ).toMatchObject({
      subscription: 'none',
    })
    expect(parseRosterItem(parseFrame('<item xmlns="jabber:iq:roster"/>'))).toBeUndefined()
  })

  test('result replaces, push adds or updates, remove drops item, presence and request', () => {
    let s = run({ type: 'roster/result', items: [bob] })
    expect(s.loaded).toBe(true)
    s = rosterReducer(s, { type: 'roster/push', item: carol })
    s = rosterReducer(s, {
      type: 'roster/push',
      item: { ...carol, subscription: 'to', ask: false },
    })
    expect(Object.keys(s.items)).toEqual(['bob@localhost', 'carol@localhost'])
    expect(s.items['carol@localhost']!.subscription).toBe('to')
    s = rosterReducer(s, {
      type: 'presence/available',
      jid: 'bob@localhost',
      resource: 'a',
      show: 'online',
      priority: 0,
    })
    s = rosterReducer(s, { type: 'subscription/request', jid: 'bob@localhost' })
    s = rosterReducer(s, { type: 'roster/remove', jid: 'bob@localhost' })
    expect(s.items['bob@localhost']).toBeUndefined()
    expect(s.presence).toEqual({})
    expect(s.requests).toEqual([])
  })

  test('presence per resource; the best resource is shown', () => {
    let s = run(
      {
        type: 'presence/available',
        jid: 'bob@localhost',
        resource: 'phone',
        show: 'away',
        status: 'walking',
        priority: 0,
      },
      {
        type: 'presence/available',
        jid: 'bob@localhost',
        resource: 'desk',
        show: 'dnd',
        priority: 5,
      },
    )
    expect(contactPresence(s, 'bob@localhost')).toEqual({ show: 'dnd' })
    s = rosterReducer(s, { type: 'presence/unavailable', jid: 'bob@localhost', resource: 'desk' })
    expect(contactPresence(s, 'bob@localhost')).toEqual({ show: 'away', status: 'walking' })
    s = rosterReducer(s, { type: 'presence/unavailable', jid: 'bob@localhost', resource: 'phone' })
    expect(contactPresence(s, 'bob@localhost')).toEqual({ show: 'offline' })
    expect(s.presence).toEqual({})
  })

  test('equal priority: the more available show wins', () => {
    const s = run(
      { type: 'presence/available', jid: 'b@l', resource: '1', show: 'xa', priority: 1 },
      { type: 'presence/available', jid: 'b@l', resource: '2', show: 'chat', priority: 1 },
    )
    expect(contactPresence(s, 'b@l').show).toBe('chat')
  })

  test('requests are kept once each, until answered', () => {
    let s = run(
      { type: 'subscription/request', jid: 'a@l' },
      { type: 'subscription/request', jid: 'a@l' },
      { type: 'subscription/request', jid: 'b@l' },
    )
    expect(s.requests).toEqual(['a@l', 'b@l'])
    s = rosterReducer(s, { type: 'subscription/answered', jid: 'a@l' })
    expect(s.requests).toEqual(['b@l'])
  })

  test('connection lost forgets presence, keeps the roster', () => {
    const s = run(
      { type: 'roster/result', items: [bob] },
      {
        type: 'presence/available',
        jid: 'bob@localhost',
        resource: 'a',
        show: 'online',
        priority: 0,
      },
      { type: 'connection/lost' },
    )
    expect(s.items['bob@localhost']).toEqual(bob)
    expect(s.presence).toEqual({})
  })

  test('sorting: available first, then by name; subscribedTo', () => {
    const s = run(
      { type: 'roster/result', items: [carol, bob, { ...bob, jid: 'aaron@localhost' }] },
      {
        type: 'presence/available',
        jid: 'bob@localhost',
        resource: 'a',
        show: 'online',
        priority: 0,
      },
    )
    expect(sortedContacts(s).map((i) => i.jid)).toEqual([
      'bob@localhost',
      'aaron@localhost',
      'carol@localhost',
    ])
    expect(subscribedTo(s, 'bob@localhost')).toBe(true)
    expect(subscribedTo(s, 'carol@localhost')).toBe(true) // ask pending
    expect(subscribedTo(s, 'dave@localhost')).toBe(false)
  })
})
