// SCRAM message syntax, RFC 5802 §7. Parsers throw SaslError('malformed-request') for
// anything the grammar does not allow: RFC 6120 §6.5.8 names exactly that condition for
// "data that violates the syntax for the specified SASL mechanism".
import { SaslError } from './errors'

export interface ClientFirst {
  /** gs2-header, echoed back base64-encoded in the client-final `c=` (RFC 5802 §5.1). */
  gs2Header: string
  /** The GS2 `a=` authorization identity, decoded; null when absent. */
  authzid: string | null
  /** The `n=` user name with =2C and =3D decoded, not yet prepared. */
  username: string
  nonce: string
  /** client-first-message-bare, the first part of AuthMessage (RFC 5802 §3). */
  bare: string
}

export interface ClientFinal {
  channelBinding: string
  nonce: string
  proof: string
  /** client-final-message-without-proof, the last part of AuthMessage (RFC 5802 §3). */
  withoutProof: string
}

export interface ServerFirst {
  nonce: string
  salt: string
  iterations: number
}

const malformed = (detail: string) => new SaslError('malformed-request', detail)

/** RFC 5802 §5.1: "," and "=" in names travel as "=2C" and "=3D". */
export function encodeSaslname(name: string): string {
  return name.replaceAll('=', '=3D').replaceAll(',', '=2C')
}

// RFC 5802 §7: saslname = 1*(value-safe-char / "=2C" / "=3D"); value-safe-char excludes NUL.
// §5.1: "=" not followed by "2C" or "3D" MUST fail the authentication.
export function decodeSaslname(value: string, what: string): string {
  if (value === '' || value.includes('\0') || /=(?!2C|3D)/.test(value)) {
    throw malformed(`invalid ${what} encoding (RFC 5802 §5.1)`)
  }
  return value.replaceAll('=2C', ',').replaceAll('=3D', '=')
}

type Attribute = [name: string, value: string]

// RFC 5802 §7: attr-val = ALPHA "=" value, separated by ",". Extensions may follow the
// mandatory attributes; a mandatory extension "m=" MUST fail the exchange (RFC 5802 §5.1).
function attributes(text: string): Attribute[] {
  return text.split(',').map((part) => {
    if (!/^[A-Za-z]=/.test(part)) throw malformed(`"${part.slice(0, 20)}" is not attr=value`)
    if (part[0] === 'm') throw malformed('mandatory extensions are not supported (RFC 5802 §5.1)')
    return [part[0]!, part.slice(2)]
  })
}

function take(attrs: Attribute[], index: number, name: string): string {
  const attr = attrs[index]
  if (attr?.[0] !== name) throw malformed(`attribute ${name}= expected (RFC 5802 §5.1)`)
  return attr[1]
}

// RFC 5802 §7: c-nonce and s-nonce are printable ASCII other than ",".
function nonce(value: string): string {
  if (!/^[\x21-\x2b\x2d-\x7e]+$/.test(value))
    throw malformed('nonce is not printable (RFC 5802 §7)')
  return value
}

/** client-first-message = gs2-header client-first-message-bare (RFC 5802 §7). */
export function parseClientFirst(text: string): ClientFirst {
  const first = text.indexOf(',')
  const second = text.indexOf(',', first + 1)
  if (first < 0 || second < 0) throw malformed('missing GS2 header (RFC 5802 §7)')
  const flag = text.slice(0, first)
  // RFC 5802 §6: "p" asks for channel binding, which a non-PLUS mechanism cannot give (and we
  // offer no PLUS one); "y" says the client could bind but saw no PLUS advertised, which is
  // true here, so it is accepted exactly like "n".
  if (flag.startsWith('p=')) {
    throw malformed(
      'channel-binding-not-supported: GS2 flag "p" with a non-PLUS mechanism (RFC 5802 §6)',
    )
  }
  if (flag !== 'n' && flag !== 'y')
    throw malformed('GS2 flag must be "n", "y" or "p=" (RFC 5802 §7)')
  const authzPart = text.slice(first + 1, second)
  if (authzPart !== '' && !authzPart.startsWith('a=')) {
    throw malformed('GS2 authzid must be "a=" (RFC 5802 §7)')
  }
  const authzid = authzPart === '' ? null : decodeSaslname(authzPart.slice(2), 'authzid')
  const bare = text.slice(second + 1)
  const attrs = attributes(bare)
  const username = decodeSaslname(take(attrs, 0, 'n'), 'username')
  return {
    gs2Header: text.slice(0, second + 1),
    authzid,
    username,
    nonce: nonce(take(attrs, 1, 'r')),
    bare,
  }
}

/** client-final-message = channel-binding "," nonce ["," extensions] "," proof (RFC 5802 §7). */
export function parseClientFinal(text: string): ClientFinal {
  const attrs = attributes(text)
  const channelBinding = take(attrs, 0, 'c')
  const nonceValue = nonce(take(attrs, 1, 'r'))
  const proof = take(attrs, attrs.length - 1, 'p')
  return {
    channelBinding,
    nonce: nonceValue,
    proof,
    withoutProof: text.slice(0, text.length - proof.length - 3),
  }
}

/** server-first-message = [reserved-mext ","] nonce "," salt "," iteration-count ["," extensions] (RFC 5802 §7). */
export function parseServerFirst(text: string): ServerFirst {
  const attrs = attributes(text)
  const nonceValue = nonce(take(attrs, 0, 'r'))
  const salt = take(attrs, 1, 's')
  const count = take(attrs, 2, 'i')
  // RFC 5802 §7: iteration-count = posit-number, a digit 1-9 then digits.
  if (!/^[1-9][0-9]{0,14}$/.test(count)) throw malformed('iteration count is not a positive number')
  return { nonce: nonceValue, salt, iterations: Number(count) }
}

/** server-final-message = (server-error / verifier) ["," extensions] (RFC 5802 §7). */
export function parseServerFinal(text: string): { verifier: string } {
  const attrs = attributes(text)
  if (attrs[0]?.[0] === 'e') throw new SaslError('not-authorized', `server error: ${attrs[0][1]}`)
  return { verifier: take(attrs, 0, 'v') }
}
