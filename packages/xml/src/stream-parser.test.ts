import { describe, expect, test } from 'vitest'
import { Element } from './element'
import {
  type Event,
  NS_STREAMS,
  parseChunks,
  pieces,
  STREAM_CLOSE,
  STREAM_OPEN,
  splitAt,
} from './events.test-util'
import { StreamParser } from './stream-parser'

const el = (
  name: string,
  ns: string,
  attrs: Record<string, string> = {},
  ...children: (Element | string)[]
) => new Element(name, attrs, ns, children)

const HEADER_ATTRS = {
  xmlns: 'jabber:client',
  'xmlns:stream': NS_STREAMS,
  to: 'example.com',
  version: '1.0',
}

/** Documents that exercise every tokenizer state, each split at every offset below. */
const CORPUS: Record<string, string> = {
  'plain stanzas': `${STREAM_OPEN}<message to='a@b' type="chat"><body>hi</body></message><presence/>${STREAM_CLOSE}`,
  'declaration and keepalives': `<?xml version='1.0' encoding='UTF-8'?>\n${STREAM_OPEN} \n\t<iq id='1' type='get'><ping xmlns='urn:xmpp:ping'/></iq>  \n${STREAM_CLOSE}`,
  'byte order mark': `\uFEFF<?xml version="1.0"?>${STREAM_OPEN}<a/>${STREAM_CLOSE}`,
  entities: `${STREAM_OPEN}<message><body>&lt;3 &amp; &gt; &apos;&quot; &#65;&#x42;&#x1F600;&#0000067;</body><x a='&lt;&amp;&#x9;&quot;' b="'"/></message>${STREAM_CLOSE}`,
  'line ends': `${STREAM_OPEN}<m a='x\r\ny\tz\nw\rv'>one\r\ntwo\rthree\n\r</m>${STREAM_CLOSE}`,
  cdata: `${STREAM_OPEN}<m>a<![CDATA[<b>&amp;]] ]>]]>c<![CDATA[]]><![CDATA[\r\n]]></m>${STREAM_CLOSE}`,
  'non-ASCII and astral': `${STREAM_OPEN}<m é='ü😀'><bödy>Grüße 😀 日本語 \u{10FFFD}</bödy><𐀀x/></m>${STREAM_CLOSE}`,
  prefixes: `${STREAM_OPEN}<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features><p:x xmlns:p='urn:p' p:a='1' xml:lang='en'><p:y/><z xmlns=''/></p:x>${STREAM_CLOSE}`,
  'spaces inside tags': `${STREAM_OPEN}<m  a = "1"\n\tb\t=\t'2' ></m ><n\r\n/>${STREAM_CLOSE}`,
  'deep and wide': `${STREAM_OPEN}<a><b><c><d><e>x</e>y</d>z</c></b></a>${'<i/>'.repeat(5)}${STREAM_CLOSE}`,
  'self-closing stream': `<stream:stream xmlns:stream='${NS_STREAMS}'/>`,
  'attribute named __proto__': `${STREAM_OPEN}<m><x __proto__='1' xmlns='urn:x' a='2'/></m>${STREAM_CLOSE}`,
  'brackets, tabs and CRs late in the input': `${STREAM_OPEN}<m a='1'>plain text first</m><m b='x]]y'>[1] a]]b ]</m><m c='\tz\r'>t\tu\rv]</m>${STREAM_CLOSE}`,
}

/** Malformed documents: the error (condition and offset) must not depend on chunking. */
const BROKEN: Record<string, string> = {
  comment: `${STREAM_OPEN}<a><!-- hi --></a>`,
  'mismatched tag': `${STREAM_OPEN}<a><b></a>`,
  'bad entity': `${STREAM_OPEN}<a>caf&eacute;</a>`,
  'astral then lone surrogate': `${STREAM_OPEN}<a>😀\uD800x</a>`,
  'high surrogate ending the input in an end tag': `${STREAM_OPEN}<a><b></b></a\uD800`,
  'high surrogate ending the input in a name': `${STREAM_OPEN}<a><b\uD800`,
  'high surrogate ending the input in a reference': `${STREAM_OPEN}<a>x&am\uD800`,
  'high surrogate ending the input after a CR': `${STREAM_OPEN}<a>x\r\uD800`,
  'control char after non-ASCII': `${STREAM_OPEN}<a>é\u0001</a>`,
  'text between stanzas': `${STREAM_OPEN}<a/>  hello <b/>`,
  'unbound prefix': `${STREAM_OPEN}<é><x:y/></é>`,
  'duplicate attribute': `${STREAM_OPEN}<a b='1' b='2'/>`,
  'duplicate inside a stanza': `${STREAM_OPEN}<a><b c='1' d='2' c='3'/></a>`,
  'reserved default namespace': `${STREAM_OPEN}<a><b xmlns='http://www.w3.org/2000/xmlns/'/></a>`,
  'duplicate after a reserved namespace': `${STREAM_OPEN}<a><b xmlns='http://www.w3.org/XML/1998/namespace' c='1' c='2'/></a>`,
  'bad char ref': `${STREAM_OPEN}<a>&#0;</a>`,
  "']]>' in text after plain input": `${STREAM_OPEN}<a b='c'>plain text first</a><a>x]]>y</a>`,
  truncated: `${STREAM_OPEN}<a><b>text`,
  'wrong stream namespace': `<stream:stream xmlns:stream='urn:wrong'>`,
  encoding: `<?xml version='1.0' encoding='ISO-8859-1'?>${STREAM_OPEN}`,
}

describe('StreamParser', () => {
  test('emits the header, each stanza as an exact tree, and the end', () => {
    expect(parseChunks([CORPUS['plain stanzas']!])).toEqual<Event[]>([
      ['start', el('stream:stream', NS_STREAMS, HEADER_ATTRS)],
      [
        'element',
        el(
          'message',
          'jabber:client',
          { to: 'a@b', type: 'chat' },
          el('body', 'jabber:client', {}, 'hi'),
        ),
      ],
      ['element', el('presence', 'jabber:client')],
      ['end'],
    ])
  })

  test('decodes entities, normalises line ends and merges CDATA into text', () => {
    const [, entities] = parseChunks([CORPUS.entities!])
    expect(entities).toEqual([
      'element',
      el(
        'message',
        'jabber:client',
        {},
        el('body', 'jabber:client', {}, `<3 & > '" AB😀C`),
        el('x', 'jabber:client', { a: '<&\t"', b: "'" }),
      ),
    ])
    const [, lines] = parseChunks([CORPUS['line ends']!])
    // XML 1.0 §2.11 then §3.3.3: CRLF → LF → space in attributes; tab kept only via &#9;.
    expect(lines).toEqual([
      'element',
      el('m', 'jabber:client', { a: 'x y z w v' }, 'one\ntwo\nthree\n\n'),
    ])
    const [, cdata] = parseChunks([CORPUS.cdata!])
    expect(cdata).toEqual(['element', el('m', 'jabber:client', {}, 'a<b>&amp;]] ]>c\n')])
  })

  test('resolves prefixes, xml:lang and undeclared default namespaces', () => {
    const [, features, px] = parseChunks([CORPUS.prefixes!])
    expect(features).toEqual([
      'element',
      el(
        'stream:features',
        NS_STREAMS,
        {},
        el(
          'mechanisms',
          'urn:ietf:params:xml:ns:xmpp-sasl',
          { xmlns: 'urn:ietf:params:xml:ns:xmpp-sasl' },
          el('mechanism', 'urn:ietf:params:xml:ns:xmpp-sasl', {}, 'PLAIN'),
        ),
      ),
    ])
    expect(px).toEqual([
      'element',
      el(
        'p:x',
        'urn:p',
        { 'xmlns:p': 'urn:p', 'p:a': '1', 'xml:lang': 'en' },
        el('p:y', 'urn:p'),
        el('z', '', { xmlns: '' }),
      ),
    ])
  })

  test('every element gets a children array of its own, open to change', () => {
    // No element may share its children array with another, whatever way it was closed.
    const doc = `${STREAM_OPEN}<m><a></a><b/><c><d></d>t</c></m><n></n><o/>${STREAM_CLOSE}`
    for (const chunks of [[doc], pieces(doc, 1)]) {
      const seen: Element[] = []
      const walk = (e: Element) => {
        seen.push(e)
        for (const child of e.children) if (typeof child !== 'string') walk(child)
      }
      for (const event of parseChunks(chunks)) if (event[0] !== 'end') walk(event[1] as Element)
      expect(seen.map((e) => e.name)).toEqual(['stream:stream', 'm', 'a', 'b', 'c', 'd', 'n', 'o'])
      expect(new Set(seen.map((e) => e.children)).size).toBe(seen.length)
      for (const e of seen) {
        expect(Object.isFrozen(e.children), e.name).toBe(false)
        e.children.push('x')
      }
      expect(seen.find((e) => e.name === 'c')!.children).toHaveLength(3)
    }
  })

  test('a self-closing stream header is a start and an end', () => {
    expect(parseChunks([CORPUS['self-closing stream']!])).toEqual([
      ['start', el('stream:stream', NS_STREAMS, { 'xmlns:stream': NS_STREAMS })],
      ['end'],
    ])
  })

  for (const [name, doc] of Object.entries({ ...CORPUS, ...BROKEN })) {
    test(`${name}: every split offset gives the same events`, () => {
      const whole = parseChunks([doc])
      for (let at = 0; at <= doc.length; at++) {
        expect(parseChunks(splitAt(doc, at)), `split at ${at}`).toEqual(whole)
      }
      expect(parseChunks(pieces(doc, 1)), 'one code unit at a time').toEqual(whole)
      expect(parseChunks(pieces(doc, 7)), 'seven at a time').toEqual(whole)
    })
  }

  test('a tag cut by a chunk end: malformed content is refused in the write that brings it', () => {
    // The fast path may leave a cut tag to be read again with the next chunk, but only when
    // what has come of it needs no check: these are refused at once, without another write.
    for (const [partial, condition] of [
      [`<message to='a<`, 'not-well-formed'],
      [`<message to='caf&eacute;`, 'restricted-xml'],
      [`<message to='a&;`, 'not-well-formed'],
      [`<message =`, 'not-well-formed'],
      [`<message 1`, 'not-well-formed'],
      [`<message a:1`, 'not-well-formed'],
      [`<message a:b:`, 'not-well-formed'],
      [`<1`, 'not-well-formed'],
      [`<message to='\u0001`, 'not-well-formed'],
    ] as const) {
      const errors: string[] = []
      const parser = new StreamParser({ error: (e) => errors.push(e.condition) })
      parser.write(STREAM_OPEN)
      parser.write(partial)
      expect(errors, partial).toEqual([condition])
    }
  })

  test('a tag cut by a chunk end: a limit on it is enforced by the next write', () => {
    // Duplicates and depth are refused once the tag is read, at the latest with the next chunk.
    for (const [chunks, reason] of [
      [[`<a><b><c><d `, `x='1'`], 'nesting deeper than 3'],
      [[`<a b='1' b='2' `, `c='3'`], 'duplicate attribute b'],
    ] as const) {
      const errors: string[] = []
      const parser = new StreamParser(
        { error: (e) => errors.push(e.reason) },
        { limits: { maxDepth: 3 } },
      )
      parser.write(STREAM_OPEN)
      for (const chunk of chunks) parser.write(chunk)
      expect(errors, chunks.join('|')).toEqual([reason])
    }
  })

  test('tab, CR and `]` are found in any chunk, after chunks without them', () => {
    const events = parseChunks(pieces(CORPUS['brackets, tabs and CRs late in the input']!, 40))
    expect(events.slice(2, 4)).toEqual([
      ['element', el('m', 'jabber:client', { b: 'x]]y' }, '[1] a]]b ]')],
      ['element', el('m', 'jabber:client', { c: ' z ' }, 't\tu\nv]')],
    ])
    const doc = BROKEN["']]>' in text after plain input"]!
    expect(parseChunks(pieces(doc, 40)).at(-1)).toEqual([
      'error',
      'not-well-formed',
      doc.indexOf(']]>'),
      "']]>' in text",
    ])
  })

  test('broken documents end in exactly one error, and nothing after it', () => {
    for (const [name, doc] of Object.entries(BROKEN)) {
      const events = parseChunks([doc])
      expect(
        events.filter((e) => e[0] === 'error'),
        name,
      ).toHaveLength(1)
      expect(events.at(-1)?.[0], name).toBe('error')
    }
  })

  test('UTF-8 bytes split at every byte offset give the same events as the text', () => {
    // (A lone surrogate has no UTF-8 form: TextEncoder would write U+FFFD, so it is not here.)
    for (const name of [
      'non-ASCII and astral',
      'byte order mark',
      'control char after non-ASCII',
    ]) {
      const doc = (CORPUS[name] ?? BROKEN[name])!
      const bytes = new TextEncoder().encode(doc)
      const expected = parseChunks([doc])
      for (let at = 0; at <= bytes.length; at++) {
        expect(parseChunks(splitAt(bytes, at)), `${name} at byte ${at}`).toEqual(expected)
      }
    }
  })

  test('error offsets are UTF-8 byte offsets', () => {
    // "é" is 2 bytes, "😀" 4: the lone surrogate sits at byte prefix + 3 + 4.
    const prefix = new TextEncoder().encode(`${STREAM_OPEN}<a>`).length
    expect(parseChunks([BROKEN['astral then lone surrogate']!]).at(-1)).toEqual([
      'error',
      'not-well-formed',
      prefix + 4,
      'lone surrogate U+D800',
    ])
    expect(parseChunks([BROKEN['control char after non-ASCII']!]).at(-1)?.slice(0, 3)).toEqual([
      'error',
      'not-well-formed',
      prefix + 2,
    ])
  })

  test('invalid UTF-8 bytes are not-well-formed', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(`${STREAM_OPEN}<a>`), 0xc3, 0x28])
    expect(parseChunks([bytes]).at(-1)?.[1]).toBe('not-well-formed')
  })

  test('without an error handler, write throws the XmlError and the parser stays closed', () => {
    const parser = new StreamParser({})
    expect(() => parser.write(`${STREAM_OPEN}<a></b>`)).toThrow(
      expect.objectContaining({ name: 'XmlError', condition: 'not-well-formed' }),
    )
    expect(parser.error?.condition).toBe('not-well-formed')
    expect(() => parser.write('<c/>')).not.toThrow()
  })

  test('reset() accepts a new stream header (RFC 6120 §4.3.3 restart)', () => {
    const events: string[] = []
    const parser = new StreamParser({
      streamStart: () => events.push('start'),
      element: (e) => events.push(e.name),
    })
    parser.write(`${STREAM_OPEN}<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`)
    parser.reset()
    parser.write(`<?xml version='1.0'?>${STREAM_OPEN}<auth/>`)
    expect(events).toEqual(['start', 'starttls', 'start', 'auth'])
  })

  test('ending inside the stream is an error; ending after it is not', () => {
    expect(parseChunks([STREAM_OPEN]).at(-1)?.slice(0, 2)).toEqual(['error', 'not-well-formed'])
    expect(parseChunks([`${STREAM_OPEN}${STREAM_CLOSE}\n`]).at(-1)).toEqual(['end'])
    expect(parseChunks(['  ']).length).toBe(0)
  })
})
