import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { NAME_ASCII, NameClass } from './chars'
import { parseFrame } from './frame'
import { findName, names, rememberName } from './name-cache'

/** The ASCII name at `i` of `buf` with an ASCII non-name code unit after it, or undefined. */
function nameAt(buf: string, i: number): string | undefined {
  let j = i
  while (j < buf.length && buf.charCodeAt(j) < 0x80 && NAME_ASCII[buf.charCodeAt(j)] !== 0) j++
  const c = buf.charCodeAt(j)
  if (j === i || !(c < 0x80 && NAME_ASCII[c] === NameClass.None)) return undefined
  return buf.slice(i, j)
}

// Few letters, so that names share their first four code units and collide in slots.
const name = fc
  .array(fc.constantFrom('a', 'b', 'x', '-', '1', ':'), { minLength: 0, maxLength: 13 })
  .map((cs) => `a${cs.join('')}`)
const after = fc.constantFrom('', '=', ' ', '>', '/>', 'é', '日本', 'b', '\u{1f600}', ':', '-')

describe('name cache', () => {
  test('a hit is exactly the name at that index, whatever was cached before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('', ' ', '<', 'é'), name, after), {
          minLength: 1,
          maxLength: 12,
        }),
        (cases) => {
          for (const [before, n, rest] of cases) {
            const buf = before + n + rest
            const i = before.length
            const slot = findName(buf, i)
            if (slot >= 0) expect(names[slot]).toBe(nameAt(buf, i))
            const expected = nameAt(buf, i)
            if (expected !== undefined) {
              expect(rememberName(buf, i, buf.slice(i, i + expected.length), -1)).toBe(expected)
              const again = findName(buf, i)
              // Found again unless the buffer ends within the code units a lookup reads at once
              // (four, or eight for a longer name): then it is a miss, never a wrong name.
              if (buf.length - i >= (expected.length > 4 ? 8 : 4)) {
                expect(names[again]).toBe(expected)
              } else expect(again).toBe(-1)
            }
          }
        },
      ),
      { numRuns: 2000 },
    )
  })

  test('names that share a prefix do not stand in for each other', () => {
    for (const buf of ['<presence/>', '<priority/>', '<pres/>', '<presences/>', '<presence-x/>']) {
      const expected = buf.slice(1, buf.indexOf('/'))
      rememberName(buf, 1, expected, -1)
    }
    for (const n of ['presence', 'priority', 'pres', 'presences', 'presence-x', 'presencf']) {
      const buf = `<${n} a='1'/>`
      const slot = findName(buf, 1)
      if (slot >= 0) expect(names[slot]).toBe(n)
    }
    // Through the parser: the same first code units, different names, every one exact.
    const frame = parseFrame(
      "<stanza-id xmlns='urn:x' stanza-idx='1' stanza-i='2' stanza='3'><stanza-idx/><stanza/></stanza-id>",
    )
    expect(frame.name).toBe('stanza-id')
    expect(Object.keys(frame.attrs)).toEqual(['xmlns', 'stanza-idx', 'stanza-i', 'stanza'])
    expect(frame.getChildElements().map((e) => e.name)).toEqual(['stanza-idx', 'stanza'])
  })
})
