/**
 * The page's script (bundled by esbuild, see README.md): a form with the server URL and a folder,
 * and a table of what is in it. `globalThis.davkitExample.listFolder` is there for scripts and
 * browser tests, with or without the page's markup.
 */
import { DavkitError } from '@davkit/client'
import { listFolder, type FolderRow } from './list-folder.ts'

/** What the page puts on `globalThis`. */
export interface DavkitExampleGlobals {
  readonly davkitExample: { readonly listFolder: typeof listFolder }
}

Object.assign(globalThis, { davkitExample: { listFolder } } satisfies DavkitExampleGlobals)

function element<T extends HTMLElement>(id: string, type: new () => T): T | undefined {
  // Outside a page (a worker, or Node importing the bundle) there is no document: nothing to wire.
  if (typeof document === 'undefined') return undefined
  const found = document.getElementById(id)
  return found instanceof type ? found : undefined
}

function describe(error: unknown): string {
  // `code` tells the failures apart: 'transport' is also what a missing CORS setup looks like.
  if (error instanceof DavkitError) return `${error.code}: ${error.message}`
  return error instanceof Error ? error.message : String(error)
}

/** Fills the table; server data goes in as text, never as markup. */
function render(body: HTMLTableSectionElement, rows: readonly FolderRow[]): void {
  body.replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement('tr')
      for (const cell of [
        row.kind === 'folder' ? `${row.name}/` : row.name,
        row.size === null ? '' : `${row.size} B`,
        row.modified ?? '',
      ]) {
        const td = document.createElement('td')
        td.textContent = cell
        tr.append(td)
      }
      return tr
    }),
  )
}

/** Wires the form and the table of index.html, when they are there. */
function wirePage(): void {
  const form = element('listing-form', HTMLFormElement)
  const server = element('server', HTMLInputElement)
  const folder = element('folder', HTMLInputElement)
  const rows = element('rows', HTMLTableSectionElement)
  const status = element('status', HTMLParagraphElement)
  if (!form || !server || !folder || !rows || !status) return
  const query = new URLSearchParams(location.search)
  server.value = query.get('server') ?? server.value
  folder.value = query.get('folder') ?? folder.value
  let running: AbortController | undefined
  const show = async (): Promise<void> => {
    running?.abort()
    const controller = new AbortController()
    running = controller
    status.textContent = 'Loading…'
    try {
      const listing = await listFolder(server.value, folder.value, controller.signal)
      render(rows, listing)
      status.textContent = `${listing.length} entries in /${folder.value}`
    } catch (error) {
      if (controller.signal.aborted) return
      rows.replaceChildren()
      status.textContent = describe(error)
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    void show()
  })
  if (query.has('server')) void show()
}

// Outside a page (a worker, or Node importing the bundle) there is no document: nothing to wire.
if (typeof document !== 'undefined') wirePage()
