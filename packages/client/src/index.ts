export * from './errors/index.ts'
export { textOf } from './xml/element-text.ts'
export {
  createDavClient,
  type DavClient,
  type DavClientUrlOptions,
  type FlatCredentials,
  type PropfindDefaultOptions,
} from './client.ts'
export type { DavClientOptions, RequestOptions } from './http/client-options.ts'
export type { DavAuth, BasicAuth, BearerAuth, AuthFunction, AuthContext } from './http/auth.ts'
export type { Challenge } from './http/challenge.ts'
export type { RetryOptions } from './retry/retry-options.ts'
export { classifyFailure, type AttemptFailure, type FailureClass, type ClassifyOptions } from './retry/classify-failure.ts'
export { isIdempotentMethod } from './retry/idempotent-methods.ts'
export { parseRetryAfter } from './retry/retry-after.ts'
export { encodePath } from './paths/encode-path.ts'
export type { DavTarget } from './paths/resolve-target.ts'
export type {
  PropfindOptions,
  PropfindPropOptions,
  PropfindAllpropOptions,
  PropfindPropnameOptions,
} from './methods/propfind.ts'
export type { PropfindEachOptions, PropfindEachLimits } from './methods/propfind-each.ts'
export type { ProppatchOptions } from './methods/proppatch.ts'
export { setProperty, removeProperty } from './methods/proppatch-instructions.ts'
export type { CopyOptions, MoveOptions, TransferOptions } from './methods/transfer.ts'
export { element, text } from './xml/build-document.ts'
export { assertAllOk, unwrapProperty, type OkPropfindResult, type OkResource } from './results/assert-all-ok.ts'
export * from './properties/index.ts'
export * from './multistatus/index.ts'
export type { DavContentMethods } from './methods/content-methods.ts'
export type { ContentBody } from './http/request-content.ts'
export type { ByteRange, GetBodyKind, GetBodyTypes, GetOptions } from './methods/get.ts'
export type { BufferedResumeOptions, GetResume, StreamResumeOptions } from './methods/resume-options.ts'
export type { PutOptions } from './methods/put.ts'
export type { DeleteOptions } from './methods/delete.ts'
export type { MkcolOptions } from './methods/mkcol.ts'
export type { OptionsOptions } from './methods/options.ts'
export type { LockOptions, RefreshLockOptions, LockTimeoutRequest } from './methods/lock.ts'
export type { UnlockOptions } from './methods/unlock.ts'
export type { ReportOptions } from './methods/report.ts'
export type { SyncCollectionOptions } from './methods/sync-collection.ts'
export type { ProgressCallback } from './http/progress.ts'
export { uploadProgress, type UploadProgress } from './http/upload-progress.ts'
export {
  buildIfHeader,
  lockIfHeader,
  lockIfLists,
  type IfCondition,
  type IfList,
  type LockSubmission,
  type LockTokens,
} from './methods/if-header.ts'
export { parseDavHeader } from './methods/options.ts'
export {
  createDavFiles,
  type DavFiles,
  type ReadOptions,
  type TransferDone,
  type TransferFileOptions,
  type WriteOptions,
} from './files/dav-files.ts'
export type { WalkOptions } from './files/folder-listing.ts'
export type { Download, DownloadOptions } from './files/download.ts'
export type { ChunkSource } from './files/upload/chunk-source.ts'
export { chunkSourceOf, type UploadSource } from './files/upload/chunk-source-of.ts'
export { streamSource } from './files/upload/stream-source.ts'
export type { UploadOptions } from './files/upload/upload-file.ts'
export { FileOperationError, type FileOperation, type FileOperationOutcome } from './files/file-operation-error.ts'
export { filePathOf, urlOfFilePath } from './paths/file-path.ts'
export { fileProps, type FileProps } from './files/file-props.ts'
export { createDavConnection, type DavConnection } from './dav-connection.ts'
export type { MethodContext } from './methods/method-context.ts'
export { propfind } from './methods/propfind.ts'
export { propfindEach } from './methods/propfind-each.ts'
export { proppatch } from './methods/proppatch.ts'
export { copy, move } from './methods/transfer.ts'
export { get } from './methods/get.ts'
export { put } from './methods/put.ts'
export { deleteResource } from './methods/delete.ts'
export { mkcol } from './methods/mkcol.ts'
export { options } from './methods/options.ts'
export { lock, refreshLock } from './methods/lock.ts'
export { unlock } from './methods/unlock.ts'
export { report } from './methods/report.ts'
export { syncCollection } from './methods/sync-collection.ts'
