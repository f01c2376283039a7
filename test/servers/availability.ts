import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import type { ServerName } from './types.ts'

/** Everything a server (or litmus) needs on disk: its executable and, for some, a module file. */
interface Requirement {
  readonly executable: string
  readonly files: readonly string[]
  readonly aptPackages: string
}

/** Where Debian's packages put the modules the launchers load. */
export const apacheModulesDir = '/usr/lib/apache2/modules'
export const lighttpdModulesDir = '/usr/lib/lighttpd'
export const nginxDavExtModule = '/usr/lib/nginx/modules/ngx_http_dav_ext_module.so'

const requirements: Readonly<Record<ServerName | 'litmus', Requirement>> = {
  apache: {
    executable: 'apache2',
    files: [`${apacheModulesDir}/mod_dav.so`, `${apacheModulesDir}/mod_dav_fs.so`],
    aptPackages: 'apache2',
  },
  lighttpd: {
    executable: 'lighttpd',
    files: [`${lighttpdModulesDir}/mod_webdav.so`],
    aptPackages: 'lighttpd lighttpd-mod-webdav',
  },
  nginx: {
    executable: 'nginx',
    files: [nginxDavExtModule],
    aptPackages: 'nginx-light libnginx-mod-http-dav-ext',
  },
  rclone: { executable: 'rclone', files: [], aptPackages: 'rclone' },
  litmus: { executable: 'litmus', files: [], aptPackages: 'litmus' },
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function exists(path: string): boolean {
  try {
    accessSync(path, constants.R_OK)
    return true
  } catch {
    return false
  }
}

/** The absolute path of `command` on `PATH` (plus the sbin directories), or undefined. */
export function findExecutable(command: string): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin']
  for (const dir of dirs) {
    if (dir === '') continue
    const candidate = join(dir, command)
    if (isExecutable(candidate)) return candidate
  }
  return undefined
}

/** Why `name` cannot run on this machine, or undefined when everything it needs is installed. */
export function missingReason(name: ServerName | 'litmus'): string | undefined {
  const requirement = requirements[name]
  const missing: string[] = []
  if (findExecutable(requirement.executable) === undefined) missing.push(`${requirement.executable} (not on PATH)`)
  for (const file of requirement.files) if (!exists(file)) missing.push(file)
  if (missing.length === 0) return undefined
  return `${name} is not installed: missing ${missing.join(', ')}; install the apt packages ${requirement.aptPackages} (scripts/install-system-packages.sh)`
}

/** True when everything `name` needs is installed. */
export function serverAvailable(name: ServerName | 'litmus'): boolean {
  return missingReason(name) === undefined
}

/**
 * The reason to skip tests that need `name`, or undefined to run them. In CI (`process.env.CI`
 * set) nothing is skipped: a missing server then fails the tests that need it, with the reason.
 */
export function skipReason(name: ServerName | 'litmus'): string | undefined {
  if (process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false') return undefined
  return missingReason(name)
}

/** Throws a clear error when `name` is not installed. The launchers call this first. */
export function requireServer(name: ServerName | 'litmus'): string {
  const reason = missingReason(name)
  if (reason !== undefined) throw new Error(reason)
  const path = findExecutable(requirements[name].executable)
  if (path === undefined) throw new Error(`${name}: executable vanished`)
  return path
}
