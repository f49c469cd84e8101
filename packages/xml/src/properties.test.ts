import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { Element, type Node } from './element'
import { XmlError } from './errors'
import { parseChunks, STREAM_CLOSE, STREAM_OPEN } from './events.test-util'
import { parseFrame } from './frame'
import { serialize } from './serialize'

const NAMESPACES = [
  '',
  'jabber:client',
  'urn:xmpp:ping',
  'http://jabber.org/protocol/muc#user',
  'urn:x:é',
]
const PREFIXES = ['', '', '', 'p', 'stream', 'x']
const LOCALS = ['message', 'body', 'x', 'item', 'a-b', 'a.b', '_c', 'é', 'ö1', '日本']

/** Any XML 1.0 Char (§2.2), astral ones included, weighted towards the characters to escape. */
const xmlChar = fc.oneof(
  fc.constantFrom('&', '<', '>', '"', "'", '\r', '\n', '\t', ']', ' ', '\r\n', ']]>'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 1 }),
  fc.integer({ min: 0x20, max: 0xd7ff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xe000, max: 0xfffd }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
)
const xmlText = fc.array(xmlChar, { maxLength: 12 }).map((cs) => cs.join(''))

const attrs = fc.dictionary(
  fc.constantFrom('to', 'from', 'id', 'type', 'é', 'xml:lang', 'a-b'),
  xmlText,
  {
    maxKeys: 4,
  },
)

const tree = fc.letrec<{ element: Element; node: Node }>((tie) => ({
  element: fc
    .record({
      prefix: fc.constantFrom(...PREFIXES),
      local: fc.constantFrom(...LOCALS),
      ns: fc.constantFrom(...NAMESPACES),
      attrs,
      children: fc.array(tie('node'), { maxLength: 4 }),
    })
    .map(({ prefix, local, ns, attrs, children }) => {
      // A prefix can only be bound to a non-empty namespace (Namespaces in XML 1.0 §3).
      const name = prefix && ns ? `${prefix}:${local}` : local
      return new Element(name, attrs, ns, children)
    }),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, xmlText, tie('element')),
})).element

describe('properties', () => {
  test('random trees: serialize → parseFrame → equal', () => {
    fc.assert(
      fc.property(tree, (el) => {
        expect(parseFrame(serialize(el)).equals(el)).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  test('random trees as stanzas of a stream, in random chunks → equal', () => {
    fc.assert(
      fc.property(
        fc.array(tree, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 50 }),
        (els, size) => {
          const doc =
            STREAM_OPEN +
            els.map((e) => serialize(e, { defaultNs: 'jabber:client' })).join('\n') +
            STREAM_CLOSE
          const chunks: string[] = []
          for (let i = 0; i < doc.length; i += size) chunks.push(doc.slice(i, i + size))
          const events = parseChunks(chunks)
          expect(events.map((e) => e[0])).toEqual(['start', ...els.map(() => 'element'), 'end'])
          events.slice(1, -1).forEach((e, i) => {
            expect((e[1] as Element).equals(els[i]!)).toBe(true)
          })
        },
      ),
      { numRuns: 300 },
    )
  })

  const STANZAS = [
    "<message xmlns='jabber:client' to='a@b' type='chat'><body>Grüße &amp; 😀</body></message>",
    "<iq xmlns='jabber:client' type='result' id='r1'><query xmlns='jabber:iq:roster'><item jid='a@b' name='A'><group>F</group></item></query></iq>",
    "<presence xmlns='jabber:client'><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='n' ver='v='/></presence>",
    "<p:x xmlns:p='urn:p' p:a='&#x1F600;'><![CDATA[<raw>]]><p:y/></p:x>",
  ]
  const LIMIT = 200
  const mutation = fc.record({
    at: fc.nat(),
    remove: fc.integer({ min: 0, max: 3 }),
    insert: fc.uint8Array({ maxLength: 4 }),
  })

  test('byte-level mutations only ever throw XmlError, and never accept more than the limit', () => {
    const encoder = new TextEncoder()
    fc.assert(
      fc.property(
        fc.constantFrom(...STANZAS),
        fc.array(mutation, { minLength: 1, maxLength: 5 }),
        (stanza, muts) => {
          let bytes = encoder.encode(stanza)
          for (const m of muts) {
            const at = m.at % (bytes.length + 1)
            bytes = new Uint8Array([
              ...bytes.slice(0, at),
              ...m.insert,
              ...bytes.slice(at + m.remove),
            ])
          }
          try {
            parseFrame(bytes, { limits: { maxStanzaBytes: LIMIT } })
            expect(bytes.length).toBeLessThanOrEqual(LIMIT + 8) // the root, plus whitespace around it
          } catch (e) {
            if (!(e instanceof XmlError)) throw e
          }
        },
      ),
      { numRuns: 2000 },
    )
  })

  test('character-level mutations fed in random chunks only ever report an XmlError', () => {
    const noise = fc.constantFrom(
      '<',
      '>',
      '&',
      '/',
      '=',
      "'",
      '"',
      ':',
      ' ',
      '\u0000',
      '\uD800',
      '\uDC00',
      '<!--',
      '<?',
      ']]>',
      '&#',
      'x',
    )
    fc.assert(
      fc.property(
        fc.constantFrom(...STANZAS),
        fc.array(
          fc.record({ at: fc.nat(), remove: fc.integer({ min: 0, max: 2 }), insert: noise }),
          { maxLength: 4 },
        ),
        fc.integer({ min: 1, max: 40 }),
        (stanza, muts, size) => {
          let doc = STREAM_OPEN + stanza
          for (const m of muts) {
            const at = STREAM_OPEN.length + (m.at % (stanza.length + 1))
            doc = doc.slice(0, at) + m.insert + doc.slice(at + m.remove)
          }
          const chunks: string[] = []
          for (let i = 0; i < doc.length; i += size) chunks.push(doc.slice(i, i + size))
          const events = parseChunks(chunks, { limits: { maxStanzaBytes: LIMIT } })
          expect(events).toEqual(parseChunks([doc], { limits: { maxStanzaBytes: LIMIT } }))
        },
      ),
      { numRuns: 1000 },
    )
  })
})
