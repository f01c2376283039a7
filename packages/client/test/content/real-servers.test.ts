// The everyday flows against every real server the suite can start on loopback (Apache, lighttpd,
// nginx, rclone), to catch their dialects: each server is skipped, with the reason, when missing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { serverNames, skipReason, startServer, type RunningServer } from '../../../../test/servers/index.ts'
import { createDavClient, createDavFiles, type DavClient } from '../../src/index.ts'

for (const name of serverNames) {
  const reason = skipReason(name)
  describe.skipIf(reason !== undefined)(`${name}${reason === undefined ? '' : ` (skipped: ${reason})`}`, () => {
    let server: RunningServer
    let dav: DavClient

    beforeAll(async () => {
      server = await startServer(name)
      dav = createDavClient({ baseUrl: server.url, retry: false })
    })
    afterAll(async () => {
      await server?.stop()
    })

    test('MKCOL: created, already-exists, conflict for a missing parent, parents on request', async () => {
      expect((await dav.mkcol('m')).kind).toBe('created')
      // rclone answers 201 again for a folder that exists; the others 405.
      expect((await dav.mkcol('m')).kind).toBe(name === 'rclone' ? 'created' : 'already-exists')
      expect((await dav.mkcol('nope/x')).kind).toBe('conflict')
      // rclone's 201 for the existing m makes it look created: the result reports what the server said.
      const parents = name === 'rclone' ? ['m', 'm/a b'] : ['m/a b']
      expect(await dav.mkcol('m/a b/c', { parents: true })).toMatchObject({ kind: 'created', createdParents: parents })
    })

    test('PUT and GET of bytes, text and a stream of known length; ranges', async () => {
      const all = new Uint8Array(256).map((_, i) => i)
      expect(['created', 'replaced']).toContain((await dav.put('all.bin', all)).kind)
      const bytes = await dav.get('all.bin')
      expect(bytes.kind === 'full' && Array.from(bytes.data)).toEqual(Array.from(all))
      await dav.put('t.txt', 'grüße', { contentType: 'text/plain; charset=utf-8' })
      expect(await dav.get('t.txt', { as: 'text' })).toMatchObject({ kind: 'full', data: 'grüße' })
      const put = await dav.put('s.txt', new Blob(['streamed']).stream(), { contentLength: 8 })
      expect(['created', 'replaced']).toContain(put.kind)
      expect(await dav.get('s.txt', { as: 'text' })).toMatchObject({ kind: 'full', data: 'streamed' })
      const part = await dav.get('s.txt', { as: 'text', range: { start: 2, end: 4 } })
      expect(part).toMatchObject({ kind: 'partial', data: 'rea' })
    })

    test('a PUT into a missing folder is conflict (409, or 404 from rclone); nginx fails it with 500', async () => {
      if (name === 'nginx') {
        await expect(dav.put('no/such/a.txt', 'x')).rejects.toMatchObject({ code: 'http-status', status: 500 })
        return
      }
      expect(await dav.put('no/such/a.txt', 'x')).toMatchObject({ kind: 'conflict', status: name === 'rclone' ? 404 : 409 })
    })

    test('DELETE of a tree, then not-found', async () => {
      await dav.mkcol('d')
      await dav.put('d/a.txt', 'a')
      expect((await dav.delete('d/')).kind).toBe('deleted')
      expect((await dav.delete('d/')).kind).toBe('not-found')
    })

    test('OPTIONS reports class 1', async () => {
      const result = await dav.options()
      expect(result.dav).toBe(true)
      expect(result.classes[1]).toBe(true)
    })

    test('LOCK and UNLOCK where class 2 is announced', async () => {
      const classes = await dav.options()
      await dav.put('l.txt', 'l')
      const held = await dav.lock('l.txt', { depth: 0, timeout: 60 })
      if (!classes.classes[2]) {
        expect(held.kind).not.toBe('granted')
        return
      }
      if (held.kind !== 'granted') throw new Error(`${name}: lock ${held.kind}`)
      expect(held.token.length).toBeGreaterThan(0)
      const other = createDavClient({ baseUrl: server.url, retry: false })
      expect((await other.put('l.txt', 'intruder')).kind).toBe('locked')
      expect(['replaced', 'created']).toContain((await dav.put('l.txt', 'mine', { lockToken: held })).kind)
      expect((await dav.unlock('l.txt', held.token)).kind).toBe('unlocked')
    })

    test('the file-level layer lists, stats and reads', async () => {
      const files = createDavFiles(dav)
      await files.createFolder('f/g')
      await files.writeText('f/a b#1 ü.txt', 'hello')
      const entries = await files.list('f')
      expect(entries.map((e) => `${e.kind}:${e.path}`).sort()).toEqual(['collection:f/g', 'file:f/a b#1 ü.txt'])
      const file = entries.find((e) => e.kind === 'file')
      expect(file?.kind === 'file' && file.size).toBe(5)
      expect(await files.readText('f/a b#1 ü.txt')).toBe('hello')
      expect(await files.exists('f/none')).toBe(false)
      await files.remove('f')
      expect(await files.exists('f')).toBe(false)
    })
  })
}
