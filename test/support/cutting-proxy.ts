import { connect, createServer, type Server, type Socket } from 'node:net'

/** Which way bytes flow through the proxy: from the server to the client, or from the client to the server. */
export type ProxyDirection = 'downstream' | 'upstream'

/** A cut to make: the connection is destroyed once `afterBytes` bytes have gone through in `direction`. */
export interface ProxyCut {
  /** Bytes let through in that direction on the connection (HTTP head included) before both sockets are destroyed. */
  readonly afterBytes: number
  /** Default `'downstream'`. */
  readonly direction?: ProxyDirection
  /**
   * Which connection: its number in the order the proxy accepted them, from 1, or `'every'` one
   * accepted from now on. Default: the next one accepted.
   */
  readonly connection?: number | 'every'
}

/** What went through one connection. */
export interface ProxyConnectionRecord {
  /** Number in the order accepted, from 1. */
  readonly index: number
  upstreamBytes: number
  downstreamBytes: number
  /** The direction this connection was cut in, if it was. */
  cut: ProxyDirection | undefined
}

/** A running proxy. */
export interface CuttingProxy {
  /** `http://127.0.0.1:<port>` of the proxy. */
  readonly origin: string
  readonly port: number
  /** The same URL with the proxy's origin in place of the target's. */
  through(url: string): string
  /** Arms a cut (several may be armed; each connection takes the first that applies to it). */
  cut(plan: ProxyCut): void
  /** Disarms every cut. */
  clearCuts(): void
  /** Connections accepted so far, oldest first. */
  readonly connections: readonly ProxyConnectionRecord[]
  /** Bytes forwarded from clients to the server, over every connection. */
  readonly upstreamBytes: number
  /** Bytes forwarded from the server to clients, over every connection. */
  readonly downstreamBytes: number
  /** Stops accepting, destroys open connections. */
  close(): Promise<void>
}

interface ArmedCut {
  readonly afterBytes: number
  readonly direction: ProxyDirection
  readonly connection: number | 'every'
}

/**
 * A loopback TCP proxy in front of `target` (`http://127.0.0.1:port/...`) that forwards bytes both
 * ways, counts them, and destroys chosen connections after a given number of bytes in one direction,
 * as a dropped link would. Backpressure is kept: a slow reader slows the other side down.
 */
export async function startCuttingProxy(target: string): Promise<CuttingProxy> {
  const targetUrl = new URL(target)
  const targetPort = Number(targetUrl.port || 80)
  const targetHost = targetUrl.hostname.replace(/^\[|\]$/g, '')
  const cuts: ArmedCut[] = []
  const records: ProxyConnectionRecord[] = []
  const open = new Set<Socket>()
  let upstreamTotal = 0
  let downstreamTotal = 0

  function takeCut(index: number, direction: ProxyDirection): number | undefined {
    const position = cuts.findIndex((cut) => cut.direction === direction && (cut.connection === 'every' || cut.connection === index))
    const cut = cuts[position]
    if (cut === undefined) return undefined
    if (cut.connection !== 'every') cuts.splice(position, 1)
    return cut.afterBytes
  }

  const server: Server = createServer((client) => {
    const record: ProxyConnectionRecord = { index: records.length + 1, upstreamBytes: 0, downstreamBytes: 0, cut: undefined }
    records.push(record)
    const upstream = connect(targetPort, targetHost)
    open.add(client)
    open.add(upstream)
    const destroyBoth = (): void => {
      client.destroy()
      upstream.destroy()
    }
    const relay = (from: Socket, to: Socket, direction: ProxyDirection): void => {
      let remaining = takeCut(record.index, direction)
      from.on('data', (chunk: Buffer) => {
        if (record.cut !== undefined) return
        let part = chunk
        if (remaining !== undefined && chunk.byteLength >= remaining) {
          part = chunk.subarray(0, remaining)
          record.cut = direction
          from.pause()
        } else if (remaining !== undefined) remaining -= chunk.byteLength
        if (direction === 'upstream') {
          record.upstreamBytes += part.byteLength
          upstreamTotal += part.byteLength
        } else {
          record.downstreamBytes += part.byteLength
          downstreamTotal += part.byteLength
        }
        if (record.cut !== undefined) {
          // The bytes before the cut are flushed first, then the link goes away without a clean end.
          to.write(part, destroyBoth)
          return
        }
        if (!to.write(part)) {
          from.pause()
          to.once('drain', () => from.resume())
        }
      })
      from.on('end', () => {
        if (record.cut === undefined) to.end()
      })
    }
    relay(client, upstream, 'upstream')
    relay(upstream, client, 'downstream')
    for (const socket of [client, upstream]) {
      socket.on('error', destroyBoth)
      socket.on('close', () => {
        open.delete(socket)
        if (record.cut === undefined && socket.destroyed) {
          // One side gone for good: take the other down once what it has to write is flushed.
          const other = socket === client ? upstream : client
          if (!other.writableEnded) other.end()
        }
      })
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address')
  const origin = `http://127.0.0.1:${address.port}`
  return {
    origin,
    port: address.port,
    through(url) {
      const parsed = new URL(url)
      return `${origin}${parsed.pathname}${parsed.search}`
    },
    cut(plan) {
      if (!Number.isSafeInteger(plan.afterBytes) || plan.afterBytes < 0)
        throw new RangeError(`a cut needs a whole number of bytes >= 0, got ${plan.afterBytes}`)
      cuts.push({
        afterBytes: plan.afterBytes,
        direction: plan.direction ?? 'downstream',
        connection: plan.connection ?? records.length + 1,
      })
    },
    clearCuts() {
      cuts.length = 0
    },
    get connections() {
      return records
    },
    get upstreamBytes() {
      return upstreamTotal
    },
    get downstreamBytes() {
      return downstreamTotal
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
