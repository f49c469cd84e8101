export {
  DEFAULT_OFFLINE_MAX_MESSAGES,
  isChatStateOnly,
  isStorable,
  OFFLINE_PRESENCE_PRIORITY,
  type OfflinePolicy,
  offline,
  withDelay,
} from './offline'
