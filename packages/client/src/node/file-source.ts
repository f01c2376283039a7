import { open } from 'node:fs/promises'
import { SourceReadError } from '../errors/source-read-error.ts'
import type { ChunkSource } from '../files/upload/chunk-source.ts'

/**
 * A source over a file on disk, for `files.upload`: each read is a positioned read of the open
 * file, so the file is never held whole. The size is the one the file had when opened; a file
 * that shrinks meanwhile fails the read with `SourceReadError` (`size-mismatch`).
 *
 * @example
 * await files.upload('backups/disk.img', await fileSource('/var/backups/disk.img'))
 */
export async function fileSource(path: string): Promise<ChunkSource> {
  const handle = await open(path, 'r')
  let size: number
  try {
    size = (await handle.stat()).size
  } catch (error) {
    await handle.close()
    throw error
  }
  return {
    size,
    async read(offset, length) {
      const want = Math.max(0, Math.min(length, size - offset))
      const out = new Uint8Array(want)
      let filled = 0
      while (filled < want) {
        const { bytesRead } = await handle.read(out, filled, want - filled, offset + filled)
        if (bytesRead === 0) throw new SourceReadError('size-mismatch', offset + filled, size)
        filled += bytesRead
      }
      return out
    },
    release: () => undefined,
    close: () => handle.close(),
  }
}
