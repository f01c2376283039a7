import {
  DavkitError,
  HttpStatusError,
  createDavClient,
  rawProperty,
  removeProperty,
  setProperty,
  type DavClient,
} from '../../packages/client/src/index.ts'
import type { DavActions, LockObservation, Observation } from './actions.ts'
import type { Observed } from './expectation.ts'
import { conditionsOf, observePropfind, observeProppatch, observeTransfer } from './observe.ts'
import { observeContent, observeDelete, observeLock, observeUnlock } from './observe-content.ts'
import { OtherClient } from './other-client.ts'
import type { Depth, PatchInstruction } from './scenario.ts'
import { qname } from './xml-value.ts'

/** Per-request time limit of the client in the matrix. */
const clientTimeoutMs = 10_000

/**
 * What a method threw, as an observation: an `HttpStatusError` is the server's status (with the
 * conditions of its `DAV:error` body, if any); any other davkit error is its code. Anything else
 * is not an observation: it is rethrown (a bug in the suite or the client).
 */
function observeError(error: unknown): Observation {
  if (error instanceof HttpStatusError) {
    const conditions = conditionsOf(error.davError)
    const outcome: Observed = conditions.length === 0 ? { status: error.status } : { status: error.status, conditions }
    return { outcome, detail: { error: error.code, status: error.status, conditions } }
  }
  if (error instanceof DavkitError) {
    const outcome = { thrown: error.code }
    return { outcome, detail: outcome }
  }
  throw error
}

async function observing(run: () => Promise<Observation>): Promise<Observation> {
  try {
    return await run()
  } catch (error) {
    return observeError(error)
  }
}

/**
 * The scenario steps through `@davkit/client` (`createDavClient` with `propfind`, `proppatch`,
 * `copy`, `move`, `put`, `mkcol`, `delete`, `lock`, `unlock`). Only "another client" (a lock
 * held by someone else) is a plain fetch LOCK/UNLOCK with its own owner. Retries are off: the
 * matrix records first answers.
 */
export function createClientActions(root: string): DavActions {
  const dav: DavClient = createDavClient({ baseUrl: root, retry: false, timeoutMs: clientTimeoutMs })
  const other = new OtherClient(root)
  const rootPath = new URL(root).pathname

  return {
    mkcol: (path) => observing(async () => observeContent(await dav.mkcol(path), rootPath)),
    put: (path, body, token) =>
      observing(async () =>
        observeContent(
          await dav.put(path, body, {
            contentType: 'text/plain; charset=utf-8',
            ...(token === undefined ? {} : { lockToken: token }),
          }),
          rootPath,
        ),
      ),
    delete: (path) => observing(async () => observeDelete(await dav.delete(path), rootPath)),
    lock: async (path, owner, depth): Promise<LockObservation> => {
      try {
        return observeLock(await dav.lock(path, { owner, timeout: 600, ...(depth === undefined ? {} : { depth }) }))
      } catch (error) {
        return { ...observeError(error), token: undefined }
      }
    },
    unlock: (path, token) => observing(async () => observeUnlock(await dav.unlock(path, token))),
    // Another client: a separate plain LOCK/UNLOCK with its own owner.
    otherLock: (path, owner, depth) => other.lock(path, owner, depth),
    otherUnlock: (path, token) => other.unlock(path, token),

    propfind: (path: string, depth: Depth, props: readonly string[]) =>
      observing(async () => {
        const codecs = Object.fromEntries(props.map((name) => [name, rawProperty(qname(name))]))
        return observePropfind(await dav.propfind(path, { depth, props: codecs }), rootPath)
      }),

    proppatch: (path: string, instructions: readonly PatchInstruction[]) =>
      observing(async () => {
        const encoded = instructions.map((instruction) =>
          'set' in instruction
            ? setProperty(
                qname(instruction.set),
                instruction.value.map((node) => (typeof node === 'string' ? { kind: 'text' as const, text: node } : node)),
              )
            : removeProperty(qname(instruction.remove)),
        )
        return observeProppatch(await dav.proppatch(path, encoded), rootPath)
      }),

    copy: (from, to, depth, overwrite) =>
      observing(async () => {
        const options = { ...(depth === undefined ? {} : { depth }), ...(overwrite === undefined ? {} : { overwrite }) }
        return observeTransfer(await dav.copy(from, to, options), rootPath)
      }),

    move: (from, to, overwrite) =>
      observing(async () => observeTransfer(await dav.move(from, to, overwrite === undefined ? {} : { overwrite }), rootPath)),
  }
}
