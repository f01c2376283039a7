import type { DavQName, QName } from '@davkit/types'

/**
 * The name `DAV:<local>` with its local name kept as a literal type.
 *
 * @example
 * findProperty(response.properties, davName('getetag'))
 */
export function davName<const Local extends string>(local: Local): DavQName<Local> {
  return { namespace: 'DAV:', local }
}

/**
 * Whether two names are the same: namespace URI and local name compared exactly, prefixes never.
 *
 * @example
 * sameName(property.name, davProps.getetag.name)
 */
export function sameName(a: QName, b: QName): boolean {
  return a.namespace === b.namespace && a.local === b.local
}

/** Whether a name is `DAV:<local>`. */
export function isDavName(name: QName, local: string): boolean {
  return name.namespace === 'DAV:' && name.local === local
}

/** A name for messages: `{namespace}local`, or `local` for names in no namespace. */
export function formatName(name: QName): string {
  return name.namespace === '' ? name.local : `{${name.namespace}}${name.local}`
}
