import type { LockObservation, Observation } from './actions.ts'

/** Per-request time limit of the other client's requests. */
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

/**
 * "Another client" of the scenarios: plain fetch LOCK and UNLOCK requests with their own owner,
 * independent of the client under test, whose lock tokens only the steps that name them submit.
 */
export class OtherClient {
  readonly #root: string

  /** @param root base URL of the DAV root, ending with `/` */
  constructor(root: string) {
    this.#root = root
  }

  url(path: string): string {
    return this.#root + encodeRelativePath(path)
  }

  /** An exclusive write lock, `Depth` as given (infinity by default), 600 s. */
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

  async unlock(path: string, token: string): Promise<Observation> {
    const response = await send(this.url(path), { method: 'UNLOCK', headers: { 'Lock-Token': `<${token}>` } })
    return { outcome: { status: response.status }, detail: { status: response.status } }
  }
}
