import type { ActiveLock, CodecResult, LockEntry, XmlElement } from '@davkit/types'
import { parseActiveLock } from './active-lock.ts'
import { decoded, undecodable } from './codec-result.ts'
import { formatName, isDavName } from './dav-name.ts'
import { childElements, ownText } from './element-children.ts'
import { parseLockScope, parseLockType } from './lock-parts.ts'

/**
 * Reads the `DAV:<item>` children of a list property, in order. Any other child or any text is
 * refused, and so is the whole list when one item is refused (the message names which one).
 */
function parseList<T>(element: XmlElement, item: string, parse: (child: XmlElement) => CodecResult<T>): CodecResult<T[]> {
  const text = ownText(element)
  if (text !== '') return undecodable(`${element.name.local} holds text ${JSON.stringify(text)}`)
  const items: T[] = []
  for (const [index, child] of childElements(element).entries()) {
    if (!isDavName(child.name, item)) {
      return undecodable(`${element.name.local} child ${index + 1} is ${formatName(child.name)}, expected DAV:${item}`)
    }
    const result = parse(child)
    if (!result.ok) return undecodable(`${item} ${index + 1}: ${result.problem}`)
    items.push(result.value)
  }
  return decoded(items)
}

/** Reads `DAV:lockdiscovery`: every active lock, in document order; empty when unlocked. */
export function parseLockDiscovery(element: XmlElement): CodecResult<ActiveLock[]> {
  return parseList(element, 'activelock', parseActiveLock)
}

function parseLockEntry(entry: XmlElement): CodecResult<LockEntry> {
  const scope = parseLockScope(entry)
  if (!scope.ok) return scope
  const type = parseLockType(entry)
  if (!type.ok) return type
  return decoded({ scope: scope.value, type: type.value })
}

/** Reads `DAV:supportedlock`: the lock kinds the resource supports; empty when it supports none. */
export function parseSupportedLock(element: XmlElement): CodecResult<LockEntry[]> {
  return parseList(element, 'lockentry', parseLockEntry)
}
