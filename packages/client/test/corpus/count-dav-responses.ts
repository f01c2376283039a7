/**
 * Counts the `DAV:response` children of a `DAV:multistatus` root with a deliberately naive,
 * regex-based scan that shares no code with the decoder: tags are matched one by one, `xmlns`
 * declarations are tracked per element, comments, CDATA sections and processing instructions
 * are skipped. Good enough for the corpus; not a general XML parser.
 */
export function countDavResponses(xml: string): number {
  const tag =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([^\s/>]+)((?:\s+[^\s=]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g
  const declaration = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g
  const scopes: Map<string, string>[] = [new Map()]
  let depth = 0
  let rootIsMultistatus = false
  let count = 0
  for (const match of xml.matchAll(tag)) {
    const [, closing, name, attributes = '', selfClosing] = match
    if (name === undefined) continue
    if (closing === '/') {
      scopes.pop()
      depth--
      continue
    }
    const scope = new Map(scopes[scopes.length - 1])
    for (const [, attribute = '', double, single] of attributes.matchAll(declaration)) {
      if (attribute === 'xmlns') scope.set('', double ?? single ?? '')
      else if (attribute.startsWith('xmlns:')) scope.set(attribute.slice(6), double ?? single ?? '')
    }
    const colon = name.indexOf(':')
    const namespace = colon === -1 ? scope.get('') : scope.get(name.slice(0, colon))
    const local = colon === -1 ? name : name.slice(colon + 1)
    depth++
    if (depth === 1) rootIsMultistatus = namespace === 'DAV:' && local === 'multistatus'
    if (depth === 2 && rootIsMultistatus && namespace === 'DAV:' && local === 'response') count++
    if (selfClosing === '/') depth--
    else scopes.push(scope)
  }
  return count
}
