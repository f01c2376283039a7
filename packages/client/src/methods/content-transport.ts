// The content transport is gone: every request takes the request pipeline. The body type moved
// to http/request-body.ts; this re-export remains only for importers outside the methods
// (files/dav-files.ts) until they import from there.
export type { ContentBody } from '../http/request-body.ts'
