export { CLIENT_MECHANISMS, chooseMechanism, clientFinish, clientStep, startClient } from './client'
export type {
  ClientCredentials,
  ClientOptions,
  ClientState,
  ClientStepResult,
} from './client-types'
export {
  type CredentialSet,
  DEFAULT_ITERATIONS,
  type DeriveOptions,
  deriveCredentialSet,
  deriveCredentials,
  type ScramCredentials,
  WORKERS_MAX_ITERATIONS,
} from './credentials'
export { type SaslCondition, SaslError, type SaslFailure } from './errors'
export {
  isMechanism,
  type Mechanism,
  SCRAM_MECHANISMS,
  type ScramMechanism,
  SERVER_MECHANISMS,
} from './mechanisms'
export { SaslprepError, type SaslprepOptions, type SaslprepReason, saslprep } from './saslprep'
export { abort, type StartOptions, start, step } from './server'
export type {
  CredentialLookup,
  SaslSuccess,
  ScramFinalState,
  ServerOptions,
  ServerState,
  StepResult,
} from './server-types'
