/**
 * A benchmark child process: runs one {@link WorkerTask} (given as JSON in argv[2]) in a fresh
 * heap, and prints a {@link WorkerResult} line. Run with `--expose-gc` so that each run starts
 * from a collected heap.
 */
import { generateListing } from './listing-body.ts'
import { RESULT_PREFIX, type WorkerResult, type WorkerTask } from './worker-protocol.ts'

const collect = (globalThis as { gc?: () => void }).gc ?? ((): void => {})

/** The tasks measured here in repeated runs; a transfer is one run of its own (`transfer-run.ts`). */
type RepeatedTask = Exclude<WorkerTask, { kind: 'transfer' }>

async function prepare(task: RepeatedTask): Promise<() => Promise<number>> {
  switch (task.kind) {
    // Each kind's modules are loaded only when measured: peak RSS is then the contender's own.
    case 'decode': {
      const { decodeContenders } = await import('./decode-contenders.ts')
      const body = generateListing(task.entries)
      const decode = decodeContenders[task.contender]
      return async () => decode(body)
    }
    case 'served': {
      const { servedContenders } = await import('./served-contenders.ts')
      const request = await servedContenders[task.contender](task.url)
      return () => request(task.depth)
    }
    case 'fake-server': {
      const { runFakeServerSuite } = await import('./fake-server-suite.ts')
      return async () => (await runFakeServerSuite(task.mode, task.tests)).requests
    }
  }
}

function expectedEntries(task: RepeatedTask): number {
  switch (task.kind) {
    case 'decode':
      return task.entries
    case 'served':
      return task.entries
    case 'fake-server':
      return task.tests * 5
  }
}

async function measure(task: RepeatedTask): Promise<WorkerResult> {
  const run = await prepare(task)
  const expected = expectedEntries(task)
  collect()
  const baselineRss = process.memoryUsage.rss()
  let entries = 0
  let peakHeapAfterRun = 0
  let peakHeapCommittedAfterRun = 0
  const times: number[] = []
  // A full collection before each run levels the field for big listings; for tiny requests it would
  // cost more than the request and disturb what is measured, so Depth 0 runs go without it.
  const collectEachRun = !(task.kind === 'served' && task.depth === 0)
  for (let index = 0; index < task.warmup + task.runs; index++) {
    if (collectEachRun) collect()
    const started = performance.now()
    entries = await run()
    const elapsed = performance.now() - started
    const heap = process.memoryUsage()
    peakHeapAfterRun = Math.max(peakHeapAfterRun, heap.heapUsed)
    peakHeapCommittedAfterRun = Math.max(peakHeapCommittedAfterRun, heap.heapTotal)
    if (entries !== expected) throw new Error(`expected ${expected} entries, the contender produced ${entries}`)
    if (index >= task.warmup) times.push(elapsed)
  }
  return { times, entries, baselineRss, peakRss: process.resourceUsage().maxRSS * 1024, peakHeapAfterRun, peakHeapCommittedAfterRun }
}

const argument = process.argv[2]
if (argument === undefined) {
  process.stderr.write('usage: worker.ts <task as JSON>\n')
  process.exit(2)
}
const task = JSON.parse(argument) as WorkerTask
const result = task.kind === 'transfer' ? await (await import('./transfer-run.ts')).measureTransfer(task) : await measure(task)
process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`)
// Clients may keep connections open; the result is out, so end now.
process.exit(0)
