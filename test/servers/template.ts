import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

/** The repository's `servers/` directory, where the configuration templates live. */
export const serversDir: string = fileURLToPath(new URL('../../servers/', import.meta.url))

/**
 * Fills `{{NAME}}` placeholders in `servers/<relativePath>` with `values`. Every placeholder must
 * have a value and every value a placeholder, so a typo in a template or a launcher fails loudly.
 */
export async function renderTemplate(relativePath: string, values: Readonly<Record<string, string>>): Promise<string> {
  const template = await readFile(serversDir + relativePath, 'utf8')
  const used = new Set<string>()
  const missing = new Set<string>()
  const text = template.replace(/\{\{([A-Z_][A-Z0-9_]*)\}\}/g, (_match, name: string) => {
    const value = values[name]
    if (value === undefined) {
      missing.add(name)
      return ''
    }
    used.add(name)
    return value
  })
  if (missing.size > 0) {
    throw new Error(`servers/${relativePath}: no value for ${[...missing].join(', ')}`)
  }
  const unused = Object.keys(values).filter((name) => !used.has(name))
  if (unused.length > 0) {
    throw new Error(`servers/${relativePath}: no placeholder for ${unused.join(', ')}`)
  }
  return text
}
