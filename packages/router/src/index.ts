export type {
  ArchiveItem,
  ArchiveQuery,
  ArchiveResult,
  ArchiveStore,
  KeyValStore,
  MapStore,
  Storage,
  StoreKind,
  StoreOfKind,
} from './stores'
export { UnknownArchiveIdError } from './stores'
