const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  206: 'Partial Content',
  207: 'Multi-Status',
  304: 'Not Modified',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  423: 'Locked',
  424: 'Failed Dependency',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
}

/** The reason phrase of a status code (empty when unknown). */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? ''
}

/** An HTTP status line as written inside `DAV:status`. */
export function statusLine(status: number, withReason: boolean): string {
  const reason = reasonPhrase(status)
  return withReason && reason !== '' ? `HTTP/1.1 ${status} ${reason}` : `HTTP/1.1 ${status}`
}
