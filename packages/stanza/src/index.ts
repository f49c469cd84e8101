export {
  formatDate,
  formatDateTime,
  formatTzd,
  parseDate,
  parseDateTime,
  parseTzd,
} from './datetime'
export { buildDelay, type Delay, type DelayInit, findDelay, parseDelay } from './delay'
export {
  buildDiscoInfo,
  buildDiscoItems,
  type DiscoInfo,
  type DiscoInfoInit,
  type DiscoItem,
  type DiscoItemInit,
  type DiscoItems,
  type DiscoItemsRequest,
  type Identity,
  parseDiscoInfo,
  parseDiscoInfoRequest,
  parseDiscoItems,
  parseDiscoItemsRequest,
} from './disco'
export {
  type ErrorType,
  errorReply,
  iqResult,
  isStanzaErrorCondition,
  STANZA_ERROR_TYPES,
  StanzaError,
  type StanzaErrorCondition,
  type StanzaErrorOptions,
  stanzaError,
} from './errors'
export {
  type FieldError,
  type FieldErrorReason,
  submissionError,
  validateSubmission,
} from './form-validation'
export {
  buildField,
  buildForm,
  type DataForm,
  FIELD_TYPES,
  type FieldInit,
  type FieldType,
  FORM_TYPE,
  FORM_TYPES,
  type FormField,
  type FormInit,
  type FormOption,
  type FormType,
  findForms,
  getField,
  getFormType,
  getValue,
  getValues,
  MULTI_VALUE_TYPES,
  parseBoolean,
  parseField,
  parseForm,
} from './forms'
export * from './ns'
export {
  buildRsmRequest,
  buildRsmResult,
  findRsmRequest,
  parseRsmRequest,
  parseRsmResult,
  type RsmRequest,
  type RsmResult,
} from './rsm'
export {
  type Address,
  Iq,
  type IqType,
  Message,
  type MessageType,
  Presence,
  type PresenceType,
  type Show,
  validateStanza,
} from './stanza'
export {
  addStanzaId,
  buildOriginId,
  buildStanzaId,
  getOriginId,
  getStanzaId,
  getStanzaIds,
  parseOriginId,
  parseStanzaId,
  type StanzaId,
  stripStanzaIds,
} from './stanza-id'
export {
  isStreamErrorCondition,
  STREAM_ERROR_CONDITIONS,
  StreamError,
  type StreamErrorCondition,
  type StreamErrorOptions,
} from './stream-error'
