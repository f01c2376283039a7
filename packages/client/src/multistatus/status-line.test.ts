import { describe, expect, it } from 'vitest'
import { parseStatusLine } from './status-line.ts'

describe('parseStatusLine', () => {
  it.each([
    ['HTTP/1.1 200 OK', 200, 'success', 'OK'],
    ['HTTP/1.1 404 Not Found', 404, 'client-error', 'Not Found'],
    ['HTTP/1.1 200', 200, 'success', undefined],
    ['HTTP/1.1 424 (status)', 424, 'client-error', '(status)'],
    ['HTTP/1.1 423 Resource Locked', 423, 'client-error', 'Resource Locked'],
    ['HTTP/1.0 507 Insufficient Storage', 507, 'server-error', 'Insufficient Storage'],
    ['HTTP/2 302 Found', 302, 'redirection', 'Found'],
    ['HTTP/2.0 201 Created', 201, 'success', 'Created'],
    ['http/1.1 204 No Content', 204, 'success', 'No Content'],
    ['  \n\tHTTP/1.1   403\n   Forbidden  \n', 403, 'client-error', 'Forbidden'],
    ['HTTP/1.1 409 Conflict\r\n', 409, 'client-error', 'Conflict'],
    ['HTTP/1.1 299 Weird Success', 299, 'success', 'Weird Success'],
    ['HTTP/1.1 599 Network Read Timeout', 599, 'server-error', 'Network Read Timeout'],
    ['HTTP/1.1 450 Blocked  By   Policy', 450, 'client-error', 'Blocked By Policy'],
    ['200 OK', 200, 'success', 'OK'],
  ])('parses %j', (line, code, statusClass, reason) => {
    expect(parseStatusLine(line)).toEqual({ kind: 'status', code, class: statusClass, reason, line })
  })

  it('keeps the line exactly as sent', () => {
    const line = ' HTTP/1.1 200 OK '
    const parsed = parseStatusLine(line)
    expect(parsed.kind === 'status' && parsed.line).toBe(line)
  })

  it('reports a missing status', () => {
    expect(parseStatusLine(undefined)).toEqual({ kind: 'status-problem', problem: 'missing', line: undefined })
  })

  it.each([
    ['', undefined],
    ['   \n  ', '   \n  '],
  ])('reports an empty status %j', (text, line) => {
    expect(parseStatusLine(text)).toEqual({ kind: 'status-problem', problem: 'empty', line })
  })

  it.each([
    'OK',
    'HTTP/1.1 OK',
    'HTTP/1.1 2000 OK',
    'HTTP/1.1 20 OK',
    'banana 200',
    'HTTP/1.1 099 Odd',
    'HTTP/1.1 600 Beyond',
    'HTTP/1.1 abc',
    'HTTP/x 200 OK',
  ])('reports garbled text %j', (line) => {
    expect(parseStatusLine(line)).toEqual({ kind: 'status-problem', problem: 'garbled', line })
  })

  it.each(['HTTP/1.1 100 Continue', 'HTTP/1.1 102 Processing', 'HTTP/1.1 199'])('refuses an informational status %j', (line) => {
    expect(parseStatusLine(line)).toEqual({ kind: 'status-problem', problem: 'informational', line })
  })

  it('returns the same result for a repeated line', () => {
    expect(parseStatusLine('HTTP/1.1 207 Multi-Status')).toBe(parseStatusLine('HTTP/1.1 207 Multi-Status'))
  })
})
