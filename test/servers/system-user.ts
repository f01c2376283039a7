import { readFileSync } from 'node:fs'
import { spawn } from 'node:child_process'

/** A system account's numeric ids. */
export interface SystemUser {
  readonly name: string
  readonly uid: number
  readonly gid: number
}

/** True when the test process runs as root (servers then drop privileges to an unprivileged user). */
export function runningAsRoot(): boolean {
  return process.getuid?.() === 0
}

/** Looks `name` up in /etc/passwd; throws when it is not there. */
export function systemUser(name: string): SystemUser {
  const passwd = readFileSync('/etc/passwd', 'utf8')
  for (const line of passwd.split('\n')) {
    const fields = line.split(':')
    if (fields[0] !== name) continue
    const uid = Number(fields[2])
    const gid = Number(fields[3])
    if (Number.isInteger(uid) && Number.isInteger(gid)) return { name, uid, gid }
  }
  throw new Error(`no user ${name} in /etc/passwd: the server needs it to drop root privileges`)
}

/**
 * Writes an htpasswd file with one bcrypt entry, using Apache's `htpasswd`. The password goes
 * through stdin, never the command line, and is never quoted in errors.
 */
export function writeHtpasswd(htpasswd: string, file: string, username: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(htpasswd, ['-c', '-i', '-B', file, username], { stdio: ['pipe', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8')
    })
    child.once('error', (error) => reject(new Error(`htpasswd: ${error.message}`)))
    child.once('exit', (code) => {
      if (code === 0) resolve()
      else reject(new Error(`htpasswd exited with ${code}: ${stderr.trim()}`))
    })
    child.stdin.end(`${password}\n`)
  })
}
