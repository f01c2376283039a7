// What the file layer makes of answers the fake server does not give: failed members inside a
// 207, a failed resourcetype, unusable stat answers, and retried writes that may have been
// carried out. Replayed through a scripted fetch.
import { describe, expect, test } from 'vitest'
import { FileOperationError, createDavFiles } from '../../src/index.ts'
import { XML_HEADERS as XML, scriptedClient, statusAnswer as status, type Answer } from '../support/scripted-client.ts'

function scripted(answers: readonly Answer[]) {
  const { dav, seen } = scriptedClient(answers)
  return { files: createDavFiles(dav), seen }
}
const multistatus =
  (responses: string): Answer =>
  () =>
    new Response(`<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:">${responses}</D:multistatus>`, {
      status: 207,
      headers: XML,
    })

const folder = (href: string) =>
  `<D:response><D:href>${href}</D:href><D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`
const file = (href: string) =>
  `<D:response><D:href>${href}</D:href><D:propstat><D:prop><D:resourcetype/><D:getcontentlength>3</D:getcontentlength></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`

async function failureOf(promise: Promise<unknown>): Promise<FileOperationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof FileOperationError)) throw new Error(`expected a FileOperationError, got ${String(error)}`)
  return error
}

describe('list never drops a member the server reported as failed', () => {
  test('a 500 member and a member without status fail the listing, naming both', async () => {
    const { files } = scripted([
      multistatus(
        folder('/files/docs/') +
          file('/files/docs/a.txt') +
          '<D:response><D:href>/files/docs/secret/</D:href><D:status>HTTP/1.1 500 Internal Server Error</D:status></D:response>' +
          '<D:response><D:href>/files/docs/b.txt</D:href></D:response>',
      ),
    ])
    const error = await failureOf(files.list('docs'))
    expect(error).toMatchObject({ operation: 'list', outcome: 'member-failures', status: 207 })
    expect(error.failures.map((f) => f.href.path)).toEqual(['/files/docs/secret/', '/files/docs/b.txt'])
    expect(error.failures[0]!.status).toMatchObject({ kind: 'status', code: 500 })
    expect(error.failures[1]!.status).toMatchObject({ kind: 'status-problem' })
    expect(error.message).toContain('/files/docs/secret/ 500')
  })

  test('a 207 saying 404 for the folder itself is not-found', async () => {
    const { files } = scripted([
      multistatus('<D:response><D:href>/files/docs/</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>'),
    ])
    await expect(files.list('docs')).rejects.toMatchObject({ outcome: 'not-found', status: 404 })
  })

  test('a listing with every member fine lists them', async () => {
    const { files } = scripted([multistatus(folder('/files/docs/') + file('/files/docs/a.txt'))])
    expect((await files.list('docs')).map((e) => [e.kind, e.path])).toEqual([['file', 'docs/a.txt']])
  })
})

describe('an entry whose type is not known is not called a file', () => {
  test('a failed resourcetype propstat gives kind unknown', async () => {
    const { files } = scripted([
      multistatus(
        '<D:response><D:href>/files/d/</D:href>' +
          '<D:propstat><D:prop><D:displayname>d</D:displayname></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>' +
          '<D:propstat><D:prop><D:resourcetype/></D:prop><D:status>HTTP/1.1 500 Internal Server Error</D:status></D:propstat>' +
          '</D:response>',
      ),
    ])
    const entry = await files.stat('d')
    expect(entry).toMatchObject({ kind: 'unknown', path: 'd', displayName: 'd' })
    expect(entry).not.toHaveProperty('size')
  })
})

describe('stat and exists: only a real 404 is not found', () => {
  test('a 207 holding a 404 is not-found, and exists is false', async () => {
    const notFound = multistatus('<D:response><D:href>/files/x</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>')
    const { files } = scripted([notFound, notFound])
    await expect(files.stat('x')).rejects.toMatchObject({ outcome: 'not-found', status: 404 })
    expect(await files.exists('x')).toBe(false)
  })

  test.each([
    ['a garbled status', '<D:response><D:href>/files/x</D:href><D:status>garbage</D:status></D:response>'],
    ['a malformed response only', '<D:response><D:href>/files/x</D:href></D:response>'],
    ['an empty multistatus', ''],
  ])('%s is an error, not "does not exist"', async (_, responses) => {
    const { files } = scripted([multistatus(responses), multistatus(responses)])
    await expect(files.stat('x')).rejects.toMatchObject({ operation: 'stat', outcome: 'unusable-answer', status: 207 })
    await expect(files.exists('x')).rejects.toMatchObject({ outcome: 'unusable-answer' })
  })

  test('an HTTP 404 is not found', async () => {
    const { files } = scripted([status(404)])
    expect(await files.exists('x')).toBe(false)
  })
})

describe('retried writes that may have been carried out', () => {
  test('createFolder whose MKCOL got 504 then 405 checks, and reports the folder as created', async () => {
    const { files, seen } = scripted([status(504), status(405), multistatus(folder('/files/d/'))])
    expect(await files.createFolder('d', { recursive: false })).toBe(true)
    expect(seen.map((r) => r.method)).toEqual(['MKCOL', 'MKCOL', 'PROPFIND'])
  })

  test('createFolder whose uncertain MKCOL finds a file there fails with file-in-the-way', async () => {
    const { files } = scripted([status(504), status(405), multistatus(file('/files/d'))])
    await expect(files.createFolder('d')).rejects.toMatchObject({ outcome: 'file-in-the-way', status: 405 })
  })

  test('writeText without overwrite whose PUT got 502 then 412 fails as uncertain, not precondition-failed', async () => {
    const { files } = scripted([status(502), status(412)])
    await expect(files.writeText('a.txt', 'x', { overwrite: false })).rejects.toMatchObject({
      operation: 'writeText',
      outcome: 'uncertain',
      status: 412,
    })
  })
})
