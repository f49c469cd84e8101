// The Bidi Rule, RFC 5893 §2. Applied to localparts that contain right-to-left characters
// (RFC 8265 §3.3.2 step 5, directionality rule) and to every label of a domain name in which any
// label contains one (RFC 5891 §4.2.3.4, RFC 5893 §1.4 "Bidi domain name").
import { type BidiClass, bidiClass } from './unicode'

const RTL_CLASSES: ReadonlySet<BidiClass> = new Set(['R', 'A', 'N'])
// RFC 5893 §2 condition 2: what an RTL label may contain.
const RTL_ALLOWED: ReadonlySet<BidiClass> = new Set([
  'R',
  'A',
  'N',
  'E',
  'S',
  'C',
  'T',
  'O',
  'B',
  'M',
])
// RFC 5893 §2 condition 5: what an LTR label may contain.
const LTR_ALLOWED: ReadonlySet<BidiClass> = new Set(['L', 'E', 'S', 'C', 'T', 'O', 'B', 'M'])

/** RFC 5893 §1.4: an RTL label contains at least one character of class R, AL or AN. */
export function hasRtl(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!
    if (cp >= 0x0590 && RTL_CLASSES.has(bidiClass(cp))) return true
  }
  return false
}

/** Returns why `s` fails the Bidi Rule, or undefined when it satisfies all six conditions. */
export function bidiRuleViolation(s: string): string | undefined {
  const classes = Array.from(s, (ch) => bidiClass(ch.codePointAt(0)!))
  const first = classes[0]
  // Condition 1: the first character must be L, R or AL.
  if (first !== 'L' && first !== 'R' && first !== 'A') {
    return 'Bidi Rule (RFC 5893 §2, 1): must start with a left-to-right or right-to-left letter'
  }
  // Trailing NSMs are skipped for conditions 3 and 6.
  let end = classes.length - 1
  while (end > 0 && classes[end] === 'M') end--
  const last = classes[end]
  if (first === 'L') {
    if (classes.some((c) => !LTR_ALLOWED.has(c))) {
      return 'Bidi Rule (RFC 5893 §2, 5): a left-to-right label holds a right-to-left character'
    }
    if (last !== 'L' && last !== 'E') {
      return 'Bidi Rule (RFC 5893 §2, 6): a left-to-right label must end with L or EN'
    }
    return undefined
  }
  if (classes.some((c) => !RTL_ALLOWED.has(c))) {
    return 'Bidi Rule (RFC 5893 §2, 2): a right-to-left label holds a disallowed direction class'
  }
  if (last !== 'R' && last !== 'A' && last !== 'E' && last !== 'N') {
    return 'Bidi Rule (RFC 5893 §2, 3): a right-to-left label must end with R, AL, EN or AN'
  }
  if (classes.includes('E') && classes.includes('N')) {
    return 'Bidi Rule (RFC 5893 §2, 4): European and Arabic-Indic digits cannot be mixed'
  }
  return undefined
}
