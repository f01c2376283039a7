import type { MultiStatus, ParsedStatus, ResourceHref, XmlElement, XmlNode } from '@davkit/types'
import { textOf } from '../../src/xml/element-text.ts'

function fail(message: string): never {
  throw new Error(`unsound result: ${message}`)
}

function checkHref(href: ResourceHref): void {
  if (typeof href.raw !== 'string' || typeof href.path !== 'string') fail('href without raw or path')
  if (href.url !== undefined) {
    if (typeof href.url !== 'string') fail('href url is not a string')
    new URL(href.url)
  }
}

function checkStatus(status: ParsedStatus): void {
  if (status.kind === 'status') {
    if (!Number.isInteger(status.code) || status.code < 200 || status.code > 599) fail(`status code ${status.code}`)
    if (String(status.code).charAt(0) !== { success: '2', redirection: '3', 'client-error': '4', 'server-error': '5' }[status.class])
      fail('status class')
  } else if (status.kind === 'status-problem') {
    if (!['missing', 'empty', 'garbled', 'informational'].includes(status.problem)) fail(`status problem ${status.problem}`)
  } else {
    fail('status kind')
  }
}

function checkElement(element: XmlElement, depth = 0): void {
  if (element.kind !== 'element' || typeof element.name.namespace !== 'string' || element.name.local === '') fail('element name')
  if (element.name.local.includes(':')) fail('local name with a colon')
  for (const attribute of element.attributes) if (typeof attribute.value !== 'string') fail('attribute value')
  let previous: XmlNode | undefined
  for (const child of element.children) {
    if (child.kind === 'text') {
      if (child.text === '' || previous?.kind === 'text') fail('empty or adjacent text nodes')
    } else {
      checkElement(child, depth + 1)
    }
    previous = child
  }
}

/** Throws unless `multistatus` has the shape the types promise, whatever body produced it. */
export function assertSound(multistatus: MultiStatus): void {
  if (!Array.isArray(multistatus.responses)) fail('responses')
  for (const response of multistatus.responses) {
    if (response.location !== undefined) checkHref(response.location)
    switch (response.kind) {
      case 'status':
        if (response.hrefs.length === 0) fail('status response without href')
        response.hrefs.forEach(checkHref)
        checkStatus(response.status)
        break
      case 'propstat': {
        checkHref(response.href)
        if (response.propstats.length === 0) fail('propstat response without propstat')
        let count = 0
        for (const p of response.propstats) count += p.properties.length
        if (count !== response.properties.length) fail('flattened properties do not match propstats')
        for (const p of response.propstats) {
          checkStatus(p.status)
          for (const element of p.properties) checkElement(element)
        }
        for (const property of response.properties) {
          if (property.kind === 'value') {
            if (property.status.class !== 'success') fail('value with a non-2xx status')
            if (property.text !== textOf(property.element)) fail('value text differs from the element text')
          } else if (property.kind === 'failed') {
            if (property.status.class === 'success') fail('failure with a 2xx status')
          } else if (property.kind === 'status-problem') {
            checkElement(property.element)
          } else {
            fail('property kind')
          }
        }
        break
      }
      case 'malformed':
        response.hrefs.forEach(checkHref)
        checkElement(response.element)
        if (!['no-href', 'no-status-or-propstat', 'status-and-propstat', 'several-hrefs-with-propstat'].includes(response.problem))
          fail('problem')
        break
      default:
        fail('response kind')
    }
  }
}
