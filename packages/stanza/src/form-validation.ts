// XEP-0004: Data Forms (v2.13.2) — https://xmpp.org/extensions/xep-0004.html
// Validation of a submitted form against the form the server offered. XEP-0004 §4 makes this
// the form-processing entity's job; it SHOULD answer an invalid submission with not-acceptable.
import { parseJid } from '@tercet/jid'
import { type StanzaError, stanzaError } from './errors'
import {
  type DataForm,
  type FieldType,
  FORM_TYPE,
  type FormField,
  getFormType,
  MULTI_VALUE_TYPES,
  parseBoolean,
} from './forms'

/** Why a submitted field was refused. */
export type FieldErrorReason =
  | 'required' //            XEP-0004 §3.2 <required/>: no value given
  | 'too-many-values' //     §3.2: only list-multi, jid-multi, text-multi, hidden take several
  | 'not-an-option' //       §3.3 list-single/list-multi: MUST NOT insert new options
  | 'invalid-jid' //         §3.3 jid-single/jid-multi: values MUST be valid JIDs
  | 'invalid-boolean' //     §3.3 boolean: 0, 1, true or false
  | 'duplicate-field' //     §3.2: 'var' uniquely identifies a field
  | 'form-type-mismatch' //  XEP-0068: the submission is for another FORM_TYPE

/** One refused field; `value` is the offending value where there is one. */
export interface FieldError {
  var: string
  reason: FieldErrorReason
  value?: string
  message: string
}

const MESSAGES: Record<FieldErrorReason, (name: string, value?: string) => string> = {
  required: (n) => `field '${n}' is required`,
  'too-many-values': (n) => `field '${n}' takes a single value`,
  'not-an-option': (n, v) => `'${v}' is not an option of field '${n}'`,
  'invalid-jid': (n, v) => `'${v}' in field '${n}' is not a valid JID`,
  'invalid-boolean': (n, v) => `'${v}' in field '${n}' is not a boolean`,
  'duplicate-field': (n) => `field '${n}' is submitted more than once`,
  'form-type-mismatch': (n, v) => `${n} '${v}' does not match this form`,
}

function fieldError(name: string, reason: FieldErrorReason, value?: string): FieldError {
  const error: FieldError = { var: name, reason, message: MESSAGES[reason](name, value) }
  if (value !== undefined) error.value = value
  return error
}

/**
 * Checks a submission against the form definition it answers and returns every problem, in the
 * definition's field order (empty when the submission is valid).
 *
 * - The definition decides each field's type: a submitter MAY repeat the type (§3.2), but it
 *   cannot change what the processing entity asked for.
 * - Fields the definition does not know are ignored: §3.1 lets a submission include fields not
 *   in the form, and the processing entity MUST ignore what it does not understand.
 * - An empty `<value/>` counts as no value, which is how clients send a field left blank.
 * - The caller checks the submission's own type first: a `cancel` has nothing to validate.
 */
export function validateSubmission(definition: DataForm, submitted: DataForm): FieldError[] {
  const errors: FieldError[] = []
  const byVar = new Map<string, FormField>()
  for (const field of submitted.fields) {
    if (field.var === undefined) continue
    if (byVar.has(field.var)) errors.push(fieldError(field.var, 'duplicate-field'))
    else byVar.set(field.var, field)
  }
  const expected = getFormType(definition)
  for (const field of definition.fields) {
    const name = field.var
    if (name === undefined || field.type === 'fixed') continue
    const given = byVar.get(name)
    if (name === FORM_TYPE && expected !== undefined) {
      // XEP-0068 §3.1: FORM_TYPE names the form's context; a different one is another form.
      const got = given?.values[0]
      if (got !== undefined && got !== expected)
        errors.push(fieldError(name, 'form-type-mismatch', got))
      continue
    }
    errors.push(...checkField(field, given?.values.filter((v) => v !== '') ?? []))
  }
  return errors
}

function checkField(field: FormField, values: string[]): FieldError[] {
  const name = field.var!
  // XEP-0004 §3.2: a field without type is text-single.
  const type: FieldType = field.type ?? 'text-single'
  // §3.2: <required/> flags the field as required for the form to be valid.
  if (values.length === 0) return field.required ? [fieldError(name, 'required')] : []
  // §3.2: all but list-multi, jid-multi, text-multi and hidden MUST NOT have several values.
  if (values.length > 1 && !MULTI_VALUE_TYPES.has(type))
    return [fieldError(name, 'too-many-values')]
  const errors: FieldError[] = []
  for (const value of values) {
    const reason = checkValue(field, type, value)
    if (reason !== undefined) errors.push(fieldError(name, reason, value))
  }
  return errors
}

function checkValue(
  field: FormField,
  type: FieldType,
  value: string,
): FieldErrorReason | undefined {
  switch (type) {
    case 'boolean':
      return parseBoolean(value) === undefined ? 'invalid-boolean' : undefined
    case 'list-single':
    case 'list-multi':
      // §3.3: the submitter chooses among the options and MUST NOT insert new ones.
      return field.options.some((o) => o.value === value) ? undefined : 'not-an-option'
    case 'jid-single':
    case 'jid-multi':
      // §3.3 note *: JID fields MUST contain valid JIDs per the addressing rules (RFC 7622).
      try {
        parseJid(value)
        return undefined
      } catch {
        return 'invalid-jid'
      }
    default:
      return undefined
  }
}

/**
 * The error for a refused submission: XEP-0004 §4, "it SHOULD return a Not Acceptable error,
 * optionally providing a textual explanation in the XMPP <text/> element".
 */
export function submissionError(errors: readonly FieldError[]): StanzaError {
  return stanzaError('not-acceptable', { text: errors.map((e) => e.message).join('; ') })
}
