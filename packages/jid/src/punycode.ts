// Punycode, RFC 3492 §6, for IDNA A-labels (RFC 5890 §2.3.2.1). Operates on code points.
const BASE = 36
const T_MIN = 1
const T_MAX = 26
const SKEW = 38
const DAMP = 700
const INITIAL_BIAS = 72
const INITIAL_N = 0x80
const MAX_INT = 0x7fffffff

// RFC 3492 §6.1 bias adaptation.
function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1
  d += Math.floor(d / points)
  let k = 0
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN))
    k += BASE
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW))
}

function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 22 // '0'..'9' are 26..35
  if (c >= 0x41 && c <= 0x5a) return c - 0x41
  if (c >= 0x61 && c <= 0x7a) return c - 0x61
  return BASE
}

const digitChar = (d: number) => String.fromCharCode(d < 26 ? d + 0x61 : d + 22)
const threshold = (k: number, bias: number) =>
  k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias

/** Decodes the part after `xn--`; returns undefined for any invalid input (RFC 3492 §6.2). */
export function punycodeDecode(input: string): string | undefined {
  const output: number[] = []
  const delimiter = input.lastIndexOf('-')
  for (let j = 0; j < Math.max(delimiter, 0); j++) {
    const c = input.charCodeAt(j)
    if (c >= 0x80) return undefined
    output.push(c)
  }
  let n = INITIAL_N
  let bias = INITIAL_BIAS
  let i = 0
  for (let pos = delimiter > 0 ? delimiter + 1 : 0; pos < input.length; ) {
    const oldI = i
    for (let w = 1, k = BASE; ; k += BASE) {
      if (pos >= input.length) return undefined
      const digit = digitValue(input.charCodeAt(pos++))
      if (digit >= BASE || digit > Math.floor((MAX_INT - i) / w)) return undefined
      i += digit * w
      const t = threshold(k, bias)
      if (digit < t) break
      if (w > Math.floor(MAX_INT / (BASE - t))) return undefined
      w *= BASE - t
    }
    const length = output.length + 1
    bias = adapt(i - oldI, length, oldI === 0)
    if (Math.floor(i / length) > MAX_INT - n) return undefined
    n += Math.floor(i / length)
    i %= length
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined
    output.splice(i++, 0, n)
  }
  return String.fromCodePoint(...output)
}

/** Encodes a label to its Punycode form, without the `xn--` prefix (RFC 3492 §6.3). */
export function punycodeEncode(label: string): string {
  const input = Array.from(label, (ch) => ch.codePointAt(0)!)
  let output = ''
  for (const cp of input) if (cp < 0x80) output += String.fromCharCode(cp)
  const basic = output.length
  let handled = basic
  if (basic > 0) output += '-'
  let n = INITIAL_N
  let delta = 0
  let bias = INITIAL_BIAS
  while (handled < input.length) {
    let m = MAX_INT
    for (const cp of input) if (cp >= n && cp < m) m = cp
    delta += (m - n) * (handled + 1)
    n = m
    for (const cp of input) {
      if (cp < n) delta++
      if (cp !== n) continue
      let q = delta
      for (let k = BASE; ; k += BASE) {
        const t = threshold(k, bias)
        if (q < t) break
        output += digitChar(t + ((q - t) % (BASE - t)))
        q = Math.floor((q - t) / (BASE - t))
      }
      output += digitChar(q)
      bias = adapt(delta, handled + 1, handled === basic)
      delta = 0
      handled++
    }
    delta++
    n++
  }
  return output
}
