import { expect, test } from 'vitest'
import { isNCName } from './ncname.ts'

test("an NCName is an XML name without a colon, by the specification's character classes", () => {
  for (const name of ['getetag', 'a', '_x', 'résumé', 'a-b.c_d', 'x\u00B7y', 'a\u203Fb', '日本', 'n1', 'z\u0300'])
    expect(isNCName(name), name).toBe(true)
  for (const name of ['', 'a:b', ':a', '1a', '-a', '.a', 'a b', 'a/b', '\u00B7a', 'a\u00D7b', '\u0300z'])
    expect(isNCName(name), name).toBe(false)
})
