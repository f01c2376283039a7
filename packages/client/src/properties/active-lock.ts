import type { ActiveLock, CodecResult, LockDepth, LockOwner, LockTimeout, XmlElement } from '@davkit/types'
import { textOf } from '../xml/element-text.ts'
import { decoded, undecodable } from './codec-result.ts'
import { davChild } from './element-children.ts'
import { parseLockScope, parseLockType } from './lock-parts.ts'

function parseDepth(activelock: XmlElement): CodecResult<LockDepth> {
  const depth = davChild(activelock, 'depth')
  if (depth === undefined) return undecodable('no depth')
  const text = textOf(depth).trim().toLowerCase()
  if (text === '0') return decoded('0')
  if (text === 'infinity') return decoded('infinity')
  return undecodable(`lock depth ${JSON.stringify(text)}, expected 0 or infinity`)
}

/**
 * Reads a lock timeout: `Second-n` or `Infinite` (RFC 4918 section 10.7), case-insensitively.
 * An absent or empty `DAV:timeout` is `undefined`.
 */
export function parseLockTimeout(activelock: XmlElement): CodecResult<LockTimeout | undefined> {
  const timeout = davChild(activelock, 'timeout')
  const text = timeout === undefined ? '' : textOf(timeout).trim()
  if (text === '') return decoded(undefined)
  if (/^infinite$/i.test(text)) return decoded({ kind: 'infinite' })
  const match = /^second-(\d+)$/i.exec(text)
  const seconds = match === null ? Number.NaN : Number(match[1])
  if (!Number.isSafeInteger(seconds)) return undecodable(`lock timeout ${JSON.stringify(text)}, expected Second-n or Infinite`)
  return decoded({ kind: 'seconds', seconds })
}

/** The trimmed text of the `DAV:href` inside a `locktoken` or `lockroot`, or `undefined` when empty. */
function hrefInside(activelock: XmlElement, local: string): string | undefined {
  const wrapper = davChild(activelock, local)
  if (wrapper === undefined) return undefined
  const href = davChild(wrapper, 'href')
  const text = textOf(href ?? wrapper).trim()
  return text === '' ? undefined : text
}

function parseOwner(activelock: XmlElement): LockOwner | undefined {
  const owner = davChild(activelock, 'owner')
  return owner === undefined ? undefined : { element: owner, text: textOf(owner).trim() }
}

/**
 * Reads one `DAV:activelock` (RFC 4918 section 14.1). Scope, type and depth are required; owner,
 * timeout, lock token and lock root are optional (the root is RFC 4918 only).
 */
export function parseActiveLock(activelock: XmlElement): CodecResult<ActiveLock> {
  const scope = parseLockScope(activelock)
  if (!scope.ok) return scope
  const type = parseLockType(activelock)
  if (!type.ok) return type
  const depth = parseDepth(activelock)
  if (!depth.ok) return depth
  const timeout = parseLockTimeout(activelock)
  if (!timeout.ok) return timeout
  return decoded({
    scope: scope.value,
    type: type.value,
    depth: depth.value,
    owner: parseOwner(activelock),
    timeout: timeout.value,
    token: hrefInside(activelock, 'locktoken'),
    root: hrefInside(activelock, 'lockroot'),
  })
}
