import { NS_XML, NS_XMLNS } from './namespaces'

/**
 * The prefixes in scope (Namespaces in XML 1.0 §6.1), prefix → namespace name. The default
 * namespace is kept apart by the tree builder: most declarations in XMPP are `xmlns='…'`, and
 * those then cost no scope object.
 */
export type Scope = Record<string, string>

/** Where namespace checks report a violation: the builder, which knows the tag's offset. */
export interface TagFault {
  /** Throws not-well-formed about the current start tag. */
  tagFault(reason: string): never
}

export function rootScope(): Scope {
  const scope: Scope = Object.create(null)
  scope.xml = NS_XML // Namespaces in XML 1.0 §3: bound by definition, never declared
  return scope
}

/** Namespaces in XML 1.0 §3: neither the xml nor the xmlns name can be the default namespace. */
export function reservedDefault(value: string): boolean {
  return value === NS_XML || value === NS_XMLNS
}

/**
 * Applies the namespace declarations among a start tag's `count` attributes to `scope`;
 * returns the new default namespace.
 */
export function declare(
  scope: Scope,
  defaultNs: string,
  names: readonly string[],
  values: readonly string[],
  count: number,
  fault: TagFault,
): string {
  for (let k = 0; k < count; k++) {
    const name = names[k]!
    const value = values[k]!
    if (name === 'xmlns') {
      if (reservedDefault(value)) fault.tagFault(`reserved namespace misused by ${name}`)
      defaultNs = value
    } else if (name.startsWith('xmlns:')) {
      const prefix = name.slice(6)
      // Namespaces in XML 1.0 §3: xmlns is never declared, xml only to its own name.
      if (prefix === 'xmlns' || value === NS_XMLNS || (prefix === 'xml') !== (value === NS_XML))
        fault.tagFault(`reserved namespace misused by ${name}`)
      // Namespaces in XML 1.0 §3 (NSAttName): a prefix can't be undeclared in XML 1.0.
      if (value === '') fault.tagFault(`empty namespace for ${name}`)
      scope[prefix] = value
    }
  }
  return defaultNs
}

/** Namespaces in XML 1.0 §5, NSC Prefix Declared. */
export function lookup(scope: Scope, prefix: string, what: string, fault: TagFault): string {
  const ns = scope[prefix]
  if (ns === undefined) {
    fault.tagFault(
      prefix === 'xmlns' ? `${what} with the xmlns prefix` : `unbound prefix ${prefix}`,
    )
  }
  return ns
}

/**
 * Namespaces in XML 1.0 §6.3: no two attributes with the same expanded name; every prefix
 * used by an attribute is declared. `prefixed` is how many attributes have a prefix.
 */
export function checkAttributeNamespaces(
  scope: Scope,
  names: readonly string[],
  count: number,
  prefixed: number,
  fault: TagFault,
): void {
  const seen: string[] = []
  for (let k = 0; k < count; k++) {
    const name = names[k]!
    const colon = name.indexOf(':')
    if (colon < 0 || name.startsWith('xmlns:')) continue
    const ns = lookup(scope, name.slice(0, colon), 'attribute', fault)
    const expanded = `${ns} ${name.slice(colon + 1)}`
    if (seen.includes(expanded)) fault.tagFault(`duplicate attribute ${name}`)
    if (prefixed > 1) seen.push(expanded)
  }
}

/**
 * Stores an attribute in a fresh attribute object. `__proto__` is an ordinary attribute name
 * in XML: defined as an own property, it does not replace the object's prototype.
 */
export function setAttribute(attrs: Record<string, string>, name: string, value: string): void {
  if (name === '__proto__') {
    Object.defineProperty(attrs, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  } else attrs[name] = value
}
