/** What davkit offers on Node alone (it imports `node:` modules, which the main entry never does). */
export { fileSource } from './file-source.ts'
