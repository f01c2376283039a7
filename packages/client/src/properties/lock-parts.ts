import type { CodecResult, LockScope, LockType, XmlElement } from '@davkit/types'
import { decoded, undecodable } from './codec-result.ts'
import { formatName, isDavName } from './dav-name.ts'
import { childElements, davChild } from './element-children.ts'

/** Reads the `DAV:lockscope` child of an `activelock` or `lockentry`. */
export function parseLockScope(parent: XmlElement): CodecResult<LockScope> {
  const scope = davChild(parent, 'lockscope')
  if (scope === undefined) return undecodable('no lockscope')
  const [kind] = childElements(scope)
  if (kind === undefined) return undecodable('empty lockscope')
  if (isDavName(kind.name, 'exclusive')) return decoded('exclusive')
  if (isDavName(kind.name, 'shared')) return decoded('shared')
  return undecodable(`unknown lockscope ${formatName(kind.name)}`)
}

/** Reads the `DAV:locktype` child of an `activelock` or `lockentry`. */
export function parseLockType(parent: XmlElement): CodecResult<LockType> {
  const type = davChild(parent, 'locktype')
  if (type === undefined) return undecodable('no locktype')
  const [kind] = childElements(type)
  if (kind === undefined) return undecodable('empty locktype')
  if (isDavName(kind.name, 'write')) return decoded('write')
  return undecodable(`unknown locktype ${formatName(kind.name)}`)
}
