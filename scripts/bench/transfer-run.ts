import { forgetTransferFile, registerTransferFile, transferCounts } from './transfer-control.ts'
import { TRANSFER_ROLES, transferContenders } from './transfer-contenders.ts'
import type { WorkerResult, WorkerTask } from './worker-protocol.ts'

type TransferTask = Extract<WorkerTask, { kind: 'transfer' }>

const collect = (globalThis as { gc?: () => void }).gc ?? ((): void => {})

/**
 * Runs one transfer in this process: registers the file (size, cuts) with the server, moves it,
 * then asks the server what it counted. Fails when a byte was wrong on either side, when the
 * server does not hold the whole upload, or when a cut asked for did not happen (a transfer that
 * was never cut proves nothing about resuming).
 */
export async function measureTransfer(task: TransferTask): Promise<WorkerResult> {
  const contender = transferContenders[task.contender]
  const { direction } = TRANSFER_ROLES[task.contender]
  const path = task.path.replace(/^\//, '')
  await registerTransferFile(task.url, { path: `/${path}`, size: task.size, cuts: task.cuts, direction })
  collect()
  const baselineRss = process.memoryUsage.rss()
  const started = performance.now()
  const outcome = await contender({ baseUrl: task.url, path, size: task.size, chunkSize: task.chunkSize, sourceFile: task.sourceFile })
  const elapsed = performance.now() - started
  const heap = process.memoryUsage().heapUsed
  collect()
  const after = process.memoryUsage()
  const heldAfterGc = after.heapUsed + after.arrayBuffers
  const server = await transferCounts(task.url, `/${path}`)
  await forgetTransferFile(task.url, `/${path}`)
  if (server.failure !== undefined) throw new Error(`the server found: ${server.failure}`)
  if (!server.complete) throw new Error(`the server holds ${server.held} of ${task.size} bytes`)
  if (outcome.bytes !== task.size) throw new Error(`the contender moved ${outcome.bytes} of ${task.size} bytes`)
  if (server.cuts !== task.cuts.length) throw new Error(`${server.cuts} of the ${task.cuts.length} cuts happened`)
  const resumes = outcome.resumes ?? (direction === 'download' ? Math.max(0, (server.requests['GET'] ?? 0) - 1) : undefined)
  return {
    times: [elapsed],
    entries: outcome.bytes,
    baselineRss,
    peakRss: process.resourceUsage().maxRSS * 1024,
    peakHeapAfterRun: heap,
    transfer: { server, resumes, clientBytesSent: outcome.bytesSent, mechanism: outcome.mechanism, heldAfterGc },
  }
}
