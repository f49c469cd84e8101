// Contextual rules for CONTEXTJ and CONTEXTO code points, RFC 5892 Appendix A. PRECIS uses the
// same registry (RFC 8264 §9.8 and §9.6), IDNA2008 uses them for labels (RFC 5891 §4.2.3.3).
import { codePointName } from './errors'
import { isVirama, joiningType } from './unicode'

const greek = /^\p{Script=Greek}$/u
const hebrew = /^\p{Script=Hebrew}$/u
const japanese = /^[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]$/u

/** The code points of `s`, once; the rules look around position `i`. */
export type CodePoints = readonly number[]

const isJoiningLeft = (cp: number) => {
  const t = joiningType(cp)
  return t === 'L' || t === 'D'
}
const isJoiningRight = (cp: number) => {
  const t = joiningType(cp)
  return t === 'R' || t === 'D'
}

// A.1 ZERO WIDTH NON-JOINER: after a virama, or inside a cursive joining context
// (Joining_Type:{L,D})(Joining_Type:T)*\u200C(Joining_Type:T)*(Joining_Type:{R,D}).
function zwnj(cps: CodePoints, i: number): boolean {
  if (i > 0 && isVirama(cps[i - 1]!)) return true
  let before = i - 1
  while (before >= 0 && joiningType(cps[before]!) === 'T') before--
  if (before < 0 || !isJoiningLeft(cps[before]!)) return false
  let after = i + 1
  while (after < cps.length && joiningType(cps[after]!) === 'T') after++
  return after < cps.length && isJoiningRight(cps[after]!)
}

function contextRule(cps: CodePoints, i: number): boolean {
  const cp = cps[i]!
  const at = (j: number) => (j >= 0 && j < cps.length ? String.fromCodePoint(cps[j]!) : '')
  switch (cp) {
    case 0x200c:
      return zwnj(cps, i)
    case 0x200d: // A.2 ZERO WIDTH JOINER: only after a virama.
      return i > 0 && isVirama(cps[i - 1]!)
    case 0x00b7: // A.3 MIDDLE DOT: between two 'l' (Catalan l·l).
      return cps[i - 1] === 0x6c && cps[i + 1] === 0x6c
    case 0x0375: // A.4 GREEK LOWER NUMERAL SIGN (KERAIA): followed by a Greek character.
      return greek.test(at(i + 1))
    case 0x05f3: // A.5 HEBREW PUNCTUATION GERESH: preceded by a Hebrew character.
    case 0x05f4: // A.6 HEBREW PUNCTUATION GERSHAYIM: likewise.
      return hebrew.test(at(i - 1))
    case 0x30fb: // A.7 KATAKANA MIDDLE DOT: the string holds Hiragana, Katakana or Han.
      return cps.some((c) => c !== 0x30fb && japanese.test(String.fromCodePoint(c)))
    default:
      break
  }
  // A.8 ARABIC-INDIC DIGITS: not mixed with EXTENDED ARABIC-INDIC DIGITS, and A.9 the converse.
  if (cp >= 0x0660 && cp <= 0x0669) return !cps.some((c) => c >= 0x06f0 && c <= 0x06f9)
  if (cp >= 0x06f0 && cp <= 0x06f9) return !cps.some((c) => c >= 0x0660 && c <= 0x0669)
  // A code point marked CONTEXTJ/CONTEXTO without a registered rule is not allowed
  // (RFC 5891 §5.4, RFC 8264 §10).
  return false
}

/** Returns why the contextual code point at `i` is not allowed here, or undefined. */
export function contextViolation(cps: CodePoints, i: number): string | undefined {
  if (contextRule(cps, i)) return undefined
  return `${codePointName(cps[i]!)} is not allowed in this context (RFC 5892 Appendix A)`
}
