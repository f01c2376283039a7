import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { CodecResult, PropertyCodec } from '@davkit/types'
import { describe, expect, it } from 'vitest'
import { davProps } from '../../src/properties/index.ts'
import { dav } from './elements.ts'

// Text values of simple properties, pulled out of the real 207 bodies of the shared corpus with a
// pattern (the bodies are never copied into the project). Only values that are text alone are
// taken; structured properties are covered by the hand-built elements of the other tests.
const corpusDir = fileURLToPath(new URL('../../../../../shared/corpus/multistatus/', import.meta.url))
const corpusPresent = existsSync(corpusDir)

const entities: Readonly<Record<string, string>> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" }

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16))
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)))
    return entities[body] ?? whole
  })
}

interface Sample {
  readonly file: string
  readonly text: string
}

/** The non-blank text of every `<prefix:local>text</prefix:local>` in the corpus. */
function samples(local: string): Sample[] {
  const pattern = new RegExp(String.raw`<(?:[\w.-]+:)?${local}(?:\s[^>]*)?>([^<]*)</`, 'g')
  const found: Sample[] = []
  for (const file of readdirSync(corpusDir)
    .filter((name) => name.endsWith('.xml'))
    .sort()) {
    const body = readFileSync(`${corpusDir}${file}`, 'utf8')
    for (const match of body.matchAll(pattern)) {
      const text = decodeEntities(match[1] ?? '')
      if (text.trim() !== '') found.push({ file, text })
    }
  }
  return found
}

function decodeSample<T>(codec: PropertyCodec<T>, sample: Sample): CodecResult<T> {
  return codec.decode(dav(codec.name.local, sample.text))
}

function refused<T>(codec: PropertyCodec<T>, all: readonly Sample[]): string[] {
  return all.flatMap((sample) => {
    const result = decodeSample(codec, sample)
    return result.ok ? [] : [`${sample.file}: ${result.problem}`]
  })
}

describe.skipIf(!corpusPresent)(
  `property values of the real-server corpus${corpusPresent ? '' : ` (skipped: ${corpusDir} is absent)`}`,
  () => {
    it('decodes every getetag, stripping quotes and telling weak tags', () => {
      const etags = samples('getetag')
      expect(etags.length).toBeGreaterThan(1000)
      expect(refused(davProps.getetag, etags)).toEqual([])
      for (const sample of etags) {
        const result = decodeSample(davProps.getetag, sample)
        if (!result.ok) continue
        expect(result.value.raw).toBe(sample.text)
        expect(result.value.weak).toBe(sample.text.trim().startsWith('W/'))
        expect(result.value.value).not.toMatch(/^"|"$/)
        expect(sample.text).toContain(result.value.value)
      }
    })

    it('decodes every getlastmodified and creationdate, agreeing with the platform parser where it has one', () => {
      const dates = [...samples('getlastmodified'), ...samples('creationdate')]
      expect(dates.length).toBeGreaterThan(1100)
      expect(refused(davProps.getlastmodified, dates)).toEqual([])
      let compared = 0
      for (const sample of dates) {
        const result = decodeSample(davProps.getlastmodified, sample)
        if (!result.ok) continue
        expect(result.value.getUTCFullYear()).toBeGreaterThanOrEqual(1970)
        expect(result.value.getUTCFullYear()).toBeLessThanOrEqual(2030)
        // V8 reads RFC 1123 with GMT and ISO 8601 extended with a zone; compare with it there.
        if (/GMT$|(?:Z|[+-]\d\d:\d\d)$/.test(sample.text.trim()) && /^[A-Z][a-z]{2}, |^\d{4}-/.test(sample.text.trim())) {
          const platform = Date.parse(sample.text.trim())
          if (Number.isNaN(platform)) continue
          expect(result.value.getTime(), `${sample.file}: ${sample.text}`).toBe(platform)
          compared++
        }
      }
      expect(compared).toBeGreaterThan(1000)
    })

    it('decodes every getcontentlength to the integer written', () => {
      const lengths = samples('getcontentlength')
      expect(lengths.length).toBeGreaterThan(1000)
      expect(refused(davProps.getcontentlength, lengths)).toEqual([])
      for (const sample of lengths) {
        const result = decodeSample(davProps.getcontentlength, sample)
        expect(result).toEqual({ ok: true, value: Number(sample.text.trim()) })
      }
    })

    it('decodes every quota value, Nextcloud -3 as unlimited', () => {
      const available = samples('quota-available-bytes')
      const used = samples('quota-used-bytes')
      expect(available.length).toBeGreaterThanOrEqual(2)
      expect(refused(davProps.quotaAvailableBytes, available)).toEqual([])
      expect(refused(davProps.quotaUsedBytes, used)).toEqual([])
      const kinds = available.map((sample) => {
        const result = decodeSample(davProps.quotaAvailableBytes, sample)
        return result.ok ? result.value.kind : 'refused'
      })
      expect(kinds).toContain('unlimited')
      expect(kinds).toContain('bytes')
    })
  },
)
