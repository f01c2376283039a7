import type { QName } from '@davkit/types'
import { buildXmlDocument, dav, element } from './build-document.ts'

/** What a PROPFIND asks for (RFC 4918 section 14.20). */
export type PropfindBodyRequest =
  | { readonly kind: 'prop'; readonly names: readonly QName[] }
  | { readonly kind: 'allprop'; readonly include: readonly QName[] }
  | { readonly kind: 'propname' }

/**
 * The `DAV:propfind` body: `prop` with the named properties, `allprop` with an optional
 * `include`, or `propname`.
 *
 * @example
 * buildPropfindBody({ kind: 'prop', names: [{ namespace: 'DAV:', local: 'getetag' }] })
 */
export function buildPropfindBody(request: PropfindBodyRequest): string {
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
