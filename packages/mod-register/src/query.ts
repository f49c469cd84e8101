// The `<query xmlns='jabber:iq:register'/>` payloads of XEP-0077 (v2.5): what the server offers
// (§3.1 fields, §4 data form), what it says to a registered user (§3.1 Example 3), and what a
// client submitted (legacy fields, a data form, or `<remove/>`). Pure functions, no I/O.
import {
  buildForm,
  getFormType,
  getValue,
  NS_DATA_FORMS,
  NS_REGISTER,
  parseForm,
  stanzaError,
} from '@tercet/stanza'
import { Element } from '@tercet/xml'

/** XEP-0077 §13.4.1: the FORM_TYPE of the registration form. */
export const REGISTER_FORM_TYPE = NS_REGISTER

/** What a client sent in an IQ set: a cancellation (§3.2) or fields (§3.1, §3.3). */
export type RegisterRequest =
  | { kind: 'remove' }
  | { kind: 'fields'; username: string | undefined; password: string | undefined }

const node = (name: string, children: (Element | string)[] = []) =>
  new Element(name, {}, NS_REGISTER, children)

/**
 * §3.1 Example 2: the fields a new account needs, with instructions. §4 recommends a data form
 * as well; §6 (Precedence Order) allows "x:data form + iq:register fields" together, and the
 * schema (§14) puts the form after the fields.
 */
export function registrationForm(instructions: string): Element {
  const form = buildForm({
    type: 'form',
    title: 'Account registration',
    instructions: [instructions],
    formType: REGISTER_FORM_TYPE,
    fields: [
      { var: 'username', type: 'text-single', label: 'Username', required: true },
      { var: 'password', type: 'text-private', label: 'Password', required: true },
    ],
  })
  return node('query', [
    node('instructions', [instructions]),
    node('username'),
    node('password'),
    form,
  ])
}

/**
 * §3.1: to an entity that is already registered the result MUST contain an empty
 * `<registered/>`, SHOULD contain what is on file (the `<password/>` MAY be empty: only SCRAM
 * keys are stored) and SHOULD contain instructions.
 */
export function registeredAnswer(username: string): Element {
  return node('query', [
    node('registered'),
    node('instructions', [
      'You are registered. Send a new <password/> with your <username/> to change it, ' +
        'or <remove/> to delete the account.',
    ]),
    node('username', [username]),
    node('password'),
  ])
}

/**
 * Reads the query of an IQ set. Throws `bad-request` (RFC 6120 §8.3.3.1) when `<remove/>` is
 * not the only child (§3.2 error table), when a client submits both a data form and the legacy
 * fields (§4 rule 5: it MUST NOT), or when the form is not a submission of the registration form.
 */
export function readRequest(query: Element): RegisterRequest {
  const children = query.getChildElements()
  if (query.getChild('remove', NS_REGISTER)) {
    if (children.length !== 1) {
      throw stanzaError('bad-request', { text: '<remove/> must be the only child of <query/>' })
    }
    return { kind: 'remove' }
  }
  const forms = query.getChildren('x', NS_DATA_FORMS)
  const username = query.getChildText('username', NS_REGISTER)
  const password = query.getChildText('password', NS_REGISTER)
  if (forms.length === 0) return { kind: 'fields', username, password }
  if (forms.length > 1 || username !== undefined || password !== undefined) {
    throw stanzaError('bad-request', { text: 'submit either one data form or the fields' })
  }
  const form = parseForm(forms[0]!)
  const formType = getFormType(form)
  if (form.type !== 'submit' || (formType !== undefined && formType !== REGISTER_FORM_TYPE)) {
    throw stanzaError('bad-request', { text: `expected a submitted ${REGISTER_FORM_TYPE} form` })
  }
  return {
    kind: 'fields',
    username: getValue(form, 'username'),
    password: getValue(form, 'password'),
  }
}
