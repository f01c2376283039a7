/**
 * TypeDoc plugin: names each entry point's module after the package export it is published as
 * (`@davkit/client`, `@davkit/testing/node`) instead of its folder (`client/src`). The name comes
 * from the nearest `package.json`: its `name` plus the `exports` subpath whose `@davkit/source`
 * condition points at the entry file.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { Converter, ReflectionKind, type Application, type Context, type DeclarationReflection } from 'typedoc'

interface PackageJson {
  readonly name?: string
  readonly exports?: Readonly<Record<string, unknown>>
}

function nearestPackage(file: string): { dir: string; json: PackageJson } | undefined {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const path = join(dir, 'package.json')
    if (existsSync(path)) return { dir, json: JSON.parse(readFileSync(path, 'utf8')) as PackageJson }
  }
  return undefined
}

/** The published specifier of a source file (`@davkit/testing/node`), or undefined when it is no entry point. */
export function packageSpecifier(file: string): string | undefined {
  const found = nearestPackage(file)
  if (found?.json.name === undefined || found.json.exports === undefined) return undefined
  const local = `./${relative(found.dir, file).split(sep).join('/')}`
  for (const [subpath, target] of Object.entries(found.json.exports)) {
    if (typeof target !== 'object' || target === null) continue
    if ((target as Record<string, unknown>)['@davkit/source'] !== local) continue
    return subpath === '.' ? found.json.name : `${found.json.name}${subpath.slice(1)}`
  }
  return undefined
}

/** Entry of the plugin, called by TypeDoc. */
export function load(app: Application): void {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context: Context, reflection: DeclarationReflection) => {
    if (reflection.kind !== ReflectionKind.Module || reflection.parent !== context.project) return
    const file = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile().fileName
    const specifier = file === undefined ? undefined : packageSpecifier(file)
    if (specifier === undefined) {
      app.logger.warn(`no package export found for the entry point module ${reflection.name}`)
      return
    }
    reflection.name = specifier
  })
}
