import type { DecodeFailure } from '@davkit/types'
import { describe, expect, it } from 'vitest'
import { DecodeError } from '../errors/decode-error.ts'
import { inspectProlog } from './inspect-prolog.ts'

function failureOf(text: string): DecodeFailure | undefined {
  try {
    inspectProlog(text, undefined)
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError)
    return (error as DecodeError).failure
  }
  return undefined
}

describe('inspectProlog', () => {
  it.each([
    '<!DOCTYPE a><a/>',
    '<a><!ENTITY x "y"></a>',
    // Behind a `<!--` or `<![CDATA[` that a processing instruction or an attribute value holds.
    '<?pi <!-- ?><!DOCTYPE r [<!ENTITY x "PWNED">]><r>&x;</r>',
    '<r><?p <!-- ?><!DOCTYPE x [<!ENTITY e "Y">]>&e;</r>',
    '<r><?p <![CDATA[ ?><!DOCTYPE x [<!ENTITY e "Y">]>&e;</r>',
    '<r a="<!--"><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;</r>',
    "<r a='<![CDATA['><!DOCTYPE x>&e;</r>",
    // After a comment, CDATA section, processing instruction or attribute value never closed.
    '<r><!-- <!DOCTYPE x>',
    '<r><![CDATA[ <!DOCTYPE x>',
    '<r><?p <!DOCTYPE x>',
    '<r a="<!DOCTYPE x>',
  ])('refuses a DTD declaration in markup: %j', (text) => {
    expect(failureOf(text)).toEqual({ code: 'doctype-forbidden' })
  })

  it.each([
    '<a><!-- <!DOCTYPE x> --><![CDATA[<!DOCTYPE y>]]></a>',
    '<a b="<!DOCTYPE x>" c=\'<!ENTITY y>\'><?p <!DOCTYPE z> ?></a>',
    '<a b="x>y"><!-- --></a>',
    // Never closed, but with nothing to refuse after: the parser reports it as malformed.
    '<a><!-- x',
    '<a b="x',
  ])('lets through <!DOCTYPE where it is not a declaration: %j', (text) => {
    expect(failureOf(text)).toBeUndefined()
  })
})
