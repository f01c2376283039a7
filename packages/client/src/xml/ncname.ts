import { NC_NAME_RE } from 'xmlchars/xmlns/1.0/ed3.js'

/**
 * Whether `name` is an NCName (Namespaces in XML 1.0, third edition): an XML name without a colon,
 * by the exact character classes of the specification, as the parser that reads responses knows them.
 */
export function isNCName(name: string): boolean {
  return NC_NAME_RE.test(name)
}
