import { describe, expect, it } from 'vitest'
import { DemoConfigError, printableUrl, readTarget } from '../../scripts/demo/environment.ts'
import { createStyler, wantsColour } from '../../scripts/demo/style.ts'
import { renderTable } from '../../scripts/demo/table.ts'
import { outputWidth, wrapText } from '../../scripts/demo/wrap.ts'

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
    const rows = [
      [{ text: 'ok', tone: 'good' as const }, 'x'],
      ['failure', 'y'],
    ]
    const plain = renderTable([{ heading: 'A' }, { heading: 'B' }], rows, createStyler(false))
    const coloured = renderTable([{ heading: 'A' }, { heading: 'B' }], rows, createStyler(true))
    expect(coloured).toContain('\u001b[32mok\u001b[39m')
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain)
  })
})

describe('renderTable in a narrow terminal', () => {
  const columns = [{ heading: 'Resource' }, { heading: 'Status' }, { heading: 'DAV error' }]
  const rows = [
    ['project/README.md', '403 Forbidden', 'cannot-modify-protected-property'],
    ['project/docs/notes.txt', '424 Failed Dependency', ''],
  ]

  it('wraps cells within their columns at spaces, - and /, losing no text', () => {
    const lines = renderTable(columns, rows, createStyler(false), '', 40).split('\n')
    expect(lines.every((line) => line.length <= 40)).toBe(true)
    expect(lines.length).toBeGreaterThan(2 + rows.length)
    const text = lines.slice(2).join(' ')
    for (const word of ['403', 'Forbidden', '424', 'Failed', 'Dependency', 'cannot-', 'protected-', 'README.md'])
      expect(text).toContain(word)
  })

  it('prints one record per row when the columns cannot fit', () => {
    const lines = renderTable(columns, rows, createStyler(false), '', 30).split('\n')
    expect(lines.every((line) => line.length <= 30)).toBe(true)
    expect(lines).toContain('Resource: project/README.md')
    expect(lines).toContain('  Status     403 Forbidden')
    expect(lines.filter((line) => line.includes('424 Failed'))).toHaveLength(1)
  })

  it('keeps a table that fits as it is', () => {
    const wide = renderTable(columns, rows, createStyler(false), '', 200)
    expect(wide.split('\n')).toHaveLength(2 + rows.length)
    expect(renderTable(columns, rows, createStyler(false), '')).toBe(wide)
  })
})

describe('wrapText', () => {
  it('breaks at spaces, after - and /, and inside a piece only when it must', () => {
    expect(wrapText('a  bb ccc', 4)).toEqual(['a bb', 'ccc'])
    expect(wrapText('lock-token-submitted', 12)).toEqual(['lock-token-', 'submitted'])
    expect(wrapText('project/docs/notes.txt', 14)).toEqual(['project/docs/', 'notes.txt'])
    expect(wrapText('opaquelocktoken', 6)).toEqual(['opaque', 'lockto', 'ken'])
    expect(wrapText('', 10)).toEqual([''])
  })

  it('takes the width from the terminal, else COLUMNS, else 80', () => {
    expect(outputWidth({ isTTY: true, columns: 120 }, { COLUMNS: '60' })).toBe(120)
    expect(outputWidth({ isTTY: false }, { COLUMNS: '60' })).toBe(60)
    expect(outputWidth({}, { COLUMNS: 'wide' })).toBe(80)
    expect(outputWidth({}, {})).toBe(80)
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
