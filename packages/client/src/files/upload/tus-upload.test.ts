import { describe, expect, test } from 'vitest'
import { bytesChunkSource, patternBytes } from '../../../test/support/bytes-chunk-source.ts'
import { uploadHarness } from '../../../test/support/upload-harness.ts'
import { FileOperationError } from '../file-operation-error.ts'
import { tusUpload } from './tus-upload.ts'

const SIZE = 10_000
const CHUNK = 1024

function setup() {
  const h = uploadHarness({ uploads: { tus: true }, seed: { docs: {} } })
  const methods = () => h.sent.map((s) => s.method)
  return { h, methods }
}

function stored(h: ReturnType<typeof setup>['h'], path = '/docs/big.bin'): Uint8Array | undefined {
  return h.server.read(path)?.content
}

describe('tusUpload.offered', () => {
  const caps = (headers: Record<string, string>) => ({ dav: ['1', '2'], headers: new Headers(headers) })
  test('Tus-Resumable 1.0.0 (or Tus-Version listing it) with creation', () => {
    const url = new URL('https://dav.test/docs/a')
    expect(tusUpload.offered(caps({ 'Tus-Resumable': '1.0.0', 'Tus-Extension': 'creation,termination' }), url)).toBe(true)
    expect(tusUpload.offered(caps({ 'Tus-Version': '0.2.2, 1.0.0', 'Tus-Extension': 'creation' }), url)).toBe(true)
  })
  test('not without creation, nor for another version, nor without Tus headers', () => {
    const url = new URL('https://dav.test/docs/a')
    expect(tusUpload.offered(caps({ 'Tus-Resumable': '1.0.0', 'Tus-Extension': 'termination' }), url)).toBe(false)
    expect(tusUpload.offered(caps({ 'Tus-Resumable': '0.2.2', 'Tus-Extension': 'creation' }), url)).toBe(false)
    expect(tusUpload.offered(caps({}), url)).toBe(false)
  })
})

describe('tusUpload over @davkit/testing', () => {
  test('creation at the folder, PATCHes of chunkSize at the confirmed offset, the file written whole', async () => {
    const { h, methods } = setup()
    const bytes = patternBytes(SIZE)
    const source = bytesChunkSource(bytes)
    const plan = h.plan('docs/big.bin', source, { chunkSize: CHUNK })
    const done = await tusUpload.upload(plan)
    expect(stored(h)).toEqual(bytes)
    expect(done).toEqual({ size: SIZE, bytesSent: SIZE, resumes: 0, etag: undefined })
    expect(methods()).toEqual(['OPTIONS', 'POST', ...Array(Math.ceil(SIZE / CHUNK)).fill('PATCH')])
    const post = h.sent[1]
    expect(post?.url).toBe('https://dav.test/docs/')
    expect(post?.headers.get('upload-length')).toBe(String(SIZE))
    expect(post?.headers.get('upload-metadata')).toContain(`filename ${btoa('big.bin')}`)
    expect(h.sent[2]?.headers.get('content-type')).toBe('application/offset+octet-stream')
    expect(h.sent.slice(2).map((s) => s.headers.get('upload-offset'))).toEqual(
      Array.from({ length: Math.ceil(SIZE / CHUNK) }, (_, i) => String(i * CHUNK)),
    )
    // Progress is what the server confirmed, rising to the size, never repeated.
    const loaded = plan.progress.map((p) => p.loaded)
    expect(loaded.at(-1)).toBe(SIZE)
    expect([...loaded].sort((a, b) => a - b)).toEqual(loaded)
    expect(new Set(loaded).size).toBe(loaded.length)
    expect(source.largestRead).toBe(CHUNK)
  })

  test.each([
    ['the very first byte', 2, 0],
    ['one byte in', 2, 1],
    ['mid-chunk', 4, 500],
    ['one byte short of the chunk', 5, CHUNK - 1],
    ['the last byte of the file', 11, SIZE - 9 * CHUNK - 1],
  ])('a PATCH cut at %s resumes from the HEAD offset, the file byte-identical', async (_name, at, cut) => {
    const { h, methods } = setup()
    const bytes = patternBytes(SIZE)
    h.intercept = (_r, index) => (index === at ? { cut } : 'pass')
    const done = await tusUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes, { stream: true }), { chunkSize: CHUNK }))
    expect(stored(h)).toEqual(bytes)
    expect(done.resumes).toBe(1)
    expect(methods()[at + 1]).toBe('HEAD')
    // What the server kept is not sent again: only the part of the cut chunk it did not get.
    expect(done.bytesSent).toBe(SIZE + (h.sent[at]?.size ?? 0) - cut)
    const head = h.server.journal.entries.find((e) => e.method === 'HEAD')
    expect(head?.responseHeaders['upload-offset']).toBe(String((at - 2) * CHUNK + cut))
  })

  test('cutRequestBody on a PATCH: the fake keeps the bytes that arrived, as TUS servers do, and the rest follows', async () => {
    const { h, methods } = setup()
    const bytes = patternBytes(SIZE)
    h.server.faults.cutRequestBody(300, { method: 'PATCH', path: /^\/\.tus\// })
    const done = await tusUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes, { stream: true }), { chunkSize: CHUNK }))
    expect(stored(h)).toEqual(bytes)
    expect(methods().slice(0, 5)).toEqual(['OPTIONS', 'POST', 'PATCH', 'HEAD', 'PATCH'])
    expect(h.sent[4]?.headers.get('upload-offset')).toBe('300')
    expect(done).toMatchObject({ resumes: 1, bytesSent: SIZE + CHUNK - 300 })
  })

  test('a PATCH whose answer is lost is not sent again: the HEAD shows the server took it', async () => {
    const { h } = setup()
    const bytes = patternBytes(SIZE)
    h.intercept = (_r, index) => (index === 3 ? 'lose' : 'pass')
    const done = await tusUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes), { chunkSize: CHUNK }))
    expect(stored(h)).toEqual(bytes)
    expect(done.bytesSent).toBe(SIZE)
    expect(h.sent.filter((s) => s.method === 'PATCH' && s.headers.get('upload-offset') === String(CHUNK))).toHaveLength(1)
  })

  test.each([
    ['known', false],
    ['unknown', true],
  ])('the last PATCH answer lost (%s size): the HEAD shows everything held, nothing is sent again', async (_name, stream) => {
    const { h, methods } = setup()
    const bytes = patternBytes(SIZE)
    h.intercept = (request) => (request.method === 'PATCH' && h.sent.length === 12 ? 'lose' : 'pass')
    const done = await tusUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes, { stream }), { chunkSize: CHUNK }))
    expect(stored(h)).toEqual(bytes)
    expect(methods().slice(-2)).toEqual(['PATCH', 'HEAD'])
    expect(done).toMatchObject({ size: SIZE, bytesSent: SIZE, resumes: 1 })
  })

  test('a 409 from the server leads to a HEAD and the offset it gives', async () => {
    const { h, methods } = setup()
    const bytes = patternBytes(SIZE)
    let tampered = false
    h.intercept = (request) => {
      if (request.method === 'PATCH' && request.headers.get('upload-offset') === String(3 * CHUNK) && !tampered) {
        tampered = true
        return { answer: () => new Response(null, { status: 409, headers: { 'Tus-Resumable': '1.0.0' } }) }
      }
      return 'pass'
    }
    const done = await tusUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes), { chunkSize: CHUNK }))
    expect(stored(h)).toEqual(bytes)
    const i = methods().indexOf('HEAD')
    expect(i).toBeGreaterThan(0)
    expect(done.resumes).toBe(0)
  })

  test('an upload URL the server forgot (404) is created anew and filled from the start', async () => {
    const { h, methods } = setup()
    const bytes = patternBytes(SIZE)
    h.intercept = (request, index) => {
      if (index === 4) {
        // Terminated behind the client's back, as an expired upload is.
        void h.server.handle(new Request(request.url, { method: 'DELETE', headers: { 'Tus-Resumable': '1.0.0' } }))
      }
      return 'pass'
    }
    await tusUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes), { chunkSize: CHUNK }))
    expect(stored(h)).toEqual(bytes)
    expect(methods().filter((m) => m === 'POST')).toHaveLength(2)
  })

  test('a stream source that let bytes go cannot start over: upload-expired', async () => {
    const { h } = setup()
    h.intercept = (request, index) => {
      if (index === 4) void h.server.handle(new Request(request.url, { method: 'DELETE', headers: { 'Tus-Resumable': '1.0.0' } }))
      return 'pass'
    }
    const failure = await tusUpload
      .upload(h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE), { stream: true }), { chunkSize: CHUNK }))
      .catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(FileOperationError)
    expect((failure as FileOperationError).outcome).toBe('upload-expired')
  })

  test.each([
    ['unknown size', SIZE],
    ['unknown size, a multiple of the chunk', 8 * CHUNK],
    ['unknown size, empty', 0],
  ])('%s: Upload-Defer-Length at creation, Upload-Length with the last PATCH', async (_name, size) => {
    const { h } = setup()
    const bytes = patternBytes(size)
    const done = await tusUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes, { stream: true }), { chunkSize: CHUNK }))
    expect(stored(h)).toEqual(bytes)
    expect(done.size).toBe(size)
    expect(h.sent[1]?.headers.get('upload-defer-length')).toBe('1')
    const withLength = h.sent.filter((s) => s.method === 'PATCH' && s.headers.has('upload-length'))
    expect(withLength.map((s) => s.headers.get('upload-length'))).toEqual([String(size)])
  })

  test('a stream whose last PATCH (with Upload-Length) is cut: the HEAD shows the length known, it is not sent again', async () => {
    const { h } = setup()
    const bytes = patternBytes(SIZE)
    h.intercept = (request) =>
      request.method === 'PATCH' && request.headers.has('upload-length') && h.sent.length < 14 ? { cut: 100 } : 'pass'
    const done = await tusUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes, { stream: true }), { chunkSize: CHUNK }))
    expect(stored(h)).toEqual(bytes)
    expect(done.resumes).toBe(1)
    expect(h.sent.filter((s) => s.method === 'PATCH' && s.headers.has('upload-length'))).toHaveLength(1)
  })

  test('an empty file of known size is complete at creation', async () => {
    const { h, methods } = setup()
    await tusUpload.upload(h.plan('docs/empty.bin', bytesChunkSource(new Uint8Array())))
    expect(h.server.read('/docs/empty.bin')?.content).toEqual(new Uint8Array())
    expect(methods()).toEqual(['OPTIONS', 'POST'])
  })

  test.each([
    [507, 'insufficient-storage'],
    [413, 'too-large'],
    [403, 'forbidden'],
  ] as const)('a refused chunk (%i) fails as %s and the upload is terminated', async (status, outcome) => {
    const { h, methods } = setup()
    h.server.faults.status(status, { method: 'PATCH' })
    const failure = await tusUpload
      .upload(h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)), { chunkSize: CHUNK }))
      .catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(FileOperationError)
    expect(failure).toMatchObject({ operation: 'upload', outcome, status, path: 'docs/big.bin' })
    expect(methods().at(-1)).toBe('DELETE')
    expect(h.server.exists('/docs/big.bin')).toBe(false)
  })

  test('a Location on another origin is refused before anything is sent there', async () => {
    const { h } = setup()
    h.intercept = (request) =>
      request.method === 'POST'
        ? {
            answer: (response) => {
              const headers = new Headers(response.headers)
              headers.set('Location', 'https://elsewhere.test/uploads/1')
              return new Response(null, { status: response.status, headers })
            },
          }
        : 'pass'
    const failure = await tusUpload
      .upload(h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)), { chunkSize: CHUNK }))
      .catch((e: unknown) => e)
    expect(failure).toMatchObject({ outcome: 'cross-origin-location' })
    expect(h.sent.every((s) => new URL(s.url).origin === 'https://dav.test')).toBe(true)
  })

  test('beyond Tus-Max-Size: too-large before any upload is created', async () => {
    const { h, methods } = setup()
    h.intercept = (request) =>
      request.method === 'OPTIONS'
        ? {
            answer: (response) => {
              const headers = new Headers(response.headers)
              headers.set('Tus-Max-Size', String(SIZE - 1))
              return new Response(null, { status: response.status, headers })
            },
          }
        : 'pass'
    const failure = await tusUpload.upload(h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)))).catch((e: unknown) => e)
    expect(failure).toMatchObject({ outcome: 'too-large' })
    expect(methods()).toEqual(['OPTIONS'])
  })

  test('overwrite false: a file already there fails as precondition-failed, untouched', async () => {
    const { h, methods } = setup()
    h.server.seed({ 'big.bin': 'old' }, '/docs')
    const failure = await tusUpload
      .upload(h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)), { overwrite: false }))
      .catch((e: unknown) => e)
    expect(failure).toMatchObject({ outcome: 'precondition-failed' })
    expect(h.server.read('/docs/big.bin')?.text).toBe('old')
    expect(methods()).not.toContain('POST')
  })

  test('transient failures without progress use the retry budget, then the transport error is thrown', async () => {
    const { h } = setup()
    h.intercept = (request) => (request.method === 'PATCH' ? { cut: 0 } : 'pass')
    const failure = await tusUpload
      .upload(h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)), { chunkSize: CHUNK }))
      .catch((e: unknown) => e)
    expect((failure as Error).name).toBe('TransportError')
    // Three attempts (retries: 2), each a PATCH at offset 0.
    expect(h.sent.filter((s) => s.method === 'PATCH')).toHaveLength(3)
  })

  test('an abort stops the upload with RequestAbortedError, and the upload resource is terminated', async () => {
    const { h, methods } = setup()
    const controller = new AbortController()
    h.intercept = (request) => {
      if (request.method === 'PATCH' && request.headers.get('upload-offset') === String(2 * CHUNK)) controller.abort()
      return 'pass'
    }
    const plan = h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)), { chunkSize: CHUNK, signal: controller.signal })
    const failure = await tusUpload.upload(plan).catch((e: unknown) => e)
    expect((failure as Error).name).toBe('RequestAbortedError')
    expect(methods().at(-1)).toBe('DELETE')
    expect(h.server.exists('/docs/big.bin')).toBe(false)
  })

  test('statuses: 503 is retried and, the retries spent, fails as chunk-refused; 500 at once; 415 as mechanism-refused', async () => {
    const busy = setup()
    busy.h.server.faults.status(503, { method: 'PATCH', times: 3 })
    const spent = await tusUpload.upload(busy.h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)))).catch((e: unknown) => e)
    expect(spent).toMatchObject({ outcome: 'chunk-refused', status: 503 })
    expect(busy.methods().filter((m) => m === 'PATCH')).toHaveLength(3)
    const broken = setup()
    broken.h.server.faults.status(500, { method: 'PATCH' })
    const failed = await tusUpload.upload(broken.h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)))).catch((e: unknown) => e)
    expect(failed).toMatchObject({ outcome: 'chunk-refused', status: 500 })
    expect(broken.methods().filter((m) => m === 'PATCH')).toHaveLength(1)
    const refused = setup()
    refused.h.server.faults.status(415, { method: 'PATCH' })
    const kind = await tusUpload.upload(refused.h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)))).catch((e: unknown) => e)
    expect(kind).toMatchObject({ outcome: 'mechanism-refused', status: 415 })
  })

  test('a server without TUS: mechanism-refused after the OPTIONS', async () => {
    const h = uploadHarness({ seed: { docs: {} } })
    const failure = await tusUpload.upload(h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)))).catch((e: unknown) => e)
    expect(failure).toMatchObject({ outcome: 'mechanism-refused' })
    expect(h.sent.map((s) => s.method)).toEqual(['OPTIONS'])
  })

  test('a PATCH answered with an offset beyond what was sent: offset-mismatch', async () => {
    const { h } = setup()
    h.intercept = (request) =>
      request.method === 'PATCH'
        ? { answer: () => new Response(null, { status: 204, headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': String(CHUNK + 1) } }) }
        : 'pass'
    const failure = await tusUpload
      .upload(h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)), { chunkSize: CHUNK }))
      .catch((e: unknown) => e)
    expect(failure).toMatchObject({ outcome: 'offset-mismatch', status: 204 })
  })
})

describe('tusUpload trusts no more than it sent', () => {
  const tus = { 'Tus-Resumable': '1.0.0' }

  test('a HEAD claiming an offset beyond what was ever sent: offset-mismatch, not a success', async () => {
    const { h } = setup()
    h.intercept = (request, index) => {
      if (index === 3) return 'lose'
      if (request.method === 'HEAD') {
        return {
          answer: () =>
            new Response(null, { status: 200, headers: { ...tus, 'Upload-Offset': String(SIZE), 'Upload-Length': String(SIZE) } }),
        }
      }
      return 'pass'
    }
    const failure = await tusUpload
      .upload(h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)), { chunkSize: CHUNK }))
      .catch((e: unknown) => e)
    expect(failure).toMatchObject({ outcome: 'offset-mismatch', status: 200 })
  })

  test('the upload URL (a transfer token in its path) is in no error, message, cause or inspection', async () => {
    const { inspect } = await import('node:util')
    const { h } = setup()
    let location = ''
    h.intercept = (request) => {
      if (request.method === 'POST') {
        return {
          answer: (response) => {
            location = new URL(response.headers.get('location') ?? '', request.url).href
            return response
          },
        }
      }
      return request.method === 'PATCH' ? { cut: 0 } : 'pass'
    }
    const failure = await tusUpload
      .upload(h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)), { chunkSize: CHUNK }))
      .catch((e: unknown) => e)
    expect((failure as Error).name).toBe('TransportError')
    const path = new URL(location).pathname
    expect(path).not.toBe('/docs/big.bin')
    const seen: string[] = []
    for (let error: unknown = failure; error instanceof Error; error = error.cause) {
      seen.push(error.message, JSON.stringify(error), inspect(error, { depth: 8 }))
    }
    for (const text of seen) expect(text).not.toContain(path)
    expect((failure as Error).message).toContain('/docs/big.bin (TUS upload)')
  })

  test('a creation POST whose answer was lost is not sent again: the upload it may have made could not be found', async () => {
    const { h, methods } = setup()
    h.intercept = (request) => (request.method === 'POST' ? 'lose' : 'pass')
    const failure = await tusUpload.upload(h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)))).catch((e: unknown) => e)
    expect((failure as Error).name).toBe('TransportError')
    expect(methods().filter((m) => m === 'POST')).toHaveLength(1)
  })

  test('a POST refused with 503 (an answer: nothing was made) is sent again', async () => {
    const { h, methods } = setup()
    h.server.faults.status(503, { method: 'POST', times: 1 })
    const bytes = patternBytes(SIZE)
    await tusUpload.upload(h.plan('docs/big.bin', bytesChunkSource(bytes)))
    expect(stored(h)).toEqual(bytes)
    expect(methods().filter((m) => m === 'POST')).toHaveLength(2)
  })

  test('412 (the Tus-Resumable version refused) is mechanism-refused, not a file already there', async () => {
    const { h } = setup()
    h.server.faults.status(412, { method: 'POST' })
    const failure = await tusUpload.upload(h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)))).catch((e: unknown) => e)
    expect(failure).toMatchObject({ outcome: 'mechanism-refused', status: 412 })
  })

  test('a HEAD inside the resumable run is sent once per step, not retried by the pipeline too', async () => {
    const { h, methods } = setup()
    h.intercept = (request, index) => (index === 3 || request.method === 'HEAD' ? (index === 3 ? 'lose' : 'drop') : 'pass')
    const failure = await tusUpload
      .upload(h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)), { chunkSize: CHUNK }))
      .catch((e: unknown) => e)
    expect((failure as Error).name).toBe('TransportError')
    // The lost PATCH came after a confirmed chunk: a fresh run of three steps (retries: 2), one HEAD each.
    expect(methods().filter((m) => m === 'HEAD')).toHaveLength(3)
    expect(h.sent.find((s) => s.method === 'HEAD')?.headers.get('cache-control')).toBe('no-cache')
  })

  test('overwrite false: a HEAD answered other than 2xx or 404 fails the upload before anything is created', async () => {
    const { h, methods } = setup()
    h.intercept = (request) => (request.method === 'HEAD' ? { answer: () => new Response(null, { status: 403 }) } : 'pass')
    const failure = await tusUpload
      .upload(h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)), { overwrite: false }))
      .catch((e: unknown) => e)
    expect(failure).toMatchObject({ outcome: 'forbidden', status: 403 })
    expect(methods()).not.toContain('POST')
  })
})

test('a refused chunk carries the Retry-After the server sent, for the retry layer to honour', async () => {
  const { h } = setup()
  h.intercept = (request) =>
    request.method === 'PATCH'
      ? { answer: () => new Response(null, { status: 500, headers: { 'Tus-Resumable': '1.0.0', 'Retry-After': '3' } }) }
      : 'pass'
  const failure = await tusUpload.upload(h.plan('docs/big.bin', bytesChunkSource(patternBytes(SIZE)))).catch((e: unknown) => e)
  expect(failure).toMatchObject({ outcome: 'chunk-refused', status: 500, retryAfterMs: 3000 })
})
