/**
 * Serves the example page with a fake WebDAV server on another origin (CORS on), both on 127.0.0.1:
 *
 *   node --conditions=@davkit/source examples/browser-page/serve.ts   # prints the page's URL
 *
 * Also a module: browser tests call {@link startExamplePage} and drive the page, or call
 * `globalThis.davkitExample.listFolder` in it.
 */
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { createDavServer, type DavServer, type SeedTree } from '@davkit/testing'
import { listen } from '@davkit/testing/node'
import { build } from 'esbuild'

const here = fileURLToPath(new URL('.', import.meta.url))

/** Bundles `page.ts` for browsers (ESM). `@davkit/source` makes it use the workspace sources. */
export async function bundleExamplePage(): Promise<string> {
  const result = await build({
    entryPoints: [`${here}page.ts`],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2023',
    conditions: ['@davkit/source'],
    logLevel: 'silent',
  })
  const output = result.outputFiles[0]
  if (output === undefined) throw new Error('esbuild produced no output for page.ts')
  return output.text
}

/** The running page and fake server. */
export interface ExamplePage {
  /** The page, with `?server=` set to the fake server: it lists the root on load. */
  readonly pageUrl: string
  /** The fake WebDAV server's base URL (another origin than the page's). */
  readonly davUrl: string
  /** The fake server, to seed it or read its journal. */
  readonly dav: DavServer
  close(): Promise<void>
}

/** Sample content of the fake server. */
export const sampleTree: SeedTree = {
  Documents: { 'report.txt': 'yearly report', 'notes.md': '# Notes\n' },
  Photos: { 'cat.png': new Uint8Array([137, 80, 78, 71]) },
  'readme.txt': 'Listed by davkit in a browser.',
}

/** Starts the page server and the fake WebDAV server on free ports of 127.0.0.1. */
export async function startExamplePage(options: { readonly seed?: SeedTree; readonly port?: number } = {}): Promise<ExamplePage> {
  const [html, script] = await Promise.all([readFile(`${here}index.html`, 'utf8'), bundleExamplePage()])
  const dav = createDavServer({ seed: options.seed ?? sampleTree })
  const davHttp = await listen(dav, { cors: true })
  const assets: Record<string, { type: string; body: string }> = {
    '/': { type: 'text/html; charset=utf-8', body: html },
    '/index.html': { type: 'text/html; charset=utf-8', body: html },
    '/page.js': { type: 'text/javascript; charset=utf-8', body: script },
  }
  const server = createServer((request, response) => {
    request.resume()
    const asset = assets[new URL(request.url ?? '/', 'http://127.0.0.1').pathname]
    if (asset === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
      return
    }
    response
      .writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store' })
      .end(request.method === 'HEAD' ? undefined : asset.body)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    pageUrl: `http://127.0.0.1:${port}/?server=${encodeURIComponent(davHttp.url)}`,
    davUrl: davHttp.url,
    dav,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await davHttp.close()
    },
  }
}

if (import.meta.main) {
  const page = await startExamplePage({ port: Number(process.env.PORT ?? 0) })
  process.stdout.write(`${page.pageUrl}\n`)
  const stop = (): void => void page.close()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
