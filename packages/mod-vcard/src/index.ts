export { DEFAULT_VCARD_MAX_SIZE, vcard } from './vcard'
