// Namespace-aware comparison of stanzas for tests, with placeholders for generated values:
// an attribute value or a text node written `{{name}}` matches anything, and every later use of
// the same name must match the same value (so an id can be captured and checked again).
import { NS_CLIENT } from '@tercet/stanza'
import { type Element, parseFrame, serialize } from '@tercet/xml'

const PLACEHOLDER = /^\{\{(\w*)\}\}$/

/** A stanza as a client stream would carry it: elements without a namespace are jabber:client. */
export function clientXml(input: Element | string): Element {
  const text = typeof input === 'string' ? input : serialize(input)
  const element = parseFrame(text)
  if (element.ns !== '') return element
  return parseFrame(
    text.replace(/^<([\w:-]+)(?=[\s/>])/, (_m, name: string) => `<${name} xmlns="${NS_CLIENT}"`),
  )
}

const isDeclaration = (name: string) => name === 'xmlns' || name.startsWith('xmlns:')

/** Returns a description of the first difference, or undefined when `actual` matches. */
export function mismatch(
  actual: Element,
  expected: Element,
  captures: Map<string, string> = new Map(),
  path = '',
): string | undefined {
  const here = `${path}/${expected.local}`
  if (actual.local !== expected.local || actual.ns !== expected.ns) {
    return `${here}: expected <${expected.local} xmlns="${expected.ns}">, got <${actual.local} xmlns="${actual.ns}">`
  }
  const names = new Set(
    [...Object.keys(actual.attrs), ...Object.keys(expected.attrs)].filter((n) => !isDeclaration(n)),
  )
  for (const name of names) {
    const problem = compareValue(actual.attrs[name], expected.attrs[name], captures)
    if (problem) return `${here}@${name}: ${problem}`
  }
  const a = actual.children.filter(
    (c) => typeof c !== 'string' || c.trim() !== '' || expected.children.length === 1,
  )
  const e = expected.children.filter(
    (c) => typeof c !== 'string' || c.trim() !== '' || actual.children.length === 1,
  )
  if (a.length !== e.length) return `${here}: expected ${e.length} children, got ${a.length}`
  for (let i = 0; i < e.length; i++) {
    const x = a[i]!
    const y = e[i]!
    if (typeof y === 'string' || typeof x === 'string') {
      if (typeof x !== 'string' || typeof y !== 'string')
        return `${here}: text and element differ at child ${i}`
      const problem = compareValue(x, y, captures)
      if (problem) return `${here}/text(): ${problem}`
    } else {
      const problem = mismatch(x, y, captures, here)
      if (problem) return problem
    }
  }
  return undefined
}

function compareValue(
  actual: string | undefined,
  expected: string | undefined,
  captures: Map<string, string>,
) {
  if (expected !== undefined) {
    const placeholder = PLACEHOLDER.exec(expected)
    if (placeholder && actual !== undefined) {
      const name = placeholder[1]!
      if (name === '') return undefined
      const seen = captures.get(name)
      if (seen === undefined) {
        captures.set(name, actual)
        return undefined
      }
      return seen === actual ? undefined : `{{${name}}} was "${seen}", now "${actual}"`
    }
  }
  return actual === expected
    ? undefined
    : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`
}

/** Throws, showing both stanzas, unless `actual` matches `expected` (placeholders allowed). */
export function assertStanza(actual: Element, expected: Element): Element {
  const problem = mismatch(actual, expected)
  if (problem) {
    throw new Error(
      `${problem}\n  got:      ${serialize(actual)}\n  expected: ${serialize(expected)}`,
    )
  }
  return actual
}

/** Throws, showing what came, unless nothing is waiting in `inbox`. */
export function assertNothing(inbox: readonly Element[]): void {
  if (inbox.length > 0)
    throw new Error(`expected nothing, got ${inbox.map((e) => serialize(e)).join('\n')}`)
}
