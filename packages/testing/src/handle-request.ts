import { evaluateIf } from './conditions/evaluate-if.ts'
import { parseIfHeader, submittedTokens } from './conditions/if-header.ts'
import type { AuthGate } from './auth/server-auth.ts'
import type { RequestContext, ServerState } from './context.ts'
import { cutResponse } from './faults/cut-response.ts'
import type { Faults, TriggeredFaults } from './faults/faults.ts'
import type { Journal } from './journal.ts'
import { copyMethod, moveMethod } from './methods/copy-move.ts'
import { deleteMethod } from './methods/delete.ts'
import { get } from './methods/get.ts'
import { lockMethod } from './methods/lock.ts'
import { mkcol } from './methods/mkcol.ts'
import { ALLOWED_METHODS, options } from './methods/options.ts'
import { propfind } from './methods/propfind.ts'
import { proppatch } from './methods/proppatch.ts'
import { put } from './methods/put.ts'
import { report } from './methods/report.ts'
import { unlockMethod } from './methods/unlock.ts'
import { DavNetworkError } from './network-error.ts'
import { sabrePatch } from './uploads/sabre-patch.ts'
import { plain } from './responses.ts'
import { parsePlainPath, pathKey, toStorePath } from './store/paths.ts'
import { handleUploadMechanisms } from './uploads/upload-routes.ts'

type MethodHandler = (ctx: RequestContext) => Response | Promise<Response>

const METHODS: Readonly<Record<string, MethodHandler>> = {
  OPTIONS: options,
  GET: get,
  HEAD: get,
  PUT: put,
  DELETE: deleteMethod,
  MKCOL: mkcol,
  PROPFIND: propfind,
  PROPPATCH: proppatch,
  COPY: copyMethod,
  MOVE: moveMethod,
  LOCK: lockMethod,
  UNLOCK: unlockMethod,
  REPORT: report,
  PATCH: sabrePatch,
}

function headersObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value
  })
  return out
}

const bodyDecoder = new TextDecoder()

/** Methods whose handlers see a body cut by a fault; the others are not called with one (nothing is written). */
const CUT_BODY_METHODS: ReadonlySet<string> = new Set(['PUT', 'PATCH', 'POST'])

/** Applies a content change a fault armed, once the request it waited for has been answered. */
function changeContent(state: ServerState, fault: TriggeredFaults['changeContent']): void {
  if (fault === undefined) return
  const path = parsePlainPath(fault.action.path)
  const { store } = state
  const existing = store.get(path)
  if (existing?.kind === 'file') store.writeContent(existing, fault.action.content.slice(), undefined)
  else if (existing === undefined && store.parentCollection(path) !== undefined)
    store.attach(path, store.newFile(fault.action.content.slice(), 'application/octet-stream'))
}

async function dispatch(
  state: ServerState,
  request: Request,
  url: URL,
  method: string,
  body: Uint8Array,
  bodyCut: boolean,
): Promise<Response> {
  // Upload mechanisms that are on answer their own URLs (TUS's, Nextcloud's upload folders) first.
  const upload = handleUploadMechanisms({ state, request, url, method, body, bodyCut })
  if (upload !== undefined) return upload
  const mapped = toStorePath(url.pathname, state.basePath)
  if (!mapped.ok)
    return mapped.error === 'outside-base'
      ? plain(404, 'Not Found\n')
      : plain(400, `The request path is not acceptable (${mapped.error}).\n`)
  const handler = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined
  if (handler === undefined) return plain(501, `${method} is not implemented.\n`, { Allow: ALLOWED_METHODS.join(', ') })
  if (bodyCut && !CUT_BODY_METHODS.has(method)) return plain(400, 'The request body was cut.\n')
  // A file does not answer to a collection URL (`/a.txt/`), as on Apache.
  if (mapped.trailingSlash && mapped.path.length > 0 && state.store.get(mapped.path)?.kind === 'file') return plain(404, 'Not Found\n')
  state.locks.purge()
  const ifHeader = request.headers.get('If')
  const parsedIf = ifHeader === null ? undefined : parseIfHeader(ifHeader)
  if (parsedIf !== undefined && !parsedIf.ok) return plain(400, `Malformed If header: ${parsedIf.reason}.\n`)
  const ctx: RequestContext = {
    state,
    request,
    url,
    method,
    path: mapped.path,
    trailingSlash: mapped.trailingSlash,
    body,
    bodyCut,
    submittedTokens: parsedIf === undefined ? new Set() : submittedTokens(parsedIf.groups),
  }
  if (parsedIf !== undefined && !evaluateIf(ctx, parsedIf.groups)) return plain(412, 'The If header evaluated to false.\n')
  return handler(ctx)
}

/** The parts of a server the request core works with. */
export interface CoreParts {
  readonly state: ServerState
  /** Credentials every request must carry, when the server requires them. */
  readonly auth?: AuthGate | undefined
  readonly journal: Journal
  readonly faults: Faults
}

/**
 * Creates the `(Request) => Promise<Response>` core: faults, then the WebDAV method over the store,
 * every request recorded in the journal. Unexpected failures become 500 responses, never a crash.
 */
export function createHandler(parts: CoreParts): (request: Request) => Promise<Response> {
  const { state, journal, faults, auth } = parts
  return async (request) => {
    const url = new URL(request.url)
    const method = request.method.toUpperCase()
    const mapped = toStorePath(url.pathname, state.basePath)
    const path = mapped.ok ? pathKey(mapped.path) : undefined
    let body: Uint8Array
    try {
      body = new Uint8Array(await request.arrayBuffer())
    } catch {
      body = new Uint8Array()
    }
    const triggered = faults.take(method, path)
    const cutAt = triggered.cutRequest?.action.afterBytes
    const bodyCut = cutAt !== undefined && cutAt < body.byteLength
    if (bodyCut) body = body.slice(0, cutAt)
    const entry = {
      method,
      url: request.url,
      path,
      headers: headersObject(request.headers),
      body: bodyDecoder.decode(body),
      at: state.now(),
    }
    if (triggered.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, triggered.latencyMs))
    const answer = triggered.answer
    if (answer?.action.kind === 'network-error') {
      journal.record({ ...entry, status: 'network-error', responseHeaders: {}, fault: answer.label })
      throw new DavNetworkError(`Simulated network error for ${method} ${request.url}`)
    }
    let response: Response
    const gate = auth?.check(request, body)
    if (gate !== undefined && 'refused' in gate) {
      response = gate.refused
    } else if (answer?.action.kind === 'status') {
      response = plain(answer.action.status, answer.action.body === '' ? undefined : answer.action.body, { ...answer.action.headers })
    } else {
      try {
        response = await dispatch(state, request, url, method, body, bodyCut)
      } catch (error) {
        response = plain(500, `Internal error of the fake server: ${error instanceof Error ? error.message : String(error)}\n`)
      }
    }
    if (gate !== undefined && 'headers' in gate) for (const [name, value] of Object.entries(gate.headers)) response.headers.set(name, value)
    changeContent(state, triggered.changeContent)
    const labels = [answer, triggered.cutRequest, triggered.cutResponse, triggered.changeContent].flatMap((fault) =>
      fault === undefined ? [] : [fault.label],
    )
    const fault = labels.length === 0 ? undefined : labels.join(', ')
    if (triggered.cutRequest !== undefined) {
      // The connection dropped while the body was coming in: whatever the handler did, no answer leaves.
      journal.record({ ...entry, status: 'network-error', responseHeaders: {}, fault })
      throw new DavNetworkError(`Simulated connection loss for ${method} ${request.url}: ${triggered.cutRequest.label}`)
    }
    if (triggered.cutResponse !== undefined && method !== 'HEAD')
      response = await cutResponse(response, triggered.cutResponse.action.afterBytes, triggered.cutResponse.label)
    journal.record({ ...entry, status: response.status, responseHeaders: headersObject(response.headers), fault })
    return response
  }
}
