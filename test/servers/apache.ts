import { createHash } from 'node:crypto'
import { chown, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { apacheModulesDir, findExecutable, requireServer } from './availability.ts'
import { corsAllowHeaders, corsAllowMethods, corsExposeHeaders } from './cors.ts'
import { launch, makeServerDirs, withFreePort } from './server-process.ts'
import { runningAsRoot, systemUser, writeHtpasswd } from './system-user.ts'
import { renderTemplate } from './template.ts'
import type { ApacheOptions, RunningServer } from './types.ts'

/**
 * Starts Apache httpd with mod_dav/mod_dav_fs on 127.0.0.1 and a free port, serving a fresh
 * temporary directory, from the self-contained configuration `servers/apache/httpd.conf`.
 * When run as root, the server runs as www-data and its data and lock directories belong to it.
 *
 * @example
 * const server = await startApache({ depthInfinity: true })
 * try { await fetch(server.url, { method: 'OPTIONS' }) } finally { await server.stop() }
 */
export async function startApache(options: ApacheOptions = {}): Promise<RunningServer> {
  const apache2 = requireServer('apache')
  return withFreePort(async (port) => {
    const dirs = await makeServerDirs('apache')
    const lockDir = join(dirs.root, 'locks')
    await mkdir(lockDir)
    let runAs = '# Not root: the server runs as the current user.'
    if (runningAsRoot()) {
      const user = systemUser('www-data')
      await chown(dirs.data, user.uid, user.gid)
      await chown(lockDir, user.uid, user.gid)
      runAs = `User ${user.name}\nGroup #${user.gid}`
    }

    let access = await renderTemplate('apache/open-access.conf', {})
    const probeHeaders: Record<string, string> = {}
    if (options.basicAuth !== undefined) {
      const htpasswd = findExecutable('htpasswd')
      if (htpasswd === undefined) throw new Error('apache basicAuth needs htpasswd (apt package apache2-utils)')
      const file = join(dirs.conf, 'htpasswd')
      await writeHtpasswd(htpasswd, file, options.basicAuth.username, options.basicAuth.password)
      access = await renderTemplate('apache/basic-auth.conf', { HTPASSWD_FILE: file })
    }
    if (options.digestAuth !== undefined) {
      const { username, password } = options.digestAuth
      const file = join(dirs.conf, 'htdigest')
      // The htdigest format: user:realm:MD5(user:realm:password).
      const ha1 = createHash('md5').update(`${username}:davkit:${password}`).digest('hex')
      await writeFile(file, `${username}:davkit:${ha1}\n`, { mode: 0o644 })
      access = await renderTemplate('apache/digest-auth.conf', { HTDIGEST_FILE: file })
    }
    const cors =
      options.cors === true
        ? await renderTemplate('apache/cors.conf', {
            ALLOW_METHODS: corsAllowMethods,
            ALLOW_HEADERS: corsAllowHeaders,
            EXPOSE_HEADERS: corsExposeHeaders,
          })
        : '# CORS off.'

    const config = await renderTemplate('apache/httpd.conf', {
      CONF_DIR: dirs.conf,
      DATA_DIR: dirs.data,
      LOCK_DIR: lockDir,
      MODULES_DIR: apacheModulesDir,
      PORT: String(port),
      RUN_AS: runAs,
      DEPTH_INFINITY: options.depthInfinity === true ? 'On' : 'Off',
      ACCESS: access,
      CORS: cors,
    })
    const configFile = join(dirs.conf, 'httpd.conf')
    await writeFile(configFile, config)
    return launch({
      name: 'apache',
      command: apache2,
      args: ['-d', dirs.conf, '-f', configFile, '-DFOREGROUND'],
      dirs,
      url: `http://127.0.0.1:${port}/`,
      errorLogPath: join(dirs.conf, 'error.log'),
      probeHeaders,
    })
  })
}
