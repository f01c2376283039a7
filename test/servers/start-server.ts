import { startApache } from './apache.ts'
import { startLighttpd } from './lighttpd.ts'
import { startNginx } from './nginx.ts'
import { startRclone } from './rclone.ts'
import type { RunningServer, ServerName, ServerOptions } from './types.ts'

/** Every real server, in the order the suites list them. */
export const serverNames: readonly ServerName[] = ['apache', 'lighttpd', 'nginx', 'rclone']

/** Starts the server called `name` with `options` (see each launcher for what it supports). */
export function startServer(name: ServerName, options: ServerOptions = {}): Promise<RunningServer> {
  switch (name) {
    case 'apache':
      return startApache(options)
    case 'lighttpd':
      return startLighttpd(options)
    case 'nginx':
      return startNginx(options)
    case 'rclone':
      return startRclone(options)
  }
}
