import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/**
 * The content of every benchmark transfer, as a function of the offset: a fixed 1 MiB
 * pseudo-random block repeated, with the block's index stamped (XOR) into its first 8 bytes. Nobody stores
 * the file: the server and the client make or check each piece as it passes. A piece placed at a
 * wrong offset is caught: within a block the pseudo-random bytes differ, and a shift by whole
 * blocks changes the stamp.
 */

/** Bytes per block: the period of the content. */
export const BLOCK_SIZE = 1024 * 1024

const STAMP_BYTES = 8

/** The block every block is a copy of, before its index is stamped in (xorshift32, a fixed seed). */
const BASE_BLOCK: Buffer = (() => {
  const block = Buffer.allocUnsafe(BLOCK_SIZE)
  let state = 0x9e3779b9
  for (let at = 0; at < BLOCK_SIZE; at += 4) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    block.writeUInt32LE(state >>> 0, at)
  }
  return block
})()

const BASE_STAMP = BASE_BLOCK.readBigUInt64LE(0)

function stamp(block: Buffer, index: number): void {
  block.writeBigUInt64LE(BASE_STAMP ^ BigInt(index), 0)
}

/** A new buffer holding block `index` whole: safe to hand to a socket or a stream, which may keep it. */
export function contentBlock(index: number): Buffer<ArrayBuffer> {
  const block = Buffer.allocUnsafe(BLOCK_SIZE)
  BASE_BLOCK.copy(block)
  stamp(block, index)
  return block
}

/** A new buffer of the content from `offset`, `length` bytes long. */
export function contentAt(offset: number, length: number): Buffer<ArrayBuffer> {
  const bytes = Buffer.allocUnsafe(length)
  let done = 0
  while (done < length) {
    const index = Math.floor((offset + done) / BLOCK_SIZE)
    const within = offset + done - index * BLOCK_SIZE
    const count = Math.min(length - done, BLOCK_SIZE - within)
    BASE_BLOCK.copy(bytes, done, within, within + count)
    // The stamp's bytes that fall inside this piece.
    for (let byte = within; byte < Math.min(STAMP_BYTES, within + count); byte++) {
      bytes[done + byte - within] = (BASE_BLOCK[byte] ?? 0) ^ Number((BigInt(index) >> BigInt(8 * byte)) & 0xffn)
    }
    done += count
  }
  return bytes
}

// One block kept for comparisons only (never handed out), restamped when the index changes.
const comparison = Buffer.from(BASE_BLOCK)
let comparisonIndex = -1

function comparisonBlock(index: number): Buffer {
  if (index !== comparisonIndex) {
    stamp(comparison, index)
    comparisonIndex = index
  }
  return comparison
}

/**
 * The absolute offset of the first byte of `bytes` (which claims to be the content at `offset`)
 * that differs from the content, or -1 when all match. Holds nothing beyond one block.
 */
export function firstMismatch(bytes: Uint8Array, offset: number): number {
  let done = 0
  while (done < bytes.byteLength) {
    const at = offset + done
    const index = Math.floor(at / BLOCK_SIZE)
    const within = at - index * BLOCK_SIZE
    const count = Math.min(bytes.byteLength - done, BLOCK_SIZE - within)
    const expected = comparisonBlock(index).subarray(within, within + count)
    const piece = bytes.subarray(done, done + count)
    if (Buffer.compare(piece, expected) !== 0) {
      for (let byte = 0; byte < count; byte++) if (piece[byte] !== expected[byte]) return at + byte
    }
    done += count
  }
  return -1
}

/** Content that is not what the generator makes at that offset. */
export class ContentMismatchError extends Error {
  override readonly name = 'ContentMismatchError'
}

/**
 * Checks a transfer's bytes as they arrive, in order, against the content: throws a
 * {@link ContentMismatchError} naming the first wrong offset, or bytes past `size`.
 */
export class ContentChecker {
  readonly size: number
  #offset = 0

  constructor(size: number) {
    this.size = size
  }

  /** Bytes checked so far. */
  get offset(): number {
    return this.#offset
  }

  check(bytes: Uint8Array): void {
    if (this.#offset + bytes.byteLength > this.size) {
      throw new ContentMismatchError(`${this.#offset + bytes.byteLength} bytes arrived, the file has ${this.size}`)
    }
    const wrong = firstMismatch(bytes, this.#offset)
    if (wrong !== -1) throw new ContentMismatchError(`the bytes differ from the content at offset ${wrong}`)
    this.#offset += bytes.byteLength
  }

  /** Throws unless every byte of the file arrived. */
  finish(): void {
    if (this.#offset !== this.size) throw new ContentMismatchError(`${this.#offset} bytes arrived, the file has ${this.size}`)
  }
}

/**
 * A stream of the content, `size` bytes, made as it is read (one fresh block per pull, as a file
 * read would give), so that a 1 GiB upload source holds about one block.
 */
export function contentStream(size: number, pieceSize = BLOCK_SIZE): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= size) {
          controller.close()
          return
        }
        const length = Math.min(pieceSize, size - offset)
        controller.enqueue(
          offset % BLOCK_SIZE === 0 && length === BLOCK_SIZE ? contentBlock(offset / BLOCK_SIZE) : contentAt(offset, length),
        )
        offset += length
      },
    },
    { highWaterMark: 0 },
  )
}

/** Writes the content's first `size` bytes to a file, for uploads from a file on disk. */
export async function writeContentFile(path: string, size: number): Promise<void> {
  await pipeline(Readable.fromWeb(contentStream(size) as import('node:stream/web').ReadableStream<Uint8Array>), createWriteStream(path))
}
