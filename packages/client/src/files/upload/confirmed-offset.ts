import type { ChunkSource } from './chunk-source.ts'
import type { UploadPlan } from './upload-mechanism.ts'

/** Whether `source` gives the bytes at `offset` again (a seekable one does; a stream past them does not). */
export async function canReadAgain(source: ChunkSource, offset: number): Promise<boolean> {
  return (await source.read(offset, 1).catch(() => undefined)) !== undefined
}

/**
 * How far the server confirmed holding an upload from its first byte: the source may let go of
 * what lies before (a stream keeps only the rest), and progress hears it once, never going back.
 */
export class ConfirmedOffset {
  private released = 0
  private reported = -1
  private readonly plan: UploadPlan

  constructor(plan: UploadPlan) {
    this.plan = plan
  }

  /** The server holds every byte before `offset`. */
  confirm(offset: number): void {
    const { source, onProgress } = this.plan
    if (offset > this.released) {
      source.release(offset)
      this.released = offset
    }
    if (offset > this.reported) {
      this.reported = offset
      onProgress?.({ loaded: offset, total: source.size })
    }
  }

  /** Whether sending can go on from `offset`: not behind what the source let go, unless it reads any offset again. */
  async canGoBackTo(offset: number): Promise<boolean> {
    return offset >= this.released || (await canReadAgain(this.plan.source, offset))
  }
}
