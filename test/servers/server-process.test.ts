import { access, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { launch, makeServerDirs, ServerStartError, withFreePort } from './server-process.ts'
import type { RunningServer } from './types.ts'

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

describe('launch', () => {
  it('quotes the output and the error log tail of a server that exits, and removes its directories', async () => {
    const dirs = await makeServerDirs('apache')
    const errorLogPath = join(dirs.conf, 'error.log')
    await writeFile(errorLogPath, '[core:emerg] AH00526: Syntax error on line 3\n')
    const failure = launch({
      name: 'apache',
      command: 'sh',
      args: ['-c', 'echo "bad config" >&2; exit 3'],
      dirs,
      url: 'http://127.0.0.1:9/',
      errorLogPath,
    })
    await expect(failure).rejects.toThrow(ServerStartError)
    await expect(failure).rejects.toThrow(/apache did not start: exited with 3[\s\S]*bad config[\s\S]*AH00526: Syntax error/)
    await expect(failure).rejects.toMatchObject({ addressInUse: false })
    expect(await exists(dirs.root)).toBe(false)
  })

  it('flags "address already in use" so that the caller tries another port', async () => {
    const dirs = await makeServerDirs('nginx')
    const failure = launch({
      name: 'nginx',
      command: 'sh',
      args: ['-c', 'echo "bind() to 127.0.0.1:8080 failed (98: Address already in use)" >&2; exit 1'],
      dirs,
      url: 'http://127.0.0.1:9/',
    })
    await expect(failure).rejects.toMatchObject({ addressInUse: true })
  })
})

describe('withFreePort', () => {
  const fakeServer = (port: number): RunningServer => ({
    name: 'rclone',
    url: `http://127.0.0.1:${port}/`,
    dataDir: '/nonexistent',
    errorLog: async () => '',
    stop: async () => {},
  })

  it('retries with a new port when the port was taken, and only then', async () => {
    const ports: number[] = []
    const server = await withFreePort(async (port) => {
      ports.push(port)
      if (ports.length < 3) throw new ServerStartError('taken', true)
      return fakeServer(port)
    })
    expect(ports).toHaveLength(3)
    expect(server.url).toBe(`http://127.0.0.1:${ports[2]}/`)

    let calls = 0
    await expect(
      withFreePort(async () => {
        calls++
        throw new ServerStartError('config error', false)
      }),
    ).rejects.toThrow('config error')
    expect(calls).toBe(1)
  })

  it('gives up after a few attempts', async () => {
    let calls = 0
    await expect(
      withFreePort(async () => {
        calls++
        throw new ServerStartError(`taken ${calls}`, true)
      }),
    ).rejects.toThrow('taken 5')
    expect(calls).toBe(5)
  })
})
