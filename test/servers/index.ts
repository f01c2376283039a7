/** Real WebDAV servers on loopback for the test suite, and litmus. */
export { startApache } from './apache.ts'
export { missingReason, requireServer, serverAvailable, skipReason } from './availability.ts'
export { corsAllowHeaders, corsAllowMethods, corsExposeHeaders } from './cors.ts'
export { startLighttpd } from './lighttpd.ts'
export {
  allLitmusSuites,
  formatLitmusResults,
  parseLitmusOutput,
  runLitmus,
  type LitmusFailure,
  type LitmusOptions,
  type LitmusSuite,
  type LitmusSuiteResult,
} from './litmus.ts'
export { startNginx } from './nginx.ts'
export { startRclone } from './rclone.ts'
export { startServer, serverNames } from './start-server.ts'
export type { ApacheOptions, BasicAuth, DigestAuth, RunningServer, ServerName, ServerOptions } from './types.ts'
