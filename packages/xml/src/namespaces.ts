/** Namespaces in XML 1.0 §3: bound to the `xml` prefix by definition. */
export const NS_XML = 'http://www.w3.org/XML/1998/namespace'
/** Namespaces in XML 1.0 §3: the namespace of `xmlns` attributes; never declared. */
export const NS_XMLNS = 'http://www.w3.org/2000/xmlns/'
/** RFC 6120 §4.8.1: the stream namespace. */
export const NS_STREAMS = 'http://etherx.jabber.org/streams'
