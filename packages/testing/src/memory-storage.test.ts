import { memoryStorage } from './memory-storage'
import { storeContract } from './store-contract'

storeContract('memory', () => memoryStorage())
