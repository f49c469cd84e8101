// Appendix A as tables: every state against every table, the pure form of the transitions the
// conversation tests in @tercet/mod-presence drive through the whole server.
import { describe, expect, test } from 'vitest'
import {
  inboundSubscribe,
  inboundSubscribed,
  inboundUnsubscribe,
  inboundUnsubscribed,
  outboundSubscribe,
  outboundSubscribed,
  outboundUnsubscribe,
  outboundUnsubscribed,
  type SubscriptionState,
  stateName,
} from './subscription'

const S = (name: string): SubscriptionState => {
  const [base, pending = ''] = name.split(' + Pending ')
  return {
    subscription: base!.toLowerCase() as SubscriptionState['subscription'],
    pendingOut: pending.includes('Out'),
    pendingIn: pending.includes('In'),
    approved: false,
  }
}
const STATES = [
  'None',
  'None + Pending Out',
  'None + Pending In',
  'None + Pending Out+In',
  'To',
  'To + Pending In',
  'From',
  'From + Pending Out',
  'Both',
]
// biome-ignore format: the tables read like the RFC's
const TABLES: [string, (s: SubscriptionState) => SubscriptionState, string[]][] = [
  ['A.2.1 outbound subscribe', outboundSubscribe, ['None + Pending Out', '=', 'None + Pending Out+In', '=', '=', '=', 'From + Pending Out', '=', '=']],
  ['A.2.2 outbound unsubscribe', outboundUnsubscribe, ['=', 'None', '=', 'None + Pending In', 'None', 'None + Pending In', '=', 'From', 'From']],
  ['A.2.3 outbound subscribed', outboundSubscribed, ['None*', 'None + Pending Out*', 'From', 'From + Pending Out', 'To*', 'Both', '=', '=', '=']],
  ['A.2.4 outbound unsubscribed', outboundUnsubscribed, ['=', '=', 'None', 'None + Pending Out', '=', 'To', 'None', 'None + Pending Out', 'To']],
  ['A.3.1 inbound subscribe', inboundSubscribe, ['None + Pending In', 'None + Pending Out+In', '=', '=', 'To + Pending In', '=', '=', '=', '=']],
  ['A.3.2 inbound unsubscribe', inboundUnsubscribe, ['=', '=', 'None', 'None + Pending Out', '=', 'To', 'None', 'None + Pending Out', 'To']],
  ['A.3.3 inbound subscribed', inboundSubscribed, ['=', 'To', '=', 'To + Pending In', '=', '=', '=', 'Both', '=']],
  ['A.3.4 inbound unsubscribed', inboundUnsubscribed, ['=', 'None', '=', 'None + Pending In', 'None', 'None + Pending In', '=', 'From', 'From']],
]

describe.each(TABLES)('%s', (_name, table, outcomes) => {
  test.each(STATES.map((s, i) => [s, outcomes[i]!]))('%s → %s', (from, to) => {
    const before = S(from)
    const after = table(before)
    // "*": the state stays, with a §3.4 pre-approval noted.
    const want = to === '=' ? from : to.replace('*', '')
    expect(stateName(after)).toBe(want)
    expect(after.approved).toBe(to.endsWith('*'))
    if (to === '=') expect(after).toBe(before)
  })
})

describe('§3.4 pre-approval', () => {
  const approved = (name: string) => ({ ...S(name), approved: true })
  test('an inbound subscribe turns it into a subscription', () => {
    expect(stateName(inboundSubscribe(approved('None')))).toBe('From')
    expect(stateName(inboundSubscribe(approved('None + Pending Out')))).toBe('From + Pending Out')
    expect(stateName(inboundSubscribe(approved('To')))).toBe('Both')
    expect(inboundSubscribe(approved('To')).approved).toBe(false)
  })
  test('an outbound unsubscribed cancels it', () => {
    expect(outboundUnsubscribed(approved('To'))).toEqual(S('To'))
  })
})
