import { createDavServer, davHandlers } from '@davkit/testing'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createNotesStore } from '../src/notes.ts'

// The whole setup: an in-memory WebDAV server, answered through msw for https://dav.example.
const dav = createDavServer({ seed: { notes: { 'groceries.md': '- milk\n' } } })
const mock = setupServer(...davHandlers(dav, 'https://dav.example'))
beforeAll(() => mock.listen({ onUnhandledFrame: 'error' }))
afterEach(() => dav.reset({ notes: { 'groceries.md': '- milk\n' } }))
afterAll(() => mock.close())

const notes = createNotesStore({ baseUrl: 'https://dav.example/', retry: { retries: 2, minDelayMs: 1, jitter: false } })

describe('notes store', () => {
  it('lists the notes with their sizes', async () => {
    dav.seed({ 'todo.md': '- call Bob\n', 'image.png': 'not a note' }, '/notes')
    const list = await notes.list()
    expect(list.map(({ name, size }) => ({ name, size }))).toEqual([
      { name: 'groceries', size: 7 },
      { name: 'todo', size: 11 },
    ])
  })

  it('creates a note, and its folder when missing', async () => {
    dav.reset()
    expect(await notes.save('ideas', '# Ideas\n')).toMatchObject({ kind: 'saved' })
    expect(dav.snapshot()).toEqual({ notes: { 'ideas.md': '# Ideas\n' } })
    expect(dav.read('/notes/ideas.md')?.contentType).toBe('text/markdown; charset=utf-8')
  })

  it('updates the version it read, and reports a conflict when someone else saved first', async () => {
    const { version } = await notes.read('groceries')
    dav.seed({ 'groceries.md': '- milk\n- eggs\n' }, '/notes') // another device saves meanwhile
    expect(await notes.save('groceries', '- milk\n- bread\n', version)).toEqual({ kind: 'conflict' })
    expect(dav.read('/notes/groceries.md')?.text).toBe('- milk\n- eggs\n')

    const fresh = await notes.read('groceries')
    expect(await notes.save('groceries', '- milk\n- eggs\n- bread\n', fresh.version)).toMatchObject({ kind: 'saved' })
    expect(dav.read('/notes/groceries.md')?.text).toBe('- milk\n- eggs\n- bread\n')
  })

  it('does not overwrite an existing note when creating one', async () => {
    expect(await notes.save('groceries', 'oops')).toEqual({ kind: 'conflict' })
    expect(dav.read('/notes/groceries.md')?.text).toBe('- milk\n')
  })

  it('rides out a busy server (503), then fails clearly when it stays down', async () => {
    dav.faults.status(503, { method: 'PROPFIND', times: 2 })
    expect(await notes.list()).toHaveLength(1)
    expect(dav.journal.methods()).toEqual(['PROPFIND', 'PROPFIND', 'PROPFIND'])

    dav.faults.status(503, { method: 'PROPFIND', times: 3 })
    await expect(notes.list()).rejects.toMatchObject({ code: 'http-status', status: 503 })
  })
})
