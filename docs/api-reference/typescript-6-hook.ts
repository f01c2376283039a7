/**
 * Makes TypeDoc load TypeScript 6 (the `typescript-6` npm alias) instead of the workspace's
 * TypeScript 7, whose package has no JavaScript compiler API. Loaded with `node --import` before
 * TypeDoc starts; only `import 'typescript'` from TypeDoc's own files is redirected, so nothing
 * else in the process sees a different compiler.
 */
import { registerHooks } from 'node:module'

const typedocPath = /\/node_modules\/typedoc\//

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'typescript' && context.parentURL !== undefined && typedocPath.test(context.parentURL)) {
      return nextResolve('typescript-6', { ...context, parentURL: import.meta.url })
    }
    return nextResolve(specifier, context)
  },
})
