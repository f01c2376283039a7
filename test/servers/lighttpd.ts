import { createHash } from 'node:crypto'
import { chown, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { findExecutable, lighttpdModulesDir, requireServer } from './availability.ts'
import { corsAllowHeaders, corsAllowMethods, corsExposeHeaders } from './cors.ts'
import { launch, makeServerDirs, withFreePort } from './server-process.ts'
import { runningAsRoot, systemUser, writeHtpasswd } from './system-user.ts'
import { renderTemplate } from './template.ts'
import type { RunningServer, ServerOptions } from './types.ts'

/**
 * Starts lighttpd with mod_webdav (dead properties and locks in SQLite) on 127.0.0.1 and a free
 * port, serving a fresh temporary directory, from `servers/lighttpd/lighttpd.conf`. When run as
 * root, the server runs as www-data and its data and state (logs, database) directories belong to it.
 *
 * @example
 * const server = await startLighttpd()
 * try { await fetch(server.url, { method: 'OPTIONS' }) } finally { await server.stop() }
 */
export async function startLighttpd(options: ServerOptions = {}): Promise<RunningServer> {
  const lighttpd = requireServer('lighttpd')
  return withFreePort(async (port) => {
    const dirs = await makeServerDirs('lighttpd')
    const stateDir = join(dirs.root, 'state')
    await mkdir(stateDir)
    let runAs = '# Not root: the server runs as the current user.'
    if (runningAsRoot()) {
      const user = systemUser('www-data')
      await chown(dirs.data, user.uid, user.gid)
      await chown(stateDir, user.uid, user.gid)
      runAs = `server.username = "${user.name}"\nserver.groupname = "${user.name}"`
    }
    let access = '# No authentication.'
    if (options.basicAuth !== undefined) {
      const htpasswd = findExecutable('htpasswd')
      if (htpasswd === undefined) throw new Error('lighttpd basicAuth needs htpasswd (apt package apache2-utils)')
      const file = join(dirs.conf, 'htpasswd')
      await writeHtpasswd(htpasswd, file, options.basicAuth.username, options.basicAuth.password)
      access = await renderTemplate('lighttpd/basic-auth.conf', { HTPASSWD_FILE: file })
    }
    if (options.digestAuth !== undefined) {
      const { username, password, algorithm, userhash } = options.digestAuth
      // htdigest lines, user:realm:H(user:realm:password):H(user:realm), one per algorithm: lighttpd
      // finds a hashed username only by that fourth field (its plain backend has none).
      const file = join(dirs.conf, 'htdigest')
      const H = (hash: string, text: string): string => createHash(hash).update(text).digest('hex')
      const lines = ['md5', 'sha256'].map(
        (hash) => `${username}:davkit:${H(hash, `${username}:davkit:${password}`)}:${H(hash, `${username}:davkit`)}\n`,
      )
      await writeFile(file, lines.join(''), { mode: 0o644 })
      access = await renderTemplate('lighttpd/digest-auth.conf', {
        USER_FILE: file,
        ALGORITHM: algorithm ?? 'MD5',
        USERHASH: userhash === true ? ', "userhash" => "enable"' : '',
      })
    }
    const cors =
      options.cors === true
        ? await renderTemplate('lighttpd/cors.conf', {
            ALLOW_METHODS: corsAllowMethods,
            ALLOW_HEADERS: corsAllowHeaders,
            EXPOSE_HEADERS: corsExposeHeaders,
          })
        : '# CORS off.'
    const config = await renderTemplate('lighttpd/lighttpd.conf', {
      PORT: String(port),
      DATA_DIR: dirs.data,
      STATE_DIR: stateDir,
      RUN_AS: runAs,
      ACCESS: access,
      CORS: cors,
    })
    const configFile = join(dirs.conf, 'lighttpd.conf')
    await writeFile(configFile, config)
    return launch({
      name: 'lighttpd',
      command: lighttpd,
      args: ['-D', '-f', configFile, '-m', lighttpdModulesDir],
      dirs,
      url: `http://127.0.0.1:${port}/`,
      errorLogPath: join(stateDir, 'error.log'),
    })
  })
}
