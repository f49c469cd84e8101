import type { Element } from './element'

/**
 * Elements whose namespace is still to come from a parent. The builder creates an element
 * without an `xmlns` for its prefix this way; it takes its namespace when placed in a parent
 * whose scope is known, as it would if the same XML were parsed. Once resolved, an element
 * keeps its namespace wherever it is moved. A WeakSet keeps this off the parser's hot path.
 */
export const inheriting = new WeakSet<Element>()

/** A default namespace not known yet (the parent is itself inheriting). */
export const UNKNOWN = '\u0000unknown'

export function ownDefault(el: Element, inherited: string): string {
  return Object.hasOwn(el.attrs, 'xmlns') ? el.attrs.xmlns! : inherited
}

export function ownPrefixes(el: Element, scope: Record<string, string>): Record<string, string> {
  let out = scope
  for (const key of Object.keys(el.attrs)) {
    if (!key.startsWith('xmlns:')) continue
    if (out === scope) out = { ...scope }
    out[key.slice(6)] = el.attrs[key]!
  }
  return out
}

/** Gives inheriting descendants of `el` the namespace their place now determines. */
export function resolveChildren(
  el: Element,
  defaultNs: string,
  scope: Record<string, string>,
): void {
  for (const child of el.children) {
    if (typeof child === 'string') continue
    if (inheriting.has(child)) {
      const colon = child.name.indexOf(':')
      const ns = colon < 0 ? defaultNs : scope[child.name.slice(0, colon)]
      if (ns !== undefined && ns !== UNKNOWN) {
        child.ns = ns
        inheriting.delete(child)
      }
    }
    resolveChildren(child, ownDefault(child, defaultNs), ownPrefixes(child, scope))
  }
}

/** Resolves the inheriting descendants of `parent` from what `parent` itself declares or is. */
export function adoptChildren(parent: Element): void {
  const known = inheriting.has(parent) || parent.name.includes(':') ? UNKNOWN : parent.ns
  resolveChildren(parent, ownDefault(parent, known), ownPrefixes(parent, {}))
}
