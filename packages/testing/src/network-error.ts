/**
 * Thrown by `handle` when a fault simulates a dropped connection. It is a `TypeError`,
 * like the rejection of `fetch` on a network failure; the adapters turn it into a real one
 * (msw's `HttpResponse.error()`, a destroyed socket).
 */
export class DavNetworkError extends TypeError {
  override readonly name = 'DavNetworkError'
  /** @param message what failed */
  constructor(message = 'Simulated network error') {
    super(message)
  }
}
