export { REGISTER_DEFAULTS, type RegisterOptions } from './options'
export {
  REGISTER_FORM_TYPE,
  type RegisterRequest,
  readRequest,
  registeredAnswer,
  registrationForm,
} from './query'
export { register } from './register'
