import { roster } from '@tercet/mod-roster'
import { describe, test } from 'vitest'
import { presence } from '../src/index'
import * as subscriptions from './conversations'
import { memoryEnv } from './env'
import * as exchange from './exchange'

const env = () => memoryEnv([roster, presence])

describe('RFC 6121 §3 subscriptions over testHost()', () => {
  test('§3.1 handshake in both directions', () => subscriptions.handshakeBothWays(env()))
  test('§3.1.3 pending requests are kept and re-delivered at each login', () =>
    subscriptions.pendingRequestRedelivered(env()))
  test('§3.1.3 a request from a subscribed contact is answered by the server', () =>
    subscriptions.autoReplyWhenSubscribed(env()))
  test('§3.4 pre-approval', () => subscriptions.preApproval(env()))
  test('§2.5.2 roster remove cancels both subscriptions', () =>
    exchange.removeCancelsBothWays(env()))
  test('§2.5.2 roster remove denies or cancels pending requests', () =>
    exchange.removeCancelsPending(env()))
})

describe('RFC 6121 §4 presence over testHost()', () => {
  test('§4.2 initial presence: broadcast, probes, sibling resources', () =>
    exchange.initialPresence(env()))
  test('§4.4 presence update', () => exchange.presenceUpdate(env()))
  test('§4.3 probes answered for subscribers only', () => exchange.probes(env()))
  test('§4.3 probe of an account never available', () => exchange.probeNeverOnline(env()))
  test('§4.6 directed presence tracked and ended', () => exchange.directedPresence(env()))
  test('§4.5 unavailable when a session ends without it', () =>
    exchange.sessionEndsWithoutUnavailable(env()))
  test('§4.7 show, status and priority validated', () => exchange.validation(env()))
})
