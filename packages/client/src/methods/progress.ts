// Moved to http/progress.ts with the single request pipeline; this re-export remains only for
// importers outside the methods (files/dav-files.ts) until they import from there.
export type { ProgressCallback } from '../http/progress.ts'
