import { describe, expect, test } from 'vitest'
import { InvalidRequestError } from '../errors/invalid-request-error.ts'
import { parseBaseUrl } from './base-url.ts'
import { encodePath } from './encode-path.ts'
import { resolveTarget } from './resolve-target.ts'

describe('encodePath', () => {
  test.each([
    ['My file #1.txt', 'My%20file%20%231.txt'],
    ['what?.txt', 'what%3F.txt'],
    ['100%.txt', '100%25.txt'],
    ['a%20b', 'a%2520b'],
    ['Ünïcödé/日本語.txt', '%C3%9Cn%C3%AFc%C3%B6d%C3%A9/%E6%97%A5%E6%9C%AC%E8%AA%9E.txt'],
    ['Documents/', 'Documents/'],
    ['/Documents/a b/', 'Documents/a%20b/'],
    ['', ''],
  ])('%s -> %s', (path, encoded) => {
    expect(encodePath(path)).toBe(encoded)
  })

  test('each segment round-trips through decodeURIComponent', () => {
    const names = ['a b', '#', '?', '%', '%41', 'é', '😀', 'semi;colon', 'plus+sign', "it's (1)"]
    for (const name of names) {
      expect(decodeURIComponent(encodePath(name))).toBe(name)
    }
  })

  test.each(['a/../b', './a', 'a/.', 'a//b'])('refuses %s', (path) => {
    expect(() => encodePath(path)).toThrow(InvalidRequestError)
  })

  test('refuses a lone surrogate', () => {
    expect(() => encodePath('bad\ud800')).toThrow(InvalidRequestError)
  })
})

describe('parseBaseUrl', () => {
  test('adds the trailing slash, keeps an existing one', () => {
    expect(parseBaseUrl('https://h.example/remote.php/dav/files/alice').url.href).toBe('https://h.example/remote.php/dav/files/alice/')
    expect(parseBaseUrl('https://h.example/dav/').url.href).toBe('https://h.example/dav/')
  })

  test('moves userinfo to credentials', () => {
    const base = parseBaseUrl('https://al%40ice:p%3Ass@h.example/dav')
    expect(base.url.href).toBe('https://h.example/dav/')
    expect(base.credentials).toEqual({ username: 'al@ice', password: 'p:ss' })
  })

  test.each(['not a url', 'ftp://h.example/', 'https://h.example/dav?x=1'])('refuses %s', (input) => {
    expect(() => parseBaseUrl(input)).toThrow(InvalidRequestError)
  })
})

describe('resolveTarget', () => {
  const base = parseBaseUrl('https://h.example/dav/files/alice').url
  test('a string path is relative to the base URL, leading slash or not', () => {
    expect(resolveTarget(base, 'Documents/a b.txt').href).toBe('https://h.example/dav/files/alice/Documents/a%20b.txt')
    expect(resolveTarget(base, '/Documents/').href).toBe('https://h.example/dav/files/alice/Documents/')
    expect(resolveTarget(base, '').href).toBe('https://h.example/dav/files/alice/')
  })
  test('a URL or href is used as it is, without userinfo or fragment', () => {
    expect(resolveTarget(base, new URL('https://u:p@h.example/x%20y#frag')).href).toBe('https://h.example/x%20y')
    expect(resolveTarget(base, { raw: '/x', url: 'https://h.example/x', path: '/x' }).href).toBe('https://h.example/x')
  })
  test('an href that could not be resolved is refused', () => {
    expect(() => resolveTarget(base, { raw: 'http://[', url: undefined, path: 'http://[' })).toThrow(InvalidRequestError)
  })
})
