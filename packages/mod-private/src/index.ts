export { DEFAULT_PRIVATE_MAX_SIZE, privateStorage, RESERVED_NAMESPACES } from './private'
