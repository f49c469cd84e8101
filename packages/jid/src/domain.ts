// Domainparts, RFC 7622 §3.2: a fully qualified domain name (IDNA2008, RFC 5890–5893) or an IP
// literal. The prepared form holds U-labels: A-labels are decoded, so `xn--bcher-kva.example`
// and `bücher.example` are the same domain (RFC 7622 §3.2.2).
import { bidiRuleViolation, hasRtl } from './bidi-rule'
import { contextViolation } from './context-rules'
import { codePointName } from './errors'
import { punycodeDecode, punycodeEncode } from './punycode'
import { idnaProperty, isAscii, mapWidth } from './unicode'

export class DomainError extends Error {
  override readonly name = 'DomainError'
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
const DOTTED_DIGITS = /^\d+(\.\d+){3}$/
// RFC 5895 §2 step 4 and UTS #46: these full stops separate labels like U+002E does.
const FULL_STOPS = /[\u3002\uff0e\uff61]/g

/** An IPv6 literal `[…]`, returned in RFC 5952 canonical text form (lowercase, compressed). */
function prepareIpv6(domain: string): string {
  const inner = domain.slice(1, -1)
  // Zone identifiers (RFC 6874) and anything but hex digits, colons and dots are not addresses.
  if (!/^[0-9a-fA-F:.]+$/.test(inner) || !inner.includes(':')) {
    throw new DomainError('not a valid IPv6 address literal (RFC 7622 §3.2.1)')
  }
  try {
    // URL implements the IPv6 parser of the WHATWG URL standard and serialises per RFC 5952.
    return new URL(`http://${domain}/`).hostname
  } catch {
    throw new DomainError('not a valid IPv6 address literal (RFC 7622 §3.2.1)')
  }
}

// RFC 5891 §4.2.3.1: no "--" in the third and fourth positions (reserved for A-labels and
// other tagged labels), and no leading or trailing hyphen.
function checkHyphens(label: string): void {
  if (label.startsWith('-') || label.endsWith('-')) {
    throw new DomainError(`label "${label}" starts or ends with a hyphen (RFC 5891 §4.2.3.1)`)
  }
  if (label[2] === '-' && label[3] === '-') {
    throw new DomainError(`label "${label}" has "--" in positions 3 and 4 (RFC 5891 §4.2.3.1)`)
  }
}

/** ASCII label: NR-LDH (RFC 5890 §2.3.1): letters, digits, hyphen; 1–63 octets. */
function checkLdhLabel(label: string): void {
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i)
    const ldh = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d
    if (!ldh) {
      throw new DomainError(
        `${codePointName(c)} is not allowed in a domain label; only letters, digits and "-" are (RFC 5890 §2.3.1)`,
      )
    }
  }
  checkHyphens(label)
}

/** U-label: IDNA2008 protocol rules for registration-independent lookup (RFC 5891 §5.4). */
function checkULabel(label: string): void {
  if (label.normalize('NFC') !== label) {
    throw new DomainError(`label "${label}" is not in NFC (RFC 5891 §5.4)`)
  }
  checkHyphens(label)
  // RFC 5891 §4.2.3.2: a label must not begin with a combining mark.
  if (/^\p{M}/u.test(label)) {
    throw new DomainError(`label "${label}" begins with a combining mark (RFC 5891 §4.2.3.2)`)
  }
  const cps = Array.from(label, (ch) => ch.codePointAt(0)!)
  for (let i = 0; i < cps.length; i++) {
    const p = idnaProperty(cps[i]!)
    if (p === 'P') continue
    if (p === 'J' || p === 'O') {
      const violation = contextViolation(cps, i)
      if (violation) throw new DomainError(violation)
      continue
    }
    const name = p === 'U' ? 'UNASSIGNED' : 'DISALLOWED'
    throw new DomainError(`${codePointName(cps[i]!)} is ${name} in IDNA2008 (RFC 5892 §3)`)
  }
  if (punycodeEncode(label).length + 4 > 63) {
    throw new DomainError(
      `label "${label}" is longer than 63 octets as an A-label (RFC 5890 §2.3.2.1)`,
    )
  }
}

// RFC 5891 §5.3: an A-label must decode to a valid U-label that encodes back to the same A-label.
function decodeALabel(label: string): string {
  const decoded = punycodeDecode(label.slice(4))
  if (decoded === undefined || decoded.length === 0 || isAscii(decoded)) {
    throw new DomainError(`"${label}" is not a valid A-label (RFC 5891 §5.3)`)
  }
  checkULabel(decoded)
  if (`xn--${punycodeEncode(decoded)}` !== label) {
    throw new DomainError(`"${label}" does not round-trip as an A-label (RFC 5891 §5.3)`)
  }
  return decoded
}

function prepareLabel(label: string): string {
  if (label.length === 0) throw new DomainError('empty label (RFC 7622 §3.2.1)')
  if (label.startsWith('xn--')) return decodeALabel(label)
  if (isAscii(label)) {
    if (label.length > 63) {
      throw new DomainError(`label "${label}" is longer than 63 octets (RFC 1035 §2.3.4)`)
    }
    checkLdhLabel(label)
    return label
  }
  checkULabel(label)
  return label
}

function prepareDnsName(input: string): string {
  // RFC 7622 §3.2.3: width mapping, case mapping and NFC (the mappings of RFC 5895 §2).
  let name = mapWidth(input).toLowerCase().normalize('NFC').replace(FULL_STOPS, '.')
  // RFC 7622 §3.2: a trailing label separator is removed before the domain is used.
  if (name.endsWith('.')) name = name.slice(0, -1)
  if (DOTTED_DIGITS.test(name)) {
    if (IPV4.test(name)) return name
    throw new DomainError('not a valid IPv4 address (RFC 7622 §3.2.1)')
  }
  const labels = name.split('.').map(prepareLabel)
  // RFC 5893 §1.4 and RFC 5891 §4.2.3.4: in a Bidi domain name every label obeys the Bidi Rule.
  if (labels.some(hasRtl)) {
    for (const label of labels) {
      const violation = bidiRuleViolation(label)
      if (violation) throw new DomainError(`label "${label}": ${violation}`)
    }
  }
  return labels.join('.')
}

/** Prepares and enforces a domainpart; returns its canonical form (U-labels, lowercase). */
export function prepareDomainName(input: string): string {
  if (input.startsWith('[') && input.endsWith(']')) return prepareIpv6(input)
  return prepareDnsName(input)
}

/** The A-label (ASCII) form of a prepared domain, for DNS lookups and TLS name checks. */
export function domainToAscii(domain: string): string {
  if (domain.startsWith('[')) return domain
  return domain
    .split('.')
    .map((label) => (isAscii(label) ? label : `xn--${punycodeEncode(label)}`))
    .join('.')
}
