const BY_EXTENSION: Readonly<Record<string, string>> = {
  txt: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  json: 'application/json',
  xml: 'application/xml',
  md: 'text/markdown',
  csv: 'text/csv',
  ics: 'text/calendar',
  vcf: 'text/vcard',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  zip: 'application/zip',
}

/** The content type for a new file: the request's `Content-Type`, else a guess from the extension, else octet-stream. */
export function contentTypeFor(name: string, header: string | null): string {
  if (header !== null && header.trim() !== '') return header.trim()
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : ''
  return BY_EXTENSION[extension] ?? 'application/octet-stream'
}
