import { createDavServer } from '../../packages/testing/src/index.ts'
import { listen } from '../../packages/testing/src/node/index.ts'
import { skipReason } from '../servers/availability.ts'
import { startServer, serverNames } from '../servers/start-server.ts'
import type { ServerName } from '../servers/types.ts'

/** The servers of the interop matrix: the four real ones and the fake server's Node adapter. */
export type TargetName = ServerName | 'fake'

/** Every target, in matrix column order. */
export const targetNames: readonly TargetName[] = ['apache', 'fake', ...serverNames.filter((name) => name !== 'apache')]

/** A started target. */
export interface RunningTarget {
  readonly name: TargetName
  /** Base URL of the DAV root, ending with `/`. */
  readonly url: string
  stop(): Promise<void>
}

/** Why `name` cannot run here (undefined: it can, or CI requires it). */
export function targetSkipReason(name: TargetName): string | undefined {
  return name === 'fake' ? undefined : skipReason(name)
}

/**
 * Starts `name` with its defaults: Apache keeps `DavDepthInfinity Off`, the fake server its
 * default options; no authentication, no CORS.
 */
export async function startTarget(name: TargetName): Promise<RunningTarget> {
  if (name === 'fake') {
    const http = await listen(createDavServer())
    return { name, url: http.url, stop: () => http.close() }
  }
  const server = await startServer(name)
  return { name, url: server.url, stop: () => server.stop() }
}
