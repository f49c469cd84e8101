import { offline } from '@tercet/mod-offline'
import { testHost } from '@tercet/testing'
import { describe, test } from 'vitest'
import { message } from '../src/index'
import * as conversations from './conversations'

const env = () => testHost({ modules: [message] })

describe('RFC 6121 §8 message delivery (performed by the router)', () => {
  test('§8.5.2.1.1: chat goes to the highest-priority resource', () =>
    conversations.chatToHighestPriority(env()))
  test('§8.5.2.1.1: normal goes to every resource sharing the highest priority', () =>
    conversations.normalToAllTopResources(env()))
  test('§8.5.2.1.1: headline goes to every non-negative resource', () =>
    conversations.headlineToAllNonNegative(env()))
  test('§8.5.2.1.1: groupchat bounces, error is dropped', () =>
    conversations.groupchatBouncesErrorDropped(env()))
  test('§8.5.2.2.1: without offline storage, chat and normal bounce; headline is dropped', () =>
    conversations.nobodyToTakeIt(env(), { offline: false }))
  test('§8.5.2.2.1: with offline storage, chat and normal are taken without an error', () =>
    conversations.nobodyToTakeIt(testHost({ modules: [message, offline] }), { offline: true }))
  test('§8.5.3.1: an online full JID gets every type, whatever its priority', () =>
    conversations.fullJidOnline(env()))
  test('§8.5.3.2.1: a full JID that is not online', () => conversations.fullJidNotOnline(env()))
  test('§8.5.1: no such user', () => conversations.noSuchUser(env()))
  test('RFC 6120 §10.3.1: no to means the own bare JID', () =>
    conversations.noToIsOwnBareJid(env()))
  test('RFC 6120 §8.1.2.1: extensions are routed unmodified', () =>
    conversations.extensionsUntouched(env()))
})
