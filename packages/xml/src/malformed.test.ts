import { describe, expect, test } from 'vitest'
import type { XmlErrorCondition } from './errors'
import { parseChunks, STREAM_OPEN } from './events.test-util'
import { parseFrame } from './frame'
import { DEFAULT_LIMITS } from './limits'
import { StreamParser } from './stream-parser'

type Row = [what: string, input: string, condition: XmlErrorCondition, offset?: number]

const big = (n: number) => 'x'.repeat(n)

/** RFC 7395 frames: each must be refused with exactly this condition (and offset when given). */
const FRAMES: Row[] = [
  // RFC 6120 §11.1: restricted XML
  ['comment', '<a><!-- hi --></a>', 'restricted-xml', 3],
  ['comment before the root', '<!-- hi --><a/>', 'restricted-xml', 0],
  ['processing instruction', '<a><?php echo 1 ?></a>', 'restricted-xml', 3],
  ['PI that only looks like a declaration', '<?xml-stylesheet href="a"?><a/>', 'restricted-xml', 0],
  ['DOCTYPE', '<!DOCTYPE a><a/>', 'restricted-xml', 0],
  ['internal DTD subset', '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', 'restricted-xml', 0],
  ['ENTITY declaration in content', '<a><!ENTITY e "x"></a>', 'restricted-xml', 3],
  ['undeclared entity', '<a>&foo;</a>', 'restricted-xml', 3],
  ['HTML entity', '<a>caf&eacute;</a>', 'restricted-xml', 6],
  ['undeclared entity in attribute', "<a b='&nbsp;'/>", 'restricted-xml', 6],
  [
    'billion laughs',
    '<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><l>&b;</l>',
    'restricted-xml',
    0,
  ],
  // XML 1.0 well-formedness
  ['mismatched end tag', '<a></b>', 'not-well-formed', 3],
  ['unclosed element', '<a><b></b>', 'not-well-formed'],
  ['end tag without start', '</a>', 'not-well-formed', 0],
  ['end tag prefix differs', "<p:a xmlns:p='u' xmlns:q='u'></q:a>", 'not-well-formed'],
  ['two roots', '<a/><b/>', 'not-well-formed', 4],
  ['text before the root', 'hi<a/>', 'not-well-formed', 0],
  ['text after the root', '<a/>hi', 'not-well-formed', 4],
  ['CDATA outside the root', '<![CDATA[x]]><a/>', 'not-well-formed', 0],
  ['empty frame', '', 'not-well-formed', 0],
  ['whitespace only', ' \n ', 'not-well-formed'],
  ['partial start tag', '<message to="a', 'not-well-formed'],
  ['partial end tag', '<a></a', 'not-well-formed'],
  ['bare ampersand', '<a>fish & chips</a>', 'not-well-formed', 8],
  ['entity without semicolon', '<a>&lt</a>', 'not-well-formed', 3],
  ['< in attribute value', "<a b='<'/>", 'not-well-formed', 6],
  ['unquoted attribute', '<a b=c/>', 'not-well-formed', 5],
  ['attribute without value', '<a b/>', 'not-well-formed', 4],
  ['no space between attributes', "<a b='1'c='2'/>", 'not-well-formed', 8],
  ['duplicate attribute', "<a b='1' b='2'/>", 'not-well-formed', 0],
  [']]> in text', '<a>x]]>y</a>', 'not-well-formed', 4],
  ['name starting with a digit', '<1a/>', 'not-well-formed', 1],
  ['space after <', '< a/>', 'not-well-formed', 1],
  ['two colons in a name', "<a:b:c xmlns:a='u'/>", 'not-well-formed', 4],
  ['name ending in a colon', '<a:/>', 'not-well-formed', 3],
  ['NUL character', '<a>\u0000</a>', 'not-well-formed', 3],
  ['vertical tab', '<a>\u000b</a>', 'not-well-formed', 3],
  ['U+FFFE', '<a>\uFFFE</a>', 'not-well-formed', 3],
  ['lone high surrogate', '<a>\uD83D</a>', 'not-well-formed', 3],
  ['lone low surrogate', '<a>\uDE00</a>', 'not-well-formed', 3],
  ['character reference to NUL', '<a>&#0;</a>', 'not-well-formed', 3],
  ['character reference to a surrogate', '<a>&#xD800;</a>', 'not-well-formed', 3],
  ['character reference out of range', '<a>&#x110000;</a>', 'not-well-formed', 3],
  ['empty character reference', '<a>&#;</a>', 'not-well-formed', 3],
  ['non-hex character reference', '<a>&#xZZ;</a>', 'not-well-formed', 3],
  ['XML declaration not first', ' <?xml version="1.0"?><a/>', 'not-well-formed', 1],
  ['XML declaration without version', '<?xml encoding="UTF-8"?><a/>', 'not-well-formed', 0],
  ['stray <!', '<a><!x></a>', 'not-well-formed', 3],
  ['misspelt CDATA', '<a><![CDTA[x]]></a>', 'not-well-formed', 3],
  ['unterminated CDATA', '<a><![CDATA[x</a>', 'not-well-formed'],
  // Namespaces in XML 1.0
  ['unbound element prefix', '<x:a/>', 'not-well-formed', 0],
  ['unbound attribute prefix', "<a x:b='1'/>", 'not-well-formed', 0],
  [
    'same expanded attribute twice',
    "<a xmlns:p='u' xmlns:q='u' p:x='1' q:x='2'/>",
    'not-well-formed',
    0,
  ],
  ['undeclaring a prefix', "<a xmlns:p=''/>", 'not-well-formed', 0],
  ['rebinding xml', "<a xmlns:xml='urn:other'/>", 'not-well-formed', 0],
  [
    'binding the XML namespace elsewhere',
    "<a xmlns:x='http://www.w3.org/XML/1998/namespace'/>",
    'not-well-formed',
    0,
  ],
  ['declaring xmlns', "<a xmlns:xmlns='urn:x'/>", 'not-well-formed', 0],
  ['element with the xmlns prefix', '<xmlns:a/>', 'not-well-formed', 0],
  // RFC 6120 §11.6
  [
    'declared Latin-1',
    "<?xml version='1.0' encoding='ISO-8859-1'?><a/>",
    'unsupported-encoding',
    0,
  ],
  ['declared UTF-16', '<?xml version="1.0" encoding="UTF-16"?><a/>', 'unsupported-encoding', 0],
  // Limits (RFC 6120 §13.12): refused as bytes arrive, offset where the limit was crossed
  ['300 KB of text', `<a>${big(300_000)}</a>`, 'policy-violation', DEFAULT_LIMITS.maxStanzaBytes],
  [
    '100,000 CJK characters: 300 KB of UTF-8',
    `<a>${'日'.repeat(100_000)}</a>`,
    'policy-violation',
    262_144,
  ],
  ['300 KB attribute', `<a b='${big(300_000)}'/>`, 'policy-violation'],
  ['300 KB element name', `<${big(300_000)}/>`, 'policy-violation'],
  ['300 KB attribute name', `<a ${big(300_000)}='1'/>`, 'policy-violation'],
  ['100,000-deep nesting', '<a>'.repeat(100_000), 'policy-violation', 64 * 3],
  [
    '65 attributes',
    `<a ${Array.from({ length: 65 }, (_, i) => `a${i}='1'`).join(' ')}/>`,
    'policy-violation',
    0,
  ],
  [
    '17 KB of attributes',
    `<a ${Array.from({ length: 17 }, (_, i) => `a${i}='${big(1024)}'`).join(' ')}/>`,
    'policy-violation',
    0,
  ], // Counted from `<`: whitespace between attributes counts too (it was left out before).
  ['17 KB start tag, mostly spaces', `<a${' '.repeat(17 * 1024)}b='1'/>`, 'policy-violation', 0],
  // The same checks on a child element, which the builder's one-pass path takes.
  ['duplicate attribute on a child', "<a><b c='1' d='2' c='3'/></a>", 'not-well-formed', 3],
  [
    'xmlns namespace as a default',
    "<a><b xmlns='http://www.w3.org/2000/xmlns/'/></a>",
    'not-well-formed',
    3,
  ],
]

describe('parseFrame refuses malformed input with the exact condition', () => {
  test.each(FRAMES)('%s', (_what, input, condition, offset) => {
    let error: unknown
    try {
      parseFrame(input)
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ name: 'XmlError', condition })
    if (offset !== undefined) expect(error).toMatchObject({ offset })
  })

  test('the table has at least 40 rows', () => {
    expect(FRAMES.length).toBeGreaterThanOrEqual(40)
  })
})

/** Stream-only conditions (RFC 6120 §4.9.3). */
const STREAMS: Row[] = [
  ['wrong stream namespace', "<stream:stream xmlns:stream='urn:wrong'>", 'invalid-namespace', 0],
  ['stream root without namespace', '<stream>', 'invalid-namespace', 0],
  ['wrong root name', "<s:open xmlns:s='http://etherx.jabber.org/streams'>", 'bad-format', 0],
  ['text between stanzas', `${STREAM_OPEN}<a/>hello<b/>`, 'bad-format'],
  ['CDATA between stanzas', `${STREAM_OPEN}<![CDATA[x]]>`, 'bad-format'],
  ['data after the stream end', `${STREAM_OPEN}</stream:stream><a/>`, 'not-well-formed'],
  ['300 KB stanza name', `${STREAM_OPEN}<${big(300_000)}>`, 'policy-violation'],
  [
    '300 KB stanza in one write',
    `${STREAM_OPEN}<message><body>${big(300_000)}</body></message>`,
    'policy-violation',
  ],
]

describe('StreamParser refuses malformed streams with the exact condition', () => {
  test.each(STREAMS)('%s', (_what, input, condition, offset) => {
    const last = parseChunks([input]).at(-1)
    expect(last?.[0]).toBe('error')
    expect(last?.[1]).toBe(condition)
    if (offset !== undefined) expect(last?.[2]).toBe(offset)
  })

  test.each([
    ['text', '<message><body>'],
    ['an element name', '<'],
    ['an attribute name', '<message '],
    ['an attribute value', "<message to='"],
  ])('20 MB of %s is refused before it is all sent', (_what, prefix) => {
    const chunk = big(64 * 1024)
    let failed: string | undefined
    const parser = new StreamParser({ error: (e) => (failed = e.condition) })
    parser.write(`${STREAM_OPEN}${prefix}`)
    let written = 0
    while (failed === undefined && written < 20_000_000) {
      parser.write(chunk)
      written += chunk.length
    }
    expect(failed).toBe('policy-violation')
    expect(written).toBeLessThanOrEqual(DEFAULT_LIMITS.maxStanzaBytes + chunk.length)
  })

  test('the stanza limit counts UTF-8 bytes, not code units', () => {
    // 80,000 × 3 bytes + 7 bytes of tags = 240,007 bytes: under 256 KiB, accepted.
    expect(parseFrame(`<a>${'日'.repeat(80_000)}</a>`).text()).toHaveLength(80_000)
    // 43,000 emoji are 86,000 code units but 172,007 bytes: accepted with 256 KiB, refused at 172,006.
    const emoji = `<a>${'😀'.repeat(43_000)}</a>`
    expect(() => parseFrame(emoji)).not.toThrow()
    expect(() => parseFrame(emoji, { limits: { maxStanzaBytes: 172_006 } })).toThrow(
      /policy-violation/,
    )
    expect(() => parseFrame(emoji, { limits: { maxStanzaBytes: 172_007 } })).not.toThrow()
  })

  test('limits are configurable', () => {
    const limits = { maxStanzaBytes: 100, maxDepth: 2, maxAttributes: 1, maxAttributeBytes: 10 }
    expect(() => parseFrame(`<a>${big(100)}</a>`, { limits })).toThrow(/policy-violation/)
    expect(() => parseFrame('<a><b><c/></b></a>', { limits })).toThrow(/nesting deeper than 2/)
    expect(() => parseFrame("<a b='1' c='2'/>", { limits })).toThrow(/more than 1 attributes/)
    expect(() => parseFrame("<a b='12345678'/>", { limits })).toThrow(/attributes larger than 10/)
    expect(parseFrame("<a><b b='1'/></a>", { limits }).children).toHaveLength(1)
  })
})
