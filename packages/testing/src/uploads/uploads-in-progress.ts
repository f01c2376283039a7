import type { ServerState } from '../context.ts'

/**
 * A table of the uploads in progress on each server, by id, made when a server first asks for it
 * and dropped with the server's state.
 */
export function uploadsInProgress<T>(): (state: ServerState) => Map<string, T> {
  const tables = new WeakMap<ServerState, Map<string, T>>()
  return (state) => {
    let table = tables.get(state)
    if (table === undefined) {
      table = new Map()
      tables.set(state, table)
    }
    return table
  }
}
