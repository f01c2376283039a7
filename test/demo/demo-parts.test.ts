import { describe, expect, it } from 'vitest'
import { DemoConfigError, printableUrl, readTarget } from '../../scripts/demo/environment.ts'
import { createStyler, wantsColour } from '../../scripts/demo/style.ts'
import { renderTable } from '../../scripts/demo/table.ts'

describe('renderTable', () => {
  it('aligns columns on the visible text, right-aligning where asked', () => {
    const table = renderTable(
      [{ heading: 'Path' }, { heading: 'Size', align: 'right' }],
      [
        ['a.txt', '5'],
        ['longer-name.md', '12345'],
      ],
      createStyler(false),
      '',
    )
    expect(table.split('\n')).toEqual(['Path             Size', '--------------  -----', 'a.txt               5', 'longer-name.md  12345'])
  })

  it('keeps the alignment when cells are coloured', () => {
    const rows = [[{ text: 'ok', tone: 'good' as const }, 'x'], ['failure', 'y']]
    const plain = renderTable([{ heading: 'A' }, { heading: 'B' }], rows, createStyler(false))
    const coloured = renderTable([{ heading: 'A' }, { heading: 'B' }], rows, createStyler(true))
    expect(coloured).toContain('\u001b[32mok\u001b[39m')
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain)
  })
})

describe('colour', () => {
  it('only on a terminal, and never with NO_COLOR', () => {
    expect(wantsColour({ isTTY: true }, {})).toBe(true)
    expect(wantsColour({ isTTY: false }, {})).toBe(false)
    expect(wantsColour({}, {})).toBe(false)
    expect(wantsColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false)
  })
})

describe('readTarget', () => {
  it('uses the fake server without DAV_URL', () => {
    expect(readTarget({})).toEqual({ kind: 'fake' })
    expect(readTarget({ DAV_URL: '  ' })).toEqual({ kind: 'fake' })
  })

  it('reads Basic credentials or a token, never both', () => {
    const basic = readTarget({ DAV_URL: 'https://dav.example.com/files', DAV_USERNAME: 'alice', DAV_PASSWORD: 'pw' })
    expect(basic).toMatchObject({ kind: 'remote', auth: { username: 'alice', password: 'pw' }, authLabel: 'Basic as alice' })
    expect(basic.kind === 'remote' && basic.url.href).toBe('https://dav.example.com/files/')
    expect(readTarget({ DAV_URL: 'https://dav.example.com/', DAV_TOKEN: 't0k' })).toMatchObject({ auth: { token: 't0k' } })
    expect(() => readTarget({ DAV_URL: 'https://dav.example.com/', DAV_TOKEN: 't', DAV_USERNAME: 'a' })).toThrow(DemoConfigError)
  })

  it('refuses what is not an http(s) URL', () => {
    expect(() => readTarget({ DAV_URL: 'dav.example.com' })).toThrow(/not an absolute URL/)
    expect(() => readTarget({ DAV_URL: 'ftp://dav.example.com/' })).toThrow(/must be http or https/)
  })

  it('prints URLs without userinfo or query', () => {
    expect(printableUrl('https://alice:secret@dav.example.com/a/?token=x#f')).toBe('https://dav.example.com/a/')
    const fromUrl = readTarget({ DAV_URL: 'https://alice:secret@dav.example.com/' })
    expect(fromUrl.kind === 'remote' && fromUrl.authLabel).toBe('Basic as alice (from DAV_URL)')
  })
})
