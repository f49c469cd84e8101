// Parse + prepare throughput of @tercet/jid next to @xmpp/jid (which only lowercases) in the
// same run. Run with `pnpm --filter @tercet/jid bench`.
import { parse as xmppParse } from '@xmpp/jid'
import { bench, describe } from 'vitest'
import { parseJid } from '../src/index'

// The common case: the addresses a server sees on every stanza.
const ASCII = [
  'alice@example.com',
  'bob@chat.example.org/phone-3f2a9c',
  'Room@Conference.Example.COM/Nick Name',
  'example.com',
  'user.name+tag@sub.domain.example/resource with space',
  'juliet@capulet.lit/balcony',
  'pubsub.shakespeare.lit',
  'romeo@montague.lit/orchard',
]
const NON_ASCII = [
  'fußball@example.com/Ünïcode',
  'Σωκράτης@ελληνικά.example/κινητό',
  'ユーザー@例え.jp/デスクトップ',
  'мария@пример.рф/телефон',
  'xn--bcher-kva.example',
]

// Keep results alive so nothing is optimised away.
const sink = { total: 0 }

describe('ASCII JIDs (8 per iteration)', () => {
  bench('@tercet/jid parseJid (RFC 7622, full validation)', () => {
    for (const s of ASCII) sink.total += parseJid(s).domain.length
  })
  bench('@xmpp/jid parse (lowercase only)', () => {
    for (const s of ASCII) sink.total += xmppParse(s).domain.length
  })
})

describe('non-ASCII JIDs (5 per iteration)', () => {
  bench('@tercet/jid parseJid (PRECIS + IDNA2008)', () => {
    for (const s of NON_ASCII) sink.total += parseJid(s).domain.length
  })
  bench('@xmpp/jid parse (lowercase only)', () => {
    for (const s of NON_ASCII) sink.total += xmppParse(s).domain.length
  })
})
