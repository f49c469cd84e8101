export { memoryStorage } from './memory-storage'
export { storeContract } from './store-contract'
