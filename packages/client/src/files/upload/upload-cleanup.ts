/** How long cleaning up after a failed upload may take. */
const CLEANUP_TIMEOUT_MS = 10_000

/** The signal of a clean-up request, its own: it runs after the caller's signal may have fired. */
export function cleanUpSignal(): AbortSignal {
  return AbortSignal.timeout(CLEANUP_TIMEOUT_MS)
}
