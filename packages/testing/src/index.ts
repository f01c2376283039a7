export { davHandlers } from './msw/dav-handlers.ts'
export {
  createDavServer,
  type DavServer,
  type DavServerOptions,
  type ForeignLockOptions,
  type LockInfo,
  type StoredResource,
} from './dav-server.ts'
export type { DavDialect } from './options.ts'
export type { DavServerUploads } from './uploads/upload-options.ts'
export type { DavPrefixStyle } from './xml/write-xml.ts'
export { seedFile, SeedFile, type SeedFileOptions, type SeedTree, type SnapshotTree } from './store/seed.ts'
export { Journal, type JournalEntry, type JournalQuery } from './journal.ts'
export {
  Faults,
  type FaultMatch,
  type FaultAction,
  type StatusFaultOptions,
  type TriggeredFault,
  type TriggeredFaults,
} from './faults/faults.ts'
export { DavNetworkError } from './network-error.ts'
export type { DavServerAuth, ServerAuthControl, ServerDigestAlgorithm } from './auth/server-auth.ts'
