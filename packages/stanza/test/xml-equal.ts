// Test helper: namespace-aware element equality with a readable diff on failure.
import type { Element } from '@tercet/xml'
import { expect } from 'vitest'

/** Asserts `actual` equals `expected` (Element.equals); on failure shows both serialized. */
export function expectXml(actual: Element, expected: Element): void {
  if (!actual.equals(expected)) expect(actual.toString()).toBe(expected.toString())
  expect(actual.equals(expected)).toBe(true)
}

/**
 * A copy without the whitespace-only text that pretty-printing puts between elements; text
 * inside elements that hold no element children (a body, a value) is left exactly as it is.
 */
export function stripIndentation(el: Element): Element {
  const copy = el.clone()
  const hasElements = copy.children.some((c) => typeof c !== 'string')
  if (hasElements) {
    copy.children = copy.children
      .filter((c) => typeof c !== 'string' || c.trim() !== '')
      .map((c) => (typeof c === 'string' ? c : stripIndentation(c)))
  }
  return copy
}
