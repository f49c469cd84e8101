// PRECIS profiles used by XMPP addresses (RFC 7622 §3.3 and §3.4):
//   UsernameCaseMapped (RFC 8265 §3.3) for localparts, OpaqueString (RFC 8265 §4.2) for
//   resourceparts. Both are enforcement operations over the derived property of RFC 8264 §8.
import { bidiRuleViolation, hasRtl } from './bidi-rule'
import { contextViolation } from './context-rules'
import { codePointName } from './errors'
import { mapWidth, type PrecisProperty, precisProperty } from './unicode'

/** A PRECIS rule failed: the reason names the rule and section. */
export class PrecisError extends Error {
  override readonly name = 'PrecisError'
}

type StringClass = 'identifier' | 'freeform'

const PROPERTY_NAMES: Record<PrecisProperty, string> = {
  P: 'PVALID',
  F: 'ID_DIS',
  J: 'CONTEXTJ',
  O: 'CONTEXTO',
  D: 'DISALLOWED',
  U: 'UNASSIGNED',
}

// RFC 8264 §4.2.1/§4.2.2 (IdentifierClass) and §4.3.1/§4.3.2 (FreeformClass): which derived
// property values are valid, which need their contextual rule, and the rest are disallowed.
function enforceClass(s: string, stringClass: StringClass): void {
  const cps = Array.from(s, (ch) => ch.codePointAt(0)!)
  for (let i = 0; i < cps.length; i++) {
    const p = precisProperty(cps[i]!)
    if (p === 'P' || (p === 'F' && stringClass === 'freeform')) continue
    if (p === 'J' || p === 'O') {
      const violation = contextViolation(cps, i)
      if (violation) throw new PrecisError(violation)
      continue
    }
    const name = p === 'F' && stringClass === 'freeform' ? 'FREE_PVAL' : PROPERTY_NAMES[p]
    throw new PrecisError(
      `${codePointName(cps[i]!)} is ${name} in the PRECIS ${stringClass === 'identifier' ? 'IdentifierClass' : 'FreeformClass'} (RFC 8264 §8)`,
    )
  }
}

// RFC 8264 §7: applying the rules must be idempotent; if one pass changes the string, apply
// them again, and give up when three more passes still change it.
function untilStable(input: string, pass: (s: string) => string): string {
  let current = pass(input)
  for (let i = 0; i < 3; i++) {
    const next = pass(current)
    if (next === current) return current
    current = next
  }
  throw new PrecisError('the string does not stabilise under the profile rules (RFC 8264 §7)')
}

// RFC 8265 §3.3.2 (UsernameCaseMapped): 1 width mapping, 2 no additional mapping, 3 case
// mapping with Unicode toLowerCase(), 4 NFC, 5 the Bidi Rule when the string holds
// right-to-left characters; then the IdentifierClass behavioural rules (RFC 8264 §7 step 6).
function usernameCaseMappedPass(s: string): string {
  const mapped = mapWidth(s).toLowerCase().normalize('NFC')
  if (mapped.length === 0) throw new PrecisError('the string is empty (RFC 8265 §3.3.3)')
  if (hasRtl(mapped)) {
    const violation = bidiRuleViolation(mapped)
    if (violation) throw new PrecisError(violation)
  }
  enforceClass(mapped, 'identifier')
  return mapped
}

/** UsernameCaseMapped enforcement (RFC 8265 §3.3.3) of a non-empty string. */
export function usernameCaseMapped(s: string): string {
  return untilStable(s, usernameCaseMappedPass)
}

const nonAsciiSpace = /[\p{Zs}]/gu

// RFC 8265 §4.2.2 (OpaqueString): 1 no width mapping, 2 non-ASCII spaces map to U+0020,
// 3 no case mapping, 4 NFC, 5 no directionality rule; then the FreeformClass rules.
function opaqueStringPass(s: string): string {
  const mapped = s.replace(nonAsciiSpace, ' ').normalize('NFC')
  if (mapped.length === 0) throw new PrecisError('the string is empty (RFC 8265 §4.2.3)')
  enforceClass(mapped, 'freeform')
  return mapped
}

/** OpaqueString enforcement (RFC 8265 §4.2.3) of a non-empty string. */
export function opaqueString(s: string): string {
  return untilStable(s, opaqueStringPass)
}
