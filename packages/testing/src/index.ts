export {
  type ConversationClient,
  type ConversationEnv,
  ConversationError,
  conversation,
  type ScriptClient,
  type ScriptEnv,
} from './conversation'
export { memoryStorage } from './memory-storage'
export { storeContract } from './store-contract'
export { type TestClient, type TestHost, type TestHostOptions, testHost } from './test-host'
export { assertNothing, assertStanza, clientXml, mismatch } from './xml-match'
