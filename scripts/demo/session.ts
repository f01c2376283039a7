import { davProps, integerProperty, removeProperty, setProperty, textProperty, type DavClient } from '../../packages/client/src/index.ts'
import type { ProppatchOutcome, ProppatchResult, TransferResult } from '../../packages/types/src/index.ts'
import { conditionsOf, nameOf, propertyCell, relativePath, relativeText, statusCell } from './describe.ts'
import { exists, lock, makeCollection, putText, remove, unlock, type HeldLock } from './file-operations.ts'
import type { Output } from './output.ts'
import type { Cell, CellInput } from './table.ts'
import { transferTheFile, type TransferFaults } from './transfers.ts'

/** The namespace of the demo's own (dead) properties. */
export const DEMO_NAMESPACE = 'urn:davkit:demo'

/** A dead property holding text. */
const demoStatus = textProperty(DEMO_NAMESPACE, 'status')
/** A dead property holding an integer, decoded to a `number` by its codec. */
const demoPriority = integerProperty(DEMO_NAMESPACE, 'priority')

/** What the listing asks for: each key's result is typed by its codec. */
const LISTING_PROPS = {
  type: davProps.resourcetype,
  size: davProps.getcontentlength,
  modified: davProps.getlastmodified,
  etag: davProps.getetag,
  name: davProps.displayname,
  status: demoStatus,
  priority: demoPriority,
}

/** Collections, then files, of the tree the session builds (paths below the session folder). */
const COLLECTIONS = ['project/', 'project/docs/', 'project/images/'] as const
const FILES: readonly (readonly [path: string, contentType: string, content: string])[] = [
  ['project/README.md', 'text/markdown', '# Project\n\nA small tree built by the davkit demo.\n'],
  ['project/data.json', 'application/json', '{"entries":[1,2,3],"version":"2024.10"}\n'],
  ['project/docs/guide.md', 'text/markdown', '# Guide\n\nStep one, step two.\n'],
  ['project/docs/notes.txt', 'text/plain', 'Meeting notes: the member that someone else will lock.\n'],
  ['project/docs/changelog.md', 'text/markdown', '## 1.0\n\n- First release\n'],
  ['project/images/logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>\n'],
]

/** Who does what in the session. */
export interface SessionParties {
  /** The user whose session this is. */
  readonly dav: DavClient
  /** Someone else on the same server: a second client holding its own lock tokens. */
  readonly other: DavClient
}

/** The session's temporary folder: its name below the base URL, and its decoded URL path. */
export interface SessionFolder {
  readonly name: string
  readonly path: string
}

/** A folder name no earlier run can have used: `davkit-demo-20261123T061500-3f9a`. */
export function sessionFolder(dav: DavClient, now: Date = new Date()): SessionFolder {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '')
  const name = `davkit-demo-${stamp}-${crypto.randomUUID().slice(0, 4)}`
  let basePath = dav.baseUrl.pathname
  try {
    basePath = decodeURIComponent(basePath)
  } catch {
    // An undecodable base path is shown as it is.
  }
  return { name, path: `${basePath}${name}/` }
}

function outcomeCell(outcome: ProppatchOutcome): Cell {
  switch (outcome.kind) {
    case 'applied':
      return { text: 'applied', tone: 'good' }
    case 'failed':
      return { text: 'FAILED', tone: 'bad' }
    case 'failed-dependency':
      return { text: 'not applied (dependency)', tone: 'warn' }
    case 'status-problem':
      return { text: 'unknown', tone: 'warn' }
    case 'not-reported':
      return { text: 'not reported', tone: 'warn' }
  }
}

function outcomeRow(resource: string, outcome: ProppatchOutcome): CellInput[] {
  const status: Cell =
    outcome.kind === 'status-problem'
      ? statusCell(outcome.problem)
      : outcome.kind === 'not-reported'
        ? { text: '-' }
        : statusCell(outcome.status)
  const condition = outcome.kind === 'failed' || outcome.kind === 'failed-dependency' ? conditionsOf(outcome.error) : ''
  return [resource, nameOf(outcome.name), outcome.op, outcomeCell(outcome), status, condition]
}

const OUTCOME_COLUMNS = [
  { heading: 'Resource' },
  { heading: 'Property' },
  { heading: 'Op' },
  { heading: 'Outcome' },
  { heading: 'Status' },
  { heading: 'DAV error' },
]

function proppatchVerdict(result: ProppatchResult): string {
  switch (result.kind) {
    case 'applied':
      return `applied: every instruction took effect (HTTP ${result.status})`
    case 'rejected':
      return `rejected: nothing was applied (PROPPATCH is atomic); ${result.failed.length} instruction(s) failed, the others depended on them (HTTP ${result.status})`
    case 'partially-applied':
      return `partially applied: the server broke atomicity (HTTP ${result.status})`
    case 'incomplete':
      return `incomplete: some outcomes were not reported (HTTP ${result.status})`
    case 'no-report':
      return `no report: the server answered ${result.status} without a multistatus`
    case 'locked':
    case 'failed-dependency':
    case 'partial':
      return `${result.kind}: nothing was applied (HTTP ${result.status})`
  }
}

/** One line for a COPY or MOVE result. */
export function transferVerdict(result: TransferResult): string {
  switch (result.kind) {
    case 'created':
      return `created (HTTP ${result.status})`
    case 'replaced':
      return `replaced the destination (HTTP ${result.status})`
    case 'succeeded':
      return `succeeded (HTTP ${result.status})`
    case 'partial':
      return `partial (HTTP ${result.status}): ${result.failures.length} member(s) failed, listed below`
    case 'uncertain':
      return `uncertain after a retry (HTTP ${result.status})`
    default:
      return `${result.kind} (HTTP ${result.status})${result.error === undefined ? '' : `: ${conditionsOf(result.error)}`}`
  }
}

function transferTable(out: Output, result: TransferResult, folder: SessionFolder): void {
  if (result.kind !== 'partial') return
  const rows = result.failures.map((failure) => [
    relativePath(failure.href, folder.path),
    statusCell(failure.status),
    conditionsOf(failure.error, (href) => relativeText(href, folder.path)),
    failure.description ?? '',
  ])
  out.table([{ heading: 'Member' }, { heading: 'Status' }, { heading: 'DAV error' }, { heading: 'Description' }], rows)
}

async function buildTree(parties: SessionParties, folder: SessionFolder, out: Output): Promise<void> {
  out.section('Build a small tree (MKCOL, PUT)')
  const steps = COLLECTIONS.length + FILES.length
  const progress = out.progress('building', steps)
  const started = performance.now()
  let done = 0
  for (const path of COLLECTIONS) {
    await makeCollection(parties.dav, `${folder.name}/${path}`)
    progress.update(++done, path)
  }
  for (const [path, contentType, content] of FILES) {
    await putText(parties.dav, `${folder.name}/${path}`, content, contentType)
    progress.update(++done, path)
  }
  progress.end()
  out.line(`${COLLECTIONS.length} collections and ${FILES.length} files created in ${Math.round(performance.now() - started)} ms`)
}

async function setProperties(parties: SessionParties, folder: SessionFolder, out: Output): Promise<void> {
  out.section('Set properties (PROPPATCH, all applied)')
  const plan: readonly (readonly [string, ReturnType<typeof setProperty>[]])[] = [
    [
      'project/README.md',
      [setProperty(demoStatus, 'draft'), setProperty(demoPriority, 2), setProperty(davProps.displayname, 'Read me first')],
    ],
    ['project/docs/guide.md', [setProperty(demoStatus, 'review'), setProperty(demoPriority, 1)]],
  ]
  const rows: CellInput[][] = []
  for (const [path, instructions] of plan) {
    const result = await parties.dav.proppatch(`${folder.name}/${path}`, instructions)
    if (!('outcomes' in result)) {
      rows.push([path, '(all)', 'set', { text: 'no report', tone: 'warn' }, String(result.status), ''])
      continue
    }
    for (const outcome of result.outcomes) rows.push(outcomeRow(path, outcome))
  }
  out.table(OUTCOME_COLUMNS, rows)
}

async function listTree(parties: SessionParties, folder: SessionFolder, out: Output): Promise<void> {
  out.section('List the tree (PROPFIND Depth 1, typed properties)')
  const rows: CellInput[][] = []
  const seen = new Set<string>()
  for (const collection of ['project/', 'project/docs/', 'project/images/']) {
    const listing = await parties.dav.propfind(`${folder.name}/${collection}`, { depth: 1, props: LISTING_PROPS })
    for (const entry of listing.responses) {
      if (entry.kind !== 'resource') {
        // A status response (one status for hrefs) or a malformed one: shown, never dropped.
        const what = entry.kind === 'status' ? statusCell(entry.status) : { text: `malformed: ${entry.problem}`, tone: 'bad' as const }
        rows.push([entry.hrefs.map((href) => relativePath(href, folder.path)).join(', '), what])
        continue
      }
      const path = relativePath(entry.href, folder.path)
      if (seen.has(path)) continue
      seen.add(path)
      const { props } = entry
      rows.push([
        path,
        propertyCell(props.type),
        propertyCell(props.size),
        propertyCell(props.modified),
        propertyCell(props.etag),
        propertyCell(props.name),
        propertyCell(props.status),
        propertyCell(props.priority),
      ])
    }
  }
  out.table(
    [
      { heading: 'Path' },
      { heading: 'D:resourcetype' },
      { heading: 'D:getcontentlength', align: 'right' },
      { heading: 'D:getlastmodified' },
      { heading: 'D:getetag' },
      { heading: 'D:displayname' },
      { heading: 'demo:status' },
      { heading: 'demo:priority', align: 'right' },
    ],
    rows,
  )
  out.note('Values are typed by their codecs: lengths and demo:priority are numbers, dates are Date objects,')
  out.note('etags are parsed entity tags; a status in place of a value is what the server answered for that property.')
}

async function failAtomically(parties: SessionParties, folder: SessionFolder, out: Output): Promise<void> {
  const path = 'project/README.md'
  out.section(`PROPPATCH that fails atomically (${path})`)
  const result = await parties.dav.proppatch(`${folder.name}/${path}`, [
    setProperty(demoStatus, 'approved'),
    setProperty({ namespace: 'DAV:', local: 'getetag' }, '"forged-etag"'),
    removeProperty(demoPriority),
  ])
  out.line(`Result: ${proppatchVerdict(result)}`, result.kind === 'rejected' ? 'warn' : 'plain')
  if ('outcomes' in result)
    out.table(
      OUTCOME_COLUMNS,
      result.outcomes.map((outcome) => outcomeRow(path, outcome)),
    )
  const after = await parties.dav.propfind(`${folder.name}/${path}`, { depth: 0, props: { status: demoStatus, priority: demoPriority } })
  const resource = after.resources[0]
  if (resource === undefined) {
    out.line('Check: the resource was not reported by PROPFIND', 'bad')
    return
  }
  const status = propertyCell(resource.props.status).text
  const priority = propertyCell(resource.props.priority).text
  const untouched = status === '"draft"' && priority === '2'
  out.line(
    `Check: demo:status is ${status} and demo:priority is ${priority} after it: ${untouched ? 'nothing was applied' : 'the properties changed'}`,
    untouched ? 'good' : 'bad',
  )
}

async function showLocks(locks: readonly HeldLock[], folder: SessionFolder, out: Output): Promise<void> {
  out.table(
    [{ heading: 'Locked path' }, { heading: 'Held by' }, { heading: 'Scope' }, { heading: 'Token' }],
    locks.map((held) => [held.path.slice(folder.name.length + 1), 'someone else', 'exclusive, depth 0', held.token]),
  )
}

async function whereNow(parties: SessionParties, folder: SessionFolder, out: Output, paths: readonly string[]): Promise<void> {
  const rows: CellInput[][] = []
  for (const path of paths) {
    const present = await exists(parties.dav, `${folder.name}/${path}`)
    rows.push([path, present ? { text: 'exists', tone: 'good' } : { text: 'absent', tone: 'dim' }])
  }
  out.table([{ heading: 'Afterwards' }, { heading: 'State' }], rows)
}

async function copyAndMove(parties: SessionParties, folder: SessionFolder, out: Output, locks: HeldLock[]): Promise<void> {
  const { dav, other } = parties
  const at = (path: string): string => `${folder.name}/${path}`
  out.section('COPY and MOVE of a collection with a member locked by someone else')
  const first = await dav.copy(at('project/'), at('backup/'))
  out.line(`COPY project/ -> backup/ (a first copy, nothing locked): ${transferVerdict(first)}`)

  locks.push(await lock(other, at('backup/docs/notes.txt'), 'someone else (davkit demo)'))
  locks.push(await lock(other, at('project/docs/notes.txt'), 'someone else (davkit demo)'))
  out.line('Someone else (a second client with its own lock tokens) now locks one member in each tree:')
  await showLocks(locks, folder, out)

  const copied = await dav.copy(at('project/'), at('backup/'), { overwrite: true })
  out.line(
    `COPY project/ -> backup/ (Overwrite: T, backup/docs/notes.txt locked): ${transferVerdict(copied)}`,
    copied.kind === 'partial' ? 'warn' : 'plain',
  )
  transferTable(out, copied, folder)

  const moved = await dav.move(at('project/'), at('moved/'))
  out.line(
    `MOVE project/ -> moved/ (project/docs/notes.txt locked): ${transferVerdict(moved)}`,
    moved.kind === 'partial' ? 'warn' : 'plain',
  )
  transferTable(out, moved, folder)
  await whereNow(parties, folder, out, [
    'project/README.md',
    'moved/README.md',
    'project/docs/notes.txt',
    'moved/docs/notes.txt',
    'backup/docs/guide.md',
  ])
}

async function cleanUp(parties: SessionParties, folder: SessionFolder, locks: readonly HeldLock[], out: Output): Promise<void> {
  out.section('Clean up')
  for (const held of locks) await unlock(parties.other, held)
  await remove(parties.dav, `${folder.name}/`)
  const gone = !(await exists(parties.dav, `${folder.name}/`))
  out.line(
    `Released ${locks.length} lock(s), deleted ${folder.name}/: ${gone ? 'PROPFIND now answers 404, the folder is gone' : 'the folder is STILL THERE'}`,
    gone ? 'good' : 'bad',
  )
  if (!gone) throw new Error(`${folder.name}/ still exists after DELETE`)
}

/**
 * The demo's session, the same against the fake server and a real one: everything happens inside
 * a fresh folder below the base URL, which is removed at the end, also when a step failed or
 * `stop` was aborted (the steps left are skipped).
 */
export async function runSession(
  parties: SessionParties,
  out: Output,
  stop: AbortSignal = new AbortController().signal,
  faults?: TransferFaults,
): Promise<void> {
  const folder = sessionFolder(parties.dav)
  out.line(`Session folder: ${folder.path}`)
  await makeCollection(parties.dav, `${folder.name}/`)
  // Filled as locks are taken, so that cleanup releases them whatever step failed.
  const locks: HeldLock[] = []
  let failure: unknown
  const steps = [
    () => buildTree(parties, folder, out),
    () => setProperties(parties, folder, out),
    () => listTree(parties, folder, out),
    () => failAtomically(parties, folder, out),
    () => copyAndMove(parties, folder, out, locks),
    () => transferTheFile(parties.dav, folder.name + '/', out, faults),
  ]
  try {
    for (const step of steps) {
      // Interrupted (Ctrl-C): skip the remaining steps, but still clean up.
      stop.throwIfAborted()
      await step()
    }
  } catch (error) {
    failure = error
  }
  try {
    await cleanUp(parties, folder, locks, out)
  } catch (error) {
    // The step's own failure matters more than the cleanup's; report both when both failed.
    if (failure === undefined) throw error
    out.line(`Cleanup failed too: ${error instanceof Error ? error.message : String(error)}`, 'bad')
  }
  if (failure !== undefined) throw failure
}
