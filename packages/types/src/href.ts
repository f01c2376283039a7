/** A `DAV:href` as sent, resolved, and decoded. Never dropped, whatever it holds. */
export interface ResourceHref {
  /** The text of the `DAV:href` element, exactly as sent (entities decoded once by XML). */
  readonly raw: string
  /**
   * The href resolved against the request URL (absolute hrefs are kept as they are),
   * or `undefined` when it cannot be made into a URL at all.
   */
  readonly url: string | undefined
  /**
   * The path of the resolved URL with percent-escapes decoded where they are valid UTF-8;
   * invalid escapes are left as they were.
   */
  readonly path: string
}
