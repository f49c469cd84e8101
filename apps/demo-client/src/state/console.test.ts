import { parseFrame } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { consoleReducer, emptyConsole, MAX_ENTRIES, redact, trafficAction } from './console'

describe('XML console', () => {
  test('entries are pretty-printed and numbered', () => {
    const el = parseFrame('<message xmlns="jabber:client" to="bob@l"><body>hi</body></message>')
    const s = consoleReducer(emptyConsole, trafficAction('out', el, 5))
    expect(s.entries).toEqual([
      {
        seq: 1,
        dir: 'out',
        at: 5,
        name: 'message',
        xml: '<message xmlns="jabber:client" to="bob@l">\n  <body>hi</body>\n</message>',
      },
    ])
  })

  test('keeps the newest entries only; clear empties', () => {
    let s = emptyConsole
    for (let i = 0; i < MAX_ENTRIES + 10; i++) s = consoleReducer(s, trafficAction('in', '<x/>', i))
    expect(s.entries).toHaveLength(MAX_ENTRIES)
    expect(s.entries[0]!.seq).toBe(11)
    s = consoleReducer(s, { type: 'console/clear' })
    expect(s.entries).toEqual([])
    expect(consoleReducer(s, trafficAction('in', '<x/>', 0)).entries[0]!.seq).toBe(MAX_ENTRIES + 11)
  })

  test('registration passwords and PLAIN credentials are hidden, the original untouched', () => {
    const reg = parseFrame(
      '<iq xmlns="jabber:client" type="set" id="r"><query xmlns="jabber:iq:register"><username>a</username><password>hunter2</password></query></iq>',
    )
    expect(redact(reg).toString()).not.toContain('hunter2')
    expect(reg.toString()).toContain('hunter2')
    const plain = parseFrame(
      '<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">AGEAcGFzcw==</auth>',
    )
    expect(redact(plain).text()).toBe('(PLAIN credentials hidden)')
    const scram = parseFrame(
      '<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="SCRAM-SHA-256">eA==</auth>',
    )
    expect(redact(scram)).toBe(scram)
  })
})
