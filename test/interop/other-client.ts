import { decodeMultiStatus } from '../../packages/client/src/multistatus/index.ts'
import type { LockObservation, Observation } from './actions.ts'
import type { Observed } from './expectation.ts'
import { scenarioPath } from './observe.ts'

/** Per-request time limit of the setup requests. */
const requestTimeoutMs = 10_000

/** Percent-encodes each segment of a decoded relative path once. */
export function encodeRelativePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

async function send(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(requestTimeoutMs) })
  await response.arrayBuffer()
  return response
}

function statusOnly(response: Response): Observation {
  return { outcome: { status: response.status }, detail: { status: response.status } }
}

/**
 * Steps the client cannot do yet (PUT, MKCOL, DELETE, LOCK, UNLOCK), as plain fetch requests
 * observed by their status. LOCK is always "another client": a separate request with its own
 * owner, whose token only the steps that name it submit.
 */
export class FetchSetup {
  readonly #root: string

  /** @param root base URL of the DAV root, ending with `/` */
  constructor(root: string) {
    this.#root = root
  }

  url(path: string): string {
    return this.#root + encodeRelativePath(path)
  }

  async mkcol(path: string): Promise<Observation> {
    return statusOnly(await send(this.url(path), { method: 'MKCOL' }))
  }

  async put(path: string, body: string, lockToken: string | undefined): Promise<Observation> {
    const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' }
    if (lockToken !== undefined) headers['If'] = `(<${lockToken}>)`
    return statusOnly(await send(this.url(path), { method: 'PUT', body, headers }))
  }

  async lock(path: string, owner: string, depth: 0 | 'infinity' | undefined): Promise<LockObservation> {
    const body =
      '<?xml version="1.0" encoding="utf-8"?>' +
      '<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>' +
      `<D:owner>${escapeXml(owner)}</D:owner></D:lockinfo>`
    const response = await send(this.url(path), {
      method: 'LOCK',
      body,
      headers: {
        'Content-Type': 'application/xml; charset=utf-8',
        Depth: String(depth ?? 'infinity'),
        Timeout: 'Second-600',
      },
    })
    const header = response.headers.get('lock-token')
    const token = header === null ? undefined : header.trim().replace(/^<(.*)>$/, '$1')
    const outcome = { status: response.status, lockToken: token === undefined ? 'absent' : 'present' }
    return { outcome, detail: outcome, token }
  }

  /**
   * DELETE, observed by its status. A multistatus body (a partial failure) is decoded with the
   * client's decoder into the failed members.
   */
  async delete(path: string, rootPath: string): Promise<Observation> {
    const url = this.url(path)
    const response = await fetch(url, { method: 'DELETE', signal: AbortSignal.timeout(requestTimeoutMs) })
    const body = await response.text()
    if (!/<([\w.-]+:)?multistatus[\s>]/.test(body)) return statusOnly(response)
    const multistatus = decodeMultiStatus(body, { requestUrl: url })
    const members: Record<string, Observed> = {}
    for (const entry of multistatus.responses) {
      if (entry.kind !== 'status') continue
      const status = entry.status.kind === 'status' ? entry.status.code : `status-problem: ${entry.status.problem}`
      for (const href of entry.hrefs) members[scenarioPath(href.path, rootPath)] = status
    }
    const outcome = { status: response.status, members }
    return { outcome, detail: outcome }
  }

  async unlock(path: string, token: string): Promise<Observation> {
    return statusOnly(await send(this.url(path), { method: 'UNLOCK', headers: { 'Lock-Token': `<${token}>` } }))
  }
}
