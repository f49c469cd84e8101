export type { Advertised } from './advertised'
export {
  createDisco,
  DEFAULT_DISCO_NAME,
  type DiscoConfig,
  type DiscoItemOption,
  disco,
  withDisco,
} from './disco'
