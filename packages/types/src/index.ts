export type { QName, DavNamespace, DavQName } from './qname.ts'
export type { XmlAttribute, XmlElement, XmlText, XmlNode } from './xml-node.ts'
export type { StatusClass, HttpStatus, StatusProblemKind, StatusProblem, ParsedStatus } from './status.ts'
export type { ResourceHref } from './href.ts'
export type { DavCondition, DavError, DavConditionName } from './dav-error.ts'
export type {
  PropertyValue,
  PropertyFailure,
  PropertyStatusProblem,
  RawProperty,
  Propstat,
  StatusResponse,
  PropstatResponse,
  ResponseProblemKind,
  MalformedResponse,
  MultiStatusResponse,
  MultiStatus,
} from './multistatus.ts'
export type { DecodeFailure, DecodeFailureCode } from './decode-error.ts'
export type { CodecResult, PropertyCodec, CodecValue, WritablePropertyCodec } from './property-codec.ts'
export type {
  PropertyDecoded,
  PropertyInvalid,
  PropertyFailed,
  PropertyUnknownStatus,
  PropertyMissing,
  PropertyResult,
} from './property-result.ts'
export type * from './property-values.ts'
export type { RequestSummary, ResponseSummary, RetryEvent } from './http-exchange.ts'
export type { PropRequest, PropfindDepth, PropfindResource, PropfindEntry, PropfindResult } from './propfind-result.ts'
export type {
  ProppatchInstruction,
  ProppatchApplied,
  ProppatchFailed,
  ProppatchFailedDependency,
  ProppatchStatusProblem,
  ProppatchNotReported,
  ProppatchOutcome,
  ProppatchAllApplied,
  ProppatchRejected,
  ProppatchPartiallyApplied,
  ProppatchIncomplete,
  ProppatchNoReport,
  ProppatchResult,
} from './proppatch.ts'
export type {
  CopyDepth,
  TransferCreated,
  TransferReplaced,
  TransferSucceeded,
  TransferPreconditionFailed,
  TransferConflict,
  TransferLocked,
  TransferFailedDependency,
  TransferForbidden,
  TransferInsufficientStorage,
  TransferPartial,
  TransferUncertain,
  TransferResult,
} from './transfer-result.ts'
export type { UploadMechanism, UploadChoice, UploadDone } from './upload-result.ts'
export type { ContentChangeReason, DownloadResumability, NotResumableReason, ResumeValidator } from './download-resume.ts'
export type {
  TransferProgress,
  EntityHeaders,
  ContentRange,
  GetFull,
  GetPartial,
  GetNotModified,
  GetPreconditionFailed,
  GetRangeNotSatisfiable,
  GetResult,
  ContentLocked,
  ContentFailedDependency,
  WritePartial,
  ContentPreconditionFailed,
  ContentConflict,
  ContentForbidden,
  ContentInsufficientStorage,
  PutCreated,
  PutReplaced,
  PutUncertain,
  PutResult,
  DeleteDeleted,
  DeleteNotFound,
  DeleteUncertain,
  DeleteResult,
  MkcolCreated,
  MkcolAlreadyExists,
  MkcolUnsupportedMediaType,
  MkcolUncertain,
  MkcolResult,
  OptionsResult,
} from './content-results.ts'
export type {
  LockGranted,
  LockConflict,
  LockPreconditionFailed,
  LockPartial,
  LockConflictParent,
  LockResult,
  UnlockReleased,
  UnlockNotLocked,
  UnlockForbidden,
  UnlockResult,
} from './lock-result.ts'
export type { SyncLevel, SyncChanges, SyncInvalidToken, SyncResult, ReportResult } from './sync-result.ts'
export type { FileEntryBase, FileEntryFile, FileEntryCollection, FileEntryUnknown, FileEntry } from './file-entry.ts'
export type { MemberFailure } from './member-failure.ts'
