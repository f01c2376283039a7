import { chown, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { findExecutable, nginxDavExtModule, requireServer } from './availability.ts'
import { corsAllowHeaders, corsAllowMethods, corsExposeHeaders } from './cors.ts'
import { launch, makeServerDirs, withFreePort } from './server-process.ts'
import { runningAsRoot, systemUser, writeHtpasswd } from './system-user.ts'
import { renderTemplate } from './template.ts'
import type { RunningServer, ServerOptions } from './types.ts'

/**
 * Starts nginx with its dav module and the dav-ext module (PROPFIND, OPTIONS, LOCK, UNLOCK) on
 * 127.0.0.1 and a free port, serving a fresh temporary directory, from `servers/nginx/nginx.conf`.
 * When run as root, the workers run as www-data and the data directory belongs to it.
 *
 * @example
 * const server = await startNginx()
 * try { await fetch(server.url, { method: 'OPTIONS' }) } finally { await server.stop() }
 */
export async function startNginx(options: ServerOptions = {}): Promise<RunningServer> {
  const nginx = requireServer('nginx')
  return withFreePort(async (port) => {
    const dirs = await makeServerDirs('nginx')
    let runAs = '# Not root: the workers run as the current user.'
    if (runningAsRoot()) {
      const user = systemUser('www-data')
      await chown(dirs.data, user.uid, user.gid)
      runAs = `user ${user.name};`
    }
    let access = '      # No authentication.'
    if (options.digestAuth !== undefined) throw new Error('nginx cannot require Digest authentication here (Apache and lighttpd can)')
    if (options.basicAuth !== undefined) {
      const htpasswd = findExecutable('htpasswd')
      if (htpasswd === undefined) throw new Error('nginx basicAuth needs htpasswd (apt package apache2-utils)')
      const file = join(dirs.conf, 'htpasswd')
      await writeHtpasswd(htpasswd, file, options.basicAuth.username, options.basicAuth.password)
      access = await renderTemplate('nginx/basic-auth.conf', { HTPASSWD_FILE: file })
    }
    const cors =
      options.cors === true
        ? await renderTemplate('nginx/cors.conf', {
            ALLOW_METHODS: corsAllowMethods,
            ALLOW_HEADERS: corsAllowHeaders,
            EXPOSE_HEADERS: corsExposeHeaders,
          })
        : '      # CORS off.'
    const config = await renderTemplate('nginx/nginx.conf', {
      DAV_EXT_MODULE: nginxDavExtModule,
      RUN_AS: runAs,
      CONF_DIR: dirs.conf,
      DATA_DIR: dirs.data,
      PORT: String(port),
      ACCESS: access,
      CORS: cors,
    })
    const configFile = join(dirs.conf, 'nginx.conf')
    await writeFile(configFile, config)
    const errorLogPath = join(dirs.conf, 'error.log')
    return launch({
      name: 'nginx',
      command: nginx,
      args: ['-p', `${dirs.conf}/`, '-c', configFile, '-e', errorLogPath, '-g', 'daemon off;'],
      dirs,
      url: `http://127.0.0.1:${port}/`,
      errorLogPath,
    })
  })
}
