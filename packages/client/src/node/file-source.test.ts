import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { fileSource } from './file-source.ts'

describe('fileSource', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'davkit-file-source-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('reads at offsets, clipped at the end, with the size the file had when opened', async () => {
    const path = join(dir, 'a.bin')
    await writeFile(
      path,
      Uint8Array.from({ length: 300 }, (_, i) => i & 0xff),
    )
    const source = await fileSource(path)
    expect(source.size).toBe(300)
    expect(Array.from(await source.read(255, 3))).toEqual([255, 0, 1])
    expect(await source.read(290, 100)).toHaveLength(10)
    expect(await source.read(300, 10)).toHaveLength(0)
    await source.close()
  })

  test('a file that shrank meanwhile fails the read with size-mismatch', async () => {
    const path = join(dir, 'b.bin')
    await writeFile(path, new Uint8Array(100))
    const source = await fileSource(path)
    await truncate(path, 40)
    await expect(source.read(20, 50)).rejects.toMatchObject({ code: 'source-read', reason: 'size-mismatch' })
    await source.close()
  })

  test('a missing file rejects when opened', async () => {
    await expect(fileSource(join(dir, 'nope'))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
