/** The WebDAV namespace (RFC 4918 section 21). */
export const DAV_NAMESPACE = 'DAV:'

/** The namespace the `xml:` prefix is always bound to (Namespaces in XML 1.0, section 3). */
export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace'

/** The namespace of `xmlns` declarations, which are not attributes of the tree. */
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/'
