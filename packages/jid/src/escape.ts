// XEP-0106: JID Escaping (v1.1) — https://xmpp.org/extensions/xep-0106.html
// Maps the ten characters a localpart cannot hold to "\xx" sequences and back.
import { JidError } from './errors'

// XEP-0106 §3.1, the escaping transformations.
const ESCAPES: Record<string, string> = {
  ' ': '\\20',
  '"': '\\22',
  '&': '\\26',
  "'": '\\27',
  '/': '\\2f',
  ':': '\\3a',
  '<': '\\3c',
  '>': '\\3e',
  '@': '\\40',
  '\\': '\\5c',
}
const UNESCAPES: Record<string, string> = Object.fromEntries(
  Object.entries(ESCAPES).map(([ch, seq]) => [seq, ch]),
)
const ESCAPE_SEQUENCE = /\\(?:20|22|26|27|2f|3a|3c|3e|40|5c)/g
const STARTS_ESCAPE_SEQUENCE = /^\\(?:20|22|26|27|2f|3a|3c|3e|40|5c)/

/**
 * Escapes a user-facing name into a localpart (XEP-0106 §4.2). A backslash is escaped only when
 * it starts something that would otherwise unescape; leading or trailing spaces are refused
 * (XEP-0106 §4.2, rule 2).
 */
export function escapeLocal(name: string): string {
  if (name.startsWith(' ') || name.endsWith(' ')) {
    throw new JidError(
      'localpart',
      'an escaped localpart must not begin or end with a space (XEP-0106 §4.2)',
      name,
    )
  }
  let out = ''
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!
    if (ch === '\\') {
      out += STARTS_ESCAPE_SEQUENCE.test(name.slice(i, i + 3)) ? '\\5c' : '\\'
    } else {
      out += ESCAPES[ch] ?? ch
    }
  }
  return out
}

/** Turns a localpart back into the name a person typed (XEP-0106 §4.3). */
export function unescapeLocal(local: string): string {
  return local.replace(ESCAPE_SEQUENCE, (seq) => UNESCAPES[seq]!)
}
