export { DavkitError } from './davkit-error.ts'
