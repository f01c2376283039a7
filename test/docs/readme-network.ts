/**
 * Preloaded (`node --import`) before a README code block runs: the hosts the READMEs use
 * (`dav.example`, `cloud.example.com`) are answered by in-memory WebDAV servers through msw,
 * seeded with the files the examples name. Nothing reaches the network; an unhandled request fails.
 */
import { createDavServer, davHandlers } from '@davkit/testing'
import { setupServer } from 'msw/node'

const documents = { 'report.txt': 'yearly report', 'notes.md': '# Notes\n' }

const alice = createDavServer({ basePath: '/files/alice/', seed: { Documents: documents, notes: { 'a.txt': 'alpha' } } })
const root = createDavServer({
  dialect: { depthInfinity: 'refuse' },
  seed: {
    Documents: documents,
    'report.pdf': 'pdf',
    'notes.md': '# Notes\n',
    projects: { '2025': { 'plan.txt': 'plan' } },
    archive: {},
    notes: {},
  },
})
const cloud = createDavServer({ basePath: '/remote.php/dav/files/alice/', seed: { Documents: documents } })

// The more specific base path first: msw uses the first handler that matches.
setupServer(
  ...davHandlers(alice, 'https://dav.example'),
  ...davHandlers(root, 'https://dav.example'),
  ...davHandlers(cloud, 'https://cloud.example.com'),
).listen({ onUnhandledFrame: 'error' })
