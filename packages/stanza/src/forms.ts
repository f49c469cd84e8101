// XEP-0004: Data Forms (v2.13.2) — https://xmpp.org/extensions/xep-0004.html
// XEP-0068: Field Standardization for Data Forms (v1.3.0) — https://xmpp.org/extensions/xep-0068.html
//
// A form is read into plain data and written back from plain data, so a module can build one
// with an object literal and compare what a client submitted against it (see form-validation.ts).
import { Element } from '@tercet/xml'
import { stanzaError } from './errors'
import { NS_DATA_FORMS } from './ns'

/** XEP-0004 §3.1: the four form types. */
export type FormType = 'form' | 'submit' | 'cancel' | 'result'

/** XEP-0004 §3.3: the field types. */
export type FieldType =
  | 'boolean'
  | 'fixed'
  | 'hidden'
  | 'jid-multi'
  | 'jid-single'
  | 'list-multi'
  | 'list-single'
  | 'text-multi'
  | 'text-private'
  | 'text-single'

export const FORM_TYPES: readonly FormType[] = ['form', 'submit', 'cancel', 'result']

export const FIELD_TYPES: readonly FieldType[] = [
  'boolean',
  'fixed',
  'hidden',
  'jid-multi',
  'jid-single',
  'list-multi',
  'list-single',
  'text-multi',
  'text-private',
  'text-single',
]

/** XEP-0004 §3.2: the types that MAY carry more than one `<value/>`; all others MUST NOT. */
export const MULTI_VALUE_TYPES: ReadonlySet<FieldType> = new Set([
  'list-multi',
  'jid-multi',
  'text-multi',
  'hidden',
])

/** XEP-0068 §3.1: the hidden field whose value names the form's namespace. */
export const FORM_TYPE = 'FORM_TYPE'

/** An `<option/>` of a list field (XEP-0004 §3.2). */
export interface FormOption {
  label?: string
  value: string
}

/** A field as a builder takes it: everything optional but what the field needs. */
export interface FieldInit {
  var?: string
  /** Absent means text-single (XEP-0004 §3.2); kept absent so forms round-trip. */
  type?: FieldType
  label?: string
  desc?: string
  required?: boolean
  values?: readonly string[]
  options?: readonly FormOption[]
}

/** A parsed field: the same shape with every list present. */
export interface FormField extends FieldInit {
  required: boolean
  values: string[]
  options: FormOption[]
}

/** A form as a builder takes it. */
export interface FormInit {
  type: FormType
  title?: string
  instructions?: readonly string[]
  /** XEP-0068: adds the hidden FORM_TYPE field first. */
  formType?: string
  fields?: readonly FieldInit[]
  /** XEP-0004 §3.4: the table header of a result with several items. */
  reported?: readonly FieldInit[]
  items?: readonly (readonly FieldInit[])[]
}

/** A parsed form. */
export interface DataForm {
  type: FormType
  title?: string
  instructions: string[]
  fields: FormField[]
  reported?: FormField[]
  items: FormField[][]
}

const FORM_TYPE_SET: ReadonlySet<string> = new Set(FORM_TYPES)
const FIELD_TYPE_SET: ReadonlySet<string> = new Set(FIELD_TYPES)

function badRequest(text: string): Error {
  // RFC 6120 §8.3.3.1: XML that does not follow the protocol's rules is a bad-request.
  return stanzaError('bad-request', { text })
}

/**
 * Reads an `<x xmlns='jabber:x:data'/>`. Throws a `bad-request` StanzaError where the form
 * breaks a MUST of XEP-0004: no or unknown form type, a non-fixed field without `var`, an
 * option without exactly one value.
 */
export function parseForm(x: Element): DataForm {
  if (!x.is('x', NS_DATA_FORMS)) throw badRequest('not a jabber:x:data form')
  const type = x.attr('type')
  // XEP-0004 §3.1 and the schema (§10): 'type' is required and one of four values.
  if (type === undefined || !FORM_TYPE_SET.has(type)) {
    throw badRequest(`invalid data form type '${type ?? ''}'`)
  }
  const form: DataForm = { type: type as FormType, instructions: [], fields: [], items: [] }
  for (const child of x.getChildElements()) {
    if (child.ns !== NS_DATA_FORMS) continue
    switch (child.local) {
      case 'title':
        form.title ??= child.text()
        break
      case 'instructions':
        // XEP-0004 §3: multiple <instructions/> MAY be included.
        form.instructions.push(child.text())
        break
      case 'field':
        form.fields.push(parseField(child))
        break
      case 'reported':
        // XEP-0004 §3.4: one and only one <reported/>; the first wins.
        form.reported ??= parseFields(child)
        break
      case 'item':
        form.items.push(parseFields(child))
        break
    }
  }
  return form
}

function parseFields(parent: Element): FormField[] {
  return parent.getChildren('field', NS_DATA_FORMS).map(parseField)
}

/** Reads one `<field/>` (XEP-0004 §3.2). */
export function parseField(el: Element): FormField {
  const field: FormField = { required: false, values: [], options: [] }
  const rawType = el.attr('type')
  // XEP-0004 §3.3: a type the receiver does not understand MUST be taken as text-single.
  if (rawType !== undefined)
    field.type = FIELD_TYPE_SET.has(rawType) ? (rawType as FieldType) : 'text-single'
  const name = el.attr('var')
  if (name !== undefined) field.var = name
  // XEP-0004 §3.2: every field but a fixed one MUST possess a 'var'.
  else if (field.type !== 'fixed') throw badRequest('a data form field without var')
  const label = el.attr('label')
  if (label !== undefined) field.label = label
  for (const child of el.getChildElements()) {
    if (child.ns !== NS_DATA_FORMS) continue
    if (child.local === 'value') field.values.push(child.text())
    else if (child.local === 'option') field.options.push(parseOption(child))
    else if (child.local === 'required') field.required = true
    else if (child.local === 'desc' && field.desc === undefined) field.desc = child.text()
  }
  return field
}

function parseOption(el: Element): FormOption {
  const values = el.getChildren('value', NS_DATA_FORMS)
  // XEP-0004 §3.2: an <option/> MUST contain one and only one <value/> child.
  if (values.length !== 1) throw badRequest('a data form option needs exactly one value')
  const option: FormOption = { value: values[0]!.text() }
  const label = el.attr('label')
  if (label !== undefined) option.label = label
  return option
}

const node = (
  name: string,
  attrs: Record<string, string> = {},
  children: (Element | string)[] = [],
) =>
  new Element(
    name,
    attrs,
    NS_DATA_FORMS,
    children.filter((c) => c !== ''),
  )

/**
 * Writes a form. Children come in the order of the XEP's examples: title, instructions,
 * fields, reported, items (the schema of XEP-0004 §10 is descriptive, not normative).
 */
export function buildForm(form: FormInit): Element {
  const x = node('x', { type: form.type })
  if (form.title !== undefined) x.append(node('title', {}, [form.title]))
  for (const line of form.instructions ?? []) x.append(node('instructions', {}, [line]))
  if (form.formType !== undefined) {
    if (form.fields?.some((f) => f.var === FORM_TYPE)) {
      throw new TypeError('formType given twice: as an option and as a field')
    }
    // XEP-0068 §3.1: FORM_TYPE is a hidden field; XEP-0128 §2 puts it first by convention.
    x.append(buildField({ var: FORM_TYPE, type: 'hidden', values: [form.formType] }))
  }
  for (const field of form.fields ?? []) x.append(buildField(field))
  if (form.reported !== undefined) x.append(node('reported', {}, form.reported.map(buildField)))
  for (const item of form.items ?? []) x.append(node('item', {}, item.map(buildField)))
  return x
}

/** Writes one `<field/>`: desc, required, values, options, in the schema's order (§10). */
export function buildField(field: FieldInit): Element {
  if (field.var === undefined && field.type !== 'fixed') {
    throw new TypeError('XEP-0004 §3.2: only a fixed field may lack var')
  }
  const attrs: Record<string, string> = {}
  if (field.var !== undefined) attrs.var = field.var
  if (field.type !== undefined) attrs.type = field.type
  if (field.label !== undefined) attrs.label = field.label
  const el = node('field', attrs)
  if (field.desc !== undefined) el.append(node('desc', {}, [field.desc]))
  if (field.required) el.append(node('required'))
  for (const value of field.values ?? []) el.append(node('value', {}, [value]))
  for (const option of field.options ?? []) {
    const optionAttrs: Record<string, string> = {}
    if (option.label !== undefined) optionAttrs.label = option.label
    el.append(node('option', optionAttrs, [node('value', {}, [option.value])]))
  }
  return el
}

/** The first field named `name` (XEP-0004 §3.2: 'var' identifies a field within its form). */
export function getField(
  form: { fields: readonly FormField[] },
  name: string,
): FormField | undefined {
  return form.fields.find((f) => f.var === name)
}

/** The values of field `name`, `[]` when the form has no such field. */
export function getValues(form: { fields: readonly FormField[] }, name: string): string[] {
  return getField(form, name)?.values ?? []
}

/** The first value of field `name`. */
export function getValue(form: { fields: readonly FormField[] }, name: string): string | undefined {
  return getField(form, name)?.values[0]
}

/**
 * The form's FORM_TYPE (XEP-0068), or undefined. XEP-0068 §4.3: a FORM_TYPE field that is not
 * hidden MUST be ignored as a context indicator. In a submission the field often comes back
 * without its type (as in the §4.4 example), so there an untyped field counts too.
 */
export function getFormType(form: DataForm): string | undefined {
  const field = getField(form, FORM_TYPE)
  if (field === undefined) return undefined
  const hidden = field.type === 'hidden' || (field.type === undefined && form.type !== 'form')
  return hidden ? field.values[0] : undefined
}

/**
 * The `<x xmlns='jabber:x:data'/>` children of `parent`, optionally only those whose hidden
 * FORM_TYPE is `formType` (the way XEP-0128 and XEP-0313 find their form).
 */
export function findForms(parent: Element, formType?: string): Element[] {
  const forms = parent.getChildren('x', NS_DATA_FORMS)
  if (formType === undefined) return forms
  return forms.filter((x) => {
    try {
      return getFormType(parseForm(x)) === formType
    } catch {
      return false
    }
  })
}

/**
 * XEP-0004 §3.3, boolean: the lexical forms of XML Schema's xs:boolean, "0"/"false" and
 * "1"/"true"; implementations MUST accept both styles. Anything else is undefined.
 */
export function parseBoolean(value: string): boolean | undefined {
  switch (value) {
    case '1':
    case 'true':
      return true
    case '0':
    case 'false':
      return false
    default:
      return undefined
  }
}
