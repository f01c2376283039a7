import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { TransferCounts, TransferFileSpec } from './transfer-server.ts'

const SERVER = fileURLToPath(new URL('./transfer-server.ts', import.meta.url))
const CONTROL_PATH = '_control/files'
// Duplicated from transfer-server.ts rather than imported, so that a client process loads no server code.
const READY = 'TRANSFER-SERVER '

function controlUrl(serverUrl: string, path?: string): URL {
  const url = new URL(CONTROL_PATH, serverUrl)
  if (path !== undefined) url.searchParams.set('path', path)
  return url
}

/** Registers a file for one run (its size, cuts and direction), replacing any earlier state of that path. */
export async function registerTransferFile(serverUrl: string, spec: TransferFileSpec): Promise<void> {
  const response = await fetch(controlUrl(serverUrl), { method: 'POST', body: JSON.stringify(spec) })
  if (response.status !== 204) throw new Error(`registering ${spec.path}: status ${response.status}`)
}

/** What the server counted for a file. */
export async function transferCounts(serverUrl: string, path: string): Promise<TransferCounts> {
  const response = await fetch(controlUrl(serverUrl, path))
  if (response.status !== 200) throw new Error(`counts of ${path}: status ${response.status}`)
  return (await response.json()) as TransferCounts
}

/** Lets the server forget a file. */
export async function forgetTransferFile(serverUrl: string, path: string): Promise<void> {
  await (await fetch(controlUrl(serverUrl, path), { method: 'DELETE' })).arrayBuffer()
}

/** A transfer server in a child process. */
export interface TransferServerProcess {
  readonly url: string
  /** The child's peak RSS is not measured: the server is not what the targets are about. */
  close(): Promise<void>
}

/** Starts `transfer-server.ts` in its own Node process and waits for its URL. */
export function spawnTransferServer(): Promise<TransferServerProcess> {
  const child = spawn(process.execPath, [SERVER], { stdio: ['pipe', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: string): void => {
      output += chunk
      const line = output.split('\n').find((candidate) => candidate.startsWith(READY))
      if (line === undefined) return
      child.stdout.off('data', onData)
      resolve({
        url: line.slice(READY.length).trim(),
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) {
              done()
              return
            }
            child.once('exit', () => done())
            child.stdin.end()
          }),
      })
    }
    child.stdout.setEncoding('utf8').on('data', onData)
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`the transfer server exited with code ${String(code)} before listening`)))
  })
}
