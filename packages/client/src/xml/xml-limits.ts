/** Limits on what a response body may hold, each enforced while the body streams in. */
export interface XmlLimits {
  /** The largest body accepted, in bytes. Default {@link DEFAULT_MAX_BYTES} (256 MiB). */
  readonly maxBytes?: number | undefined
  /** The deepest element nesting accepted (the root is at depth 1). Default {@link DEFAULT_MAX_DEPTH}. */
  readonly maxDepth?: number | undefined
  /** The most attributes (namespace declarations included) on one element. Default {@link DEFAULT_MAX_ATTRIBUTES}. */
  readonly maxAttributes?: number | undefined
  /** The most namespace declarations on one element. Default {@link DEFAULT_MAX_NAMESPACE_DECLARATIONS}. */
  readonly maxNamespaceDeclarations?: number | undefined
  /** The longest element or attribute name, in characters. Default {@link DEFAULT_MAX_NAME_LENGTH}. */
  readonly maxNameLength?: number | undefined
}

/** The default body size limit: 256 MiB, room for listings of several hundred thousand entries. */
export const DEFAULT_MAX_BYTES: number = 256 * 1024 * 1024

/** The default nesting limit. Real WebDAV bodies nest fewer than 20 levels. */
export const DEFAULT_MAX_DEPTH = 256

/** The default attribute limit per element. Real WebDAV elements carry a handful. */
export const DEFAULT_MAX_ATTRIBUTES = 256

/** The default limit of namespace declarations per element. Real servers declare fewer than 20. */
export const DEFAULT_MAX_NAMESPACE_DECLARATIONS = 128

/** The default name length limit. Real names are shorter than 100 characters. */
export const DEFAULT_MAX_NAME_LENGTH = 1024

/** Every limit, with the defaults filled in. */
export type ResolvedXmlLimits = { readonly [K in keyof XmlLimits]-?: number }

/** The limits with defaults for those not given. */
export function resolveXmlLimits(limits: XmlLimits): ResolvedXmlLimits {
  return {
    maxBytes: limits.maxBytes ?? DEFAULT_MAX_BYTES,
    maxDepth: limits.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxAttributes: limits.maxAttributes ?? DEFAULT_MAX_ATTRIBUTES,
    maxNamespaceDeclarations: limits.maxNamespaceDeclarations ?? DEFAULT_MAX_NAMESPACE_DECLARATIONS,
    maxNameLength: limits.maxNameLength ?? DEFAULT_MAX_NAME_LENGTH,
  }
}
