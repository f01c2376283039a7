/**
 * The workspace packages the interop suite uses. The repository root does not depend on them by
 * name, so they are reached through their sources; this is the one place to change that.
 */
export type * from '../../packages/types/src/index.ts'
