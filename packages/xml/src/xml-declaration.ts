import type { XmlErrorCondition } from './errors'

/**
 * XML 1.0 §2.8 XMLDecl: version, then optional encoding and standalone, in that order, with
 * XML's own whitespace (§2.3 S). Runs once per stream, so a regular expression is fine here.
 */
const XML_DECL =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\4)?[ \t\r\n]*\?>$/

/** Why a declaration is refused, or undefined when it is acceptable. */
export function checkXmlDeclaration(
  decl: string,
): { condition: XmlErrorCondition; reason: string } | undefined {
  const m = XML_DECL.exec(decl)
  if (!m) return { condition: 'not-well-formed', reason: 'malformed XML declaration' }
  const encoding = m[3]
  // RFC 6120 §11.6: UTF-8 only; the encoding name is case-insensitive (XML 1.0 §4.3.3).
  if (encoding !== undefined && encoding.toLowerCase() !== 'utf-8') {
    return { condition: 'unsupported-encoding', reason: `encoding ${encoding} is not UTF-8` }
  }
  return undefined
}
