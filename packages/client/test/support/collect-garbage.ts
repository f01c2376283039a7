import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

setFlagsFromString('--expose-gc')

/** A full garbage collection, for tests that measure memory or time without what earlier work left behind. */
export const collectGarbage = runInNewContext('gc') as () => void
