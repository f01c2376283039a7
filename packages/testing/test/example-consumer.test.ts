// What a consumer writes: an in-memory WebDAV server behind msw, in about five lines.
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createDavServer, davHandlers } from '@davkit/testing'

const dav = createDavServer({ seed: { notes: { 'todo.txt': 'buy milk' } } })
const mock = setupServer(...davHandlers(dav, 'https://dav.example'))
beforeAll(() => mock.listen())
afterAll(() => mock.close())

it('the app under test saves a note', async () => {
  // Stand-in for the app code: any fetch-based WebDAV client works the same.
  await fetch('https://dav.example/notes/todo.txt', { method: 'PUT', body: 'buy oat milk' })

  expect(dav.snapshot()).toEqual({ notes: { 'todo.txt': 'buy oat milk' } })
  expect(dav.journal.methods()).toEqual(['PUT'])
})
