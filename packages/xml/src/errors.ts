/**
 * The RFC 6120 §4.9.3 stream error conditions this package can ask for. A parser error is
 * always fatal to the stream (RFC 6120 §4.9.1.1): send the condition, then close.
 *
 * - `not-well-formed` (§4.9.3.13): the input breaks XML 1.0 or Namespaces in XML 1.0.
 * - `restricted-xml` (§4.9.3.18, §11.1): a comment, processing instruction, DTD or an entity
 *   reference other than the five predefined ones.
 * - `policy-violation` (§4.9.3.14): a configured limit was hit (stanza size, depth, attributes).
 * - `unsupported-encoding` (§4.9.3.22, §11.6): the XML declaration names anything but UTF-8.
 * - `invalid-namespace` (§4.9.3.10): the stream root is not in the streams namespace.
 * - `bad-format` (§4.9.3.1): well-formed XML that XMPP cannot take, such as text between stanzas.
 */
export type XmlErrorCondition =
  | 'not-well-formed'
  | 'restricted-xml'
  | 'policy-violation'
  | 'unsupported-encoding'
  | 'invalid-namespace'
  | 'bad-format'

/** A parse failure: the stream error condition to send, where it happened and why. */
export class XmlError extends Error {
  override readonly name = 'XmlError'

  constructor(
    /** The RFC 6120 §4.9.3 defined condition to send in the `<stream:error/>`. */
    readonly condition: XmlErrorCondition,
    /** UTF-8 byte offset of the offending character from the start of the input. */
    readonly offset: number,
    /** A short human-readable reason, safe to put in the stream error's `<text/>`. */
    readonly reason: string,
  ) {
    super(`${condition} at byte ${offset}: ${reason}`)
  }
}
