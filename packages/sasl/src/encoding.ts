// Byte codecs shared by the mechanisms. Everything on the SASL wire is base64 of UTF-8
// (RFC 6120 §6.4.2), and SCRAM carries base64 again inside its attributes (RFC 5802 §7).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DECODE = new Int16Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i

/** RFC 4648 §4 base64 with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!
    out += ALPHABET[n & 63]!
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = bytes[i]! << 16
    out += `${ALPHABET[n >> 18]!}${ALPHABET[(n >> 12) & 63]!}==`
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8)
    out += `${ALPHABET[n >> 18]!}${ALPHABET[(n >> 12) & 63]!}${ALPHABET[(n >> 6) & 63]!}=`
  }
  return out
}

/**
 * Strict RFC 4648 §4 decoding, or `null`. RFC 6120 §6.4.2 forbids whitespace and line
 * breaks in SASL data, and RFC 4648 §3.5 lets a decoder reject non-zero pad bits: we do both,
 * so every byte string has exactly one accepted encoding (atob() would accept spaces).
 */
export function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const out = new Uint8Array((text.length / 4) * 3 - pad)
  let o = 0
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length
    const a = sextet(text, i)
    const b = sextet(text, i + 1)
    const c = last && pad === 2 ? 0 : sextet(text, i + 2)
    const d = last && pad >= 1 ? 0 : sextet(text, i + 3)
    if ((a | b | c | d) < 0) return null
    const n = (a << 18) | (b << 12) | (c << 6) | d
    out[o++] = n >> 16
    if (o < out.length) out[o++] = (n >> 8) & 255
    if (o < out.length) out[o++] = n & 255
    // RFC 4648 §3.5: the bits a padded quantum does not use must be zero.
    if (last && ((pad === 2 && (b & 15) !== 0) || (pad === 1 && (c & 3) !== 0))) return null
  }
  return out
}

function sextet(text: string, i: number): number {
  const c = text.charCodeAt(i)
  return c < 128 ? DECODE[c]! : -1
}

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

export function utf8(text: string): Uint8Array {
  return encoder.encode(text)
}

/** Well-formed UTF-8 (RFC 3629) to a string, or `null`; a BOM is kept as U+FEFF, not eaten. */
export function fromUtf8(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes)
  } catch {
    return null
  }
}

export function base64Utf8(text: string): string {
  return encodeBase64(utf8(text))
}
