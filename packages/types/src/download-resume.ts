/** The validator a resumed GET sends in `If-Range`, so that the server answers with the rest of the same file or the file whole. */
export interface ResumeValidator {
  /** A strong entity tag, or a `Last-Modified` date the client may use as a strong validator (RFC 9110 section 8.8.2.2). */
  readonly kind: 'etag' | 'last-modified'
  /** The `ETag` or `Last-Modified` value exactly as the server sent it. */
  readonly value: string
}

/**
 * Why a download cannot continue after a dropped connection (RFC 9110 section 13.1.5 says what
 * `If-Range` may carry):
 * - `no-validator`: the answer had neither `ETag` nor `Last-Modified`;
 * - `weak-etag`: only a weak `ETag` (`W/"..."`), which `If-Range` may not carry, nor a date once a tag exists;
 * - `weak-last-modified`: no `ETag`, and a `Last-Modified` that is not strong: no `Date` at least one
 *   second later in the same answer (in a browser, `Date` is not readable cross-origin);
 * - `encoded`: a `Content-Encoding` other than identity, whose ranges would count encoded bytes;
 * - `no-ranges`: the server said `Accept-Ranges: none`.
 */
export type NotResumableReason = 'no-validator' | 'weak-etag' | 'weak-last-modified' | 'encoded' | 'no-ranges'

/** Whether a GET asked to `resume` can continue after a dropped connection, and on which validator. */
export type DownloadResumability =
  | { readonly resumable: true; readonly validator: ResumeValidator }
  | { readonly resumable: false; readonly reason: NotResumableReason }

/**
 * Why a resumed download could not continue the same file:
 * - `changed`: the server sent the file whole (`200`) or a range (`206`) under another validator;
 * - `range-ignored`: a `200` under the same validator, or none: the server ignored `Range`;
 * - `range-not-satisfiable`: `416`, the file is shorter than what was already delivered;
 * - `range-mismatch`: a `206` that does not start where delivery stopped, or names another length;
 * - `gone`: `404` or `410`.
 */
export type ContentChangeReason = 'changed' | 'range-ignored' | 'range-not-satisfiable' | 'range-mismatch' | 'gone'
