import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { findExecutable, requireServer } from './availability.ts'
import { launch, makeServerDirs, withFreePort } from './server-process.ts'
import { writeHtpasswd } from './system-user.ts'
import type { RunningServer, ServerOptions } from './types.ts'

/**
 * Starts `rclone serve webdav` on 127.0.0.1 and a free port, serving a fresh temporary directory
 * (see `servers/rclone/README.md` for the flags). rclone cannot answer CORS: `cors: true` throws.
 *
 * @example
 * const server = await startRclone()
 * try { await fetch(server.url, { method: 'OPTIONS' }) } finally { await server.stop() }
 */
export async function startRclone(options: ServerOptions = {}): Promise<RunningServer> {
  const rclone = requireServer('rclone')
  if (options.cors === true) throw new Error('rclone serve webdav has no CORS support: use apache, nginx or lighttpd')
  return withFreePort(async (port) => {
    const dirs = await makeServerDirs('rclone')
    const configFile = join(dirs.conf, 'rclone.conf')
    await writeFile(configFile, '')
    const logFile = join(dirs.conf, 'rclone.log')
    const args = [
      'serve',
      'webdav',
      dirs.data,
      '--addr',
      `127.0.0.1:${port}`,
      '--config',
      configFile,
      '--dir-cache-time',
      '0s',
      '--poll-interval',
      '0',
      '--log-file',
      logFile,
    ]
    if (options.digestAuth !== undefined) throw new Error('rclone cannot require Digest authentication here (Apache and lighttpd can)')
    if (options.basicAuth !== undefined) {
      const htpasswd = findExecutable('htpasswd')
      if (htpasswd === undefined) throw new Error('rclone basicAuth needs htpasswd (apt package apache2-utils)')
      const file = join(dirs.conf, 'htpasswd')
      await writeHtpasswd(htpasswd, file, options.basicAuth.username, options.basicAuth.password)
      args.push('--htpasswd', file)
    }
    return launch({
      name: 'rclone',
      command: rclone,
      args,
      dirs,
      url: `http://127.0.0.1:${port}/`,
      errorLogPath: logFile,
    })
  })
}
