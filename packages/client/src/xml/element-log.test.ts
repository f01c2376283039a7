import { describe, expect, it } from 'vitest'
import { ElementBuilder } from './element-builder.ts'
import { ElementLog } from './element-log.ts'

const name = (local: string) => ({ namespace: 'urn:x', local })

describe('ElementLog', () => {
  it('builds what was recorded as the builder builds it, text joined and children in order', () => {
    const builder = new ElementBuilder()
    const log = new ElementLog(builder)
    builder.open(name('child'), [], undefined)
    builder.text('c')
    const child = builder.close()
    log.open(name('outer'), [{ name: name('a'), value: '1' }], 'en')
    log.text('a')
    log.text('b')
    log.child(child)
    log.open(name('inner'), [], undefined)
    log.close()
    log.close()
    expect(log.element()).toEqual({
      kind: 'element',
      name: name('outer'),
      attributes: [{ name: name('a'), value: '1' }],
      lang: 'en',
      children: [{ kind: 'text', text: 'ab' }, child, { kind: 'element', name: name('inner'), attributes: [], children: [] }],
    })
    expect(builder.depth).toBe(0)
  })

  it('starts afresh after reset, also after a long record', () => {
    const log = new ElementLog(new ElementBuilder())
    log.open(name('first'), [], undefined)
    for (let index = 0; index < 2000; index++) log.text('x')
    log.close()
    expect(log.element().children).toEqual([{ kind: 'text', text: 'x'.repeat(2000) }])
    log.reset()
    log.open(name('second'), [], undefined)
    log.close()
    expect(log.element()).toMatchObject({ name: name('second'), children: [] })
  })

  it('refuses to build an element that was not closed', () => {
    const log = new ElementLog(new ElementBuilder())
    log.open(name('open'), [], undefined)
    expect(() => log.element()).toThrow(/no complete element/)
  })
})
