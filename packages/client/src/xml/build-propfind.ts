import type { QName } from '@davkit/types'
import { buildXmlDocument, dav, element } from './build-document.ts'

/** What a PROPFIND asks for (RFC 4918 section 14.20). */
export type PropfindBodyRequest =
  | { readonly kind: 'prop'; readonly names: readonly QName[] }
  | { readonly kind: 'allprop'; readonly include: readonly QName[] }
  | { readonly kind: 'propname' }

// Bodies already built, by what they ask for: a client asks for the same few property sets again
// and again. Bounded, so that callers asking for ever new sets cannot grow it without end.
const built = new Map<string, string>()
const MAX_BUILT = 64

function cacheKey(request: PropfindBodyRequest): string {
  const names = request.kind === 'prop' ? request.names : request.kind === 'allprop' ? request.include : []
  let key = request.kind
  // Each part with its length first, so that no two different requests share a key.
  for (const name of names) key += ` ${name.namespace.length}:${name.namespace} ${name.local.length}:${name.local}`
  return key
}

/**
 * The `DAV:propfind` body: `prop` with the named properties, `allprop` with an optional
 * `include`, or `propname`. The same request gives the same text, built once and then remembered.
 *
 * @example
 * buildPropfindBody({ kind: 'prop', names: [{ namespace: 'DAV:', local: 'getetag' }] })
 */
export function buildPropfindBody(request: PropfindBodyRequest): string {
  const key = cacheKey(request)
  const known = built.get(key)
  if (known !== undefined) return known
  const body = buildUncached(request)
  if (built.size >= MAX_BUILT) built.clear()
  built.set(key, body)
  return body
}

function buildUncached(request: PropfindBodyRequest): string {
  const empty = (name: QName) => element(name)
  switch (request.kind) {
    case 'prop':
      return buildXmlDocument(element(dav('propfind'), [element(dav('prop'), request.names.map(empty))]))
    case 'allprop':
      return buildXmlDocument(
        element(dav('propfind'), [
          element(dav('allprop')),
          ...(request.include.length > 0 ? [element(dav('include'), request.include.map(empty))] : []),
        ]),
      )
    case 'propname':
      return buildXmlDocument(element(dav('propfind'), [element(dav('propname'))]))
  }
}
