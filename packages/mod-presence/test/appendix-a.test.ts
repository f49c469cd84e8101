// Every transition of RFC 6121 Appendix A, each its own test, over testHost().
import { roster } from '@tercet/mod-roster'
import { describe, test } from 'vitest'
import { presence } from '../src/index'
import { type ContactRow, inboundRow, outboundRow, type UserRow } from './appendix-a'
import { memoryEnv } from './env'

const env = () => memoryEnv([roster, presence])

// [existing state, alice (user) receives, bob (contact) receives, new state]
// biome-ignore format: the tables read like the RFC's
const USER_SIDE: [string, string, UserRow[]][] = [
  ['A.2.1 outbound subscribe', 'subscribe', [
    ['None', ['push none ask'], ['subscribe'], 'None + Pending Out'],
    ['None + Pending Out', [], [], '='],
    ['None + Pending In', ['push none ask'], ['subscribe'], 'None + Pending Out+In'],
    ['None + Pending Out+In', [], [], '='],
    // bob's server answers for bob (§3.1.3 step 2); alice ignores the subscribed (A.3.3)
    ['To', ['presence'], [], '='],
    ['To + Pending In', ['presence'], [], '='],
    ['From', ['push from ask'], ['subscribe'], 'From + Pending Out'],
    ['From + Pending Out', [], [], '='],
    ['Both', ['presence'], [], '='],
  ]],
  ['A.2.2 outbound unsubscribe', 'unsubscribe', [
    ['None', [], [], '='],
    // bob never added alice: his server forgets her request without a word (§3.3.3)
    ['None + Pending Out', ['push none'], [], 'None'],
    ['None + Pending In', [], [], '='],
    ['None + Pending Out+In', ['push none'], ['unsubscribe'], 'None + Pending In'],
    ['To', ['push none', 'unavailable'], ['unsubscribe', 'push none'], 'None'],
    ['To + Pending In', ['push none', 'unavailable'], ['unsubscribe', 'push none ask'], 'None + Pending In'],
    ['From', [], [], '='],
    ['From + Pending Out', ['push from'], ['unsubscribe'], 'From'],
    ['Both', ['push from', 'unavailable'], ['unsubscribe', 'push to'], 'From'],
  ]],
  ['A.2.3 outbound subscribed', 'subscribed', [
    ['None', ['push none approved'], [], 'None*'],
    ['None + Pending Out', ['push none ask approved'], [], 'None + Pending Out*'],
    ['None + Pending In', ['push from'], ['subscribed', 'push to', 'presence'], 'From'],
    ['None + Pending Out+In', ['push from ask'], ['subscribed', 'push to', 'presence'], 'From + Pending Out'],
    ['To', ['push to approved'], [], 'To*'],
    ['To + Pending In', ['push both'], ['subscribed', 'push both', 'presence'], 'Both'],
    ['From', [], [], '='],
    ['From + Pending Out', [], [], '='],
    ['Both', [], [], '='],
  ]],
  ['A.2.4 outbound unsubscribed', 'unsubscribed', [
    ['None', [], [], '='],
    ['None + Pending Out', [], [], '='],
    ['None + Pending In', [], ['unsubscribed', 'push none'], 'None'],
    ['None + Pending Out+In', [], ['unsubscribed', 'push none'], 'None + Pending Out'],
    ['To', [], [], '='],
    ['To + Pending In', [], ['unsubscribed', 'push from'], 'To'],
    ['From', ['push none'], ['unavailable', 'unsubscribed', 'push none'], 'None'],
    ['From + Pending Out', ['push none ask'], ['unavailable', 'unsubscribed', 'push none'], 'None + Pending Out'],
    ['Both', ['push to'], ['unavailable', 'unsubscribed', 'push from'], 'To'],
  ]],
]

// [existing state, alice (the contact of whoever sent it) receives, new state]
// biome-ignore format: the tables read like the RFC's
const CONTACT_SIDE: [string, string, ContactRow[]][] = [
  ['A.3.1 inbound subscribe', 'subscribe', [
    ['None', ['subscribe'], 'None + Pending In'],
    ['None + Pending Out', ['subscribe'], 'None + Pending Out+In'],
    ['None + Pending In', [], '='],
    ['None + Pending Out+In', [], '='],
    ['To', ['subscribe'], 'To + Pending In'],
    ['To + Pending In', [], '='],
    ['From', [], '='],
    ['From + Pending Out', [], '='],
    ['Both', [], '='],
  ]],
  ['A.3.2 inbound unsubscribe', 'unsubscribe', [
    ['None', [], '='],
    ['None + Pending Out', [], '='],
    // §3.3.3: alice never added bob, so the record of his request is simply removed
    ['None + Pending In', [], 'None'],
    ['None + Pending Out+In', ['unsubscribe'], 'None + Pending Out'],
    ['To', [], '='],
    ['To + Pending In', ['unsubscribe'], 'To'],
    ['From', ['unsubscribe', 'push none'], 'None'],
    ['From + Pending Out', ['unsubscribe', 'push none ask'], 'None + Pending Out'],
    ['Both', ['unsubscribe', 'push to'], 'To'],
  ]],
  ['A.3.3 inbound subscribed', 'subscribed', [
    ['None', [], '='],
    ['None + Pending Out', ['subscribed', 'push to'], 'To'],
    ['None + Pending In', [], '='],
    ['None + Pending Out+In', ['subscribed', 'push to'], 'To + Pending In'],
    ['To', [], '='],
    ['To + Pending In', [], '='],
    ['From', [], '='],
    ['From + Pending Out', ['subscribed', 'push both'], 'Both'],
    ['Both', [], '='],
  ]],
  ['A.3.4 inbound unsubscribed', 'unsubscribed', [
    ['None', [], '='],
    ['None + Pending Out', ['unsubscribed', 'push none'], 'None'],
    ['None + Pending In', [], '='],
    ['None + Pending Out+In', ['unsubscribed', 'push none'], 'None + Pending In'],
    ['To', ['unsubscribed', 'push none'], 'None'],
    ['To + Pending In', ['unsubscribed', 'push none'], 'None + Pending In'],
    ['From', [], '='],
    ['From + Pending Out', ['unsubscribed', 'push from'], 'From'],
    ['Both', ['unsubscribed', 'push from'], 'From'],
  ]],
]

for (const [table, type, rows] of USER_SIDE) {
  describe(`RFC 6121 ${table}`, () => {
    test.each(rows)('%s', (...row) => outboundRow(env(), type, row as UserRow))
  })
}
for (const [table, type, rows] of CONTACT_SIDE) {
  describe(`RFC 6121 ${table}`, () => {
    test.each(rows)('%s', (...row) => inboundRow(env(), type, row as ContactRow))
  })
}
