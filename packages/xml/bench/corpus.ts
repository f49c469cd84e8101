/**
 * A deterministic XMPP-like client stream of at least 5 MB: chat messages with non-ASCII text
 * and entities, presence with entity capabilities (XEP-0115), roster results (RFC 6121 §2),
 * MAM results with forwarded messages (XEP-0313, XEP-0297) and vCards (XEP-0054) carrying
 * 32 KB base64 photos.
 */

export interface Corpus {
  /** The whole stream, header to `</stream:stream>`. */
  text: string
  /**
   * The stream as a server reads it: 1400-byte reads of its UTF-8 encoding, each decoded with a
   * streaming `TextDecoder` (a multi-byte character cut by a read completes in the next frame).
   * Each frame is then a fresh flat string, one-byte where its characters allow, as it is when
   * it comes from a socket or a WebSocket message.
   */
  frames: string[]
  /**
   * `text` cut into 1400-character slices (the first versions of this benchmark). Each slice
   * is a view into the one 5 MB two-byte string, a representation no socket produces; kept
   * for a comparison row, because string representation changes parse speed (see README).
   */
  slices: string[]
  /** UTF-8 size of `text`. */
  bytes: number
  /** Number of first-level elements (stanzas). */
  stanzas: number
}

export const NS_STREAMS = 'http://etherx.jabber.org/streams'

/** mulberry32: a small seeded PRNG, so every run parses the same corpus. */
function prng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = [
  'hello',
  'meeting',
  'tomorrow',
  'café',
  'naïve',
  'Grüße',
  'señor',
  'Ελληνικά',
  'русский',
  '日本語',
  '中文',
  '한국어',
  'עברית',
  'العربية',
  '😀',
  '🎉',
  'ok',
  'see',
  'you',
  'at',
  'the',
  'station',
  'price',
  '5 < 6',
  'fish & chips',
  '"quoted"',
  "it's",
  'a > b',
  'lunch',
  'XMPP',
]
const USERS = ['alice', 'bob', 'carol', 'dave', 'eve', 'frank', 'grace', 'heidi', 'ivan', 'judy']
const DOMAINS = ['example.com', 'example.net', 'jabber.example.org', 'chat.example']

const escapeText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escapeAttr = (s: string) => escapeText(s).replace(/'/g, '&apos;').replace(/"/g, '&quot;')

export function makeCorpus(minBytes = 5 * 1024 * 1024, seed = 7): Corpus {
  const rnd = prng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const id = () => Math.floor(rnd() * 2 ** 32).toString(36)
  const jid = () => `${pick(USERS)}@${pick(DOMAINS)}`
  const full = () => `${jid()}/${pick(['phone', 'laptop', 'Conversations.x1y2', 'gajim'])}`
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ')
  const base64 = (n: number) => {
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
    let s = ''
    for (let i = 0; i < n; i++) s += (i + 1) % 77 === 0 ? '\n' : abc[Math.floor(rnd() * 64)]
    return s
  }

  const chat = () =>
    `<message from='${full()}' to='${jid()}' type='chat' id='${id()}'>` +
    `<body>${escapeText(sentence(3 + Math.floor(rnd() * 25)))}</body>` +
    `<active xmlns='http://jabber.org/protocol/chatstates'/><request xmlns='urn:xmpp:receipts'/>` +
    `<origin-id xmlns='urn:xmpp:sid:0' id='${id()}-${id()}'/></message>`
  const presence = () =>
    `<presence from='${full()}' to='${jid()}'><show>${pick(['away', 'chat', 'dnd', 'xa'])}</show>` +
    `<status>${escapeText(sentence(4))}</status><priority>${Math.floor(rnd() * 10)}</priority>` +
    `<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://conversations.im' ver='${id()}${id()}='/>` +
    `<x xmlns='vcard-temp:x:update'><photo>${id()}${id()}${id()}</photo></x></presence>`
  const roster = () => {
    let items = ''
    const n = 20 + Math.floor(rnd() * 100)
    for (let i = 0; i < n; i++) {
      items +=
        `<item jid='${jid()}' name='${escapeAttr(sentence(2))}' subscription='${pick(['both', 'to', 'from', 'none'])}'>` +
        `<group>${escapeText(pick(['Friends', 'Work', 'Família', 'Colleagues & co']))}</group></item>`
    }
    return `<iq type='result' id='${id()}' to='${full()}'><query xmlns='jabber:iq:roster' ver='ver${id()}'>${items}</query></iq>`
  }
  const mam = () =>
    `<message to='${full()}'><result xmlns='urn:xmpp:mam:2' queryid='q${id()}' id='${id()}'>` +
    `<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2024-05-0${1 + Math.floor(rnd() * 9)}T12:34:56Z'/>` +
    `<message xmlns='jabber:client' from='${full()}' to='${jid()}' type='chat' id='${id()}'>` +
    `<body>${escapeText(sentence(5 + Math.floor(rnd() * 20)))}</body>` +
    `<stanza-id xmlns='urn:xmpp:sid:0' by='${jid()}' id='${id()}'/></message></forwarded></result></message>`
  const vcard = () =>
    `<iq type='result' id='${id()}' from='${jid()}' to='${full()}'><vCard xmlns='vcard-temp'>` +
    `<FN>${escapeText(sentence(2))}</FN><NICKNAME>${pick(USERS)}</NICKNAME>` +
    `<PHOTO><TYPE>image/jpeg</TYPE><BINVAL>${base64(32 * 1024)}</BINVAL></PHOTO></vCard></iq>`

  const header =
    `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='${NS_STREAMS}' ` +
    `from='example.com' id='s${id()}' version='1.0' xml:lang='en'>`
  const parts: string[] = [header]
  let size = header.length
  let stanzas = 0
  while (size < minBytes) {
    const r = rnd()
    const stanza =
      r < 0.55
        ? chat()
        : r < 0.8
          ? presence()
          : r < 0.86
            ? mam()
            : r < 0.885
              ? roster()
              : r < 0.993
                ? chat()
                : vcard()
    parts.push(stanza, rnd() < 0.1 ? '\n' : '')
    size += stanza.length
    stanzas++
  }
  parts.push('</stream:stream>')
  const text = parts.join('')
  const utf8 = new TextEncoder().encode(text)
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const frames: string[] = []
  for (let i = 0; i < utf8.length; i += 1400) {
    const frame = decoder.decode(utf8.subarray(i, i + 1400), { stream: true })
    if (frame.length > 0) frames.push(frame)
  }
  const slices: string[] = []
  for (let i = 0; i < text.length; i += 1400) slices.push(text.slice(i, i + 1400))
  return { text, frames, slices, bytes: utf8.length, stanzas }
}
