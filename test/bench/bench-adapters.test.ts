import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeMultiStatus } from '../../packages/client/src/multistatus/index.ts'
import { bareParse, davkitDecode, davkitMultiStatus, decodeContenders, webdavDecode } from '../../scripts/bench/decode-contenders.ts'
import { generateListing, isCollectionMember, LISTING_PATH, memberName } from '../../scripts/bench/listing-body.ts'
import { servedContenders } from '../../scripts/bench/served-contenders.ts'
import { startStaticServer, type StaticServer } from '../../scripts/bench/static-server.ts'
import { startStreamingServer } from '../../scripts/bench/streaming-server.ts'
import { formatMs, ratioText, summarize } from '../../scripts/bench/stats.ts'

describe('generateListing', () => {
  it('produces exactly N responses: the collection itself, then N - 1 members', () => {
    for (const entries of [1, 2, 57, 1000]) {
      const multistatus = decodeMultiStatus(generateListing(entries), { requestUrl: `http://127.0.0.1${LISTING_PATH}` })
      expect(multistatus.responses).toHaveLength(entries)
      const paths = multistatus.responses.map((response) => (response.kind === 'propstat' ? response.href.path : '?'))
      expect(paths[0]).toBe(LISTING_PATH)
      for (let index = 1; index < entries; index++) {
        expect(paths[index]).toBe(`${LISTING_PATH}${memberName(index)}${isCollectionMember(index) ? '/' : ''}`)
      }
    }
  })

  it('is Apache-shaped: a 200 propstat then a 404 one, lp1/g0 prefixes declared on each response', () => {
    const body = generateListing(11)
    expect(body.match(/<D:response xmlns:lp1="DAV:" xmlns:lp2="http:\/\/apache.org\/dav\/props\/" xmlns:g0="DAV:">/g)).toHaveLength(11)
    expect(body.match(/HTTP\/1.1 200 OK/g)).toHaveLength(11)
    expect(body.match(/HTTP\/1.1 404 Not Found/g)).toHaveLength(11)
    const multistatus = decodeMultiStatus(body, { requestUrl: `http://127.0.0.1${LISTING_PATH}` })
    const folder = multistatus.responses[10]
    expect(folder?.kind === 'propstat' && folder.propstats.map((p) => (p.status.kind === 'status' ? p.status.code : 0))).toEqual([200, 404])
  })

  it('is deterministic and refuses a non-positive size', () => {
    expect(generateListing(300)).toBe(generateListing(300))
    expect(() => generateListing(0)).toThrow(RangeError)
    expect(() => generateListing(1.5)).toThrow(RangeError)
  })
})

describe('decode contenders', () => {
  const entries = 1234
  const body = generateListing(entries)

  it('all count the same number of entries from the same body', async () => {
    expect(Object.keys(decodeContenders).sort()).toEqual(['davkit', 'davkit-multistatus', 'saxes-bare', 'webdav'])
    expect(davkitDecode(body)).toBe(entries)
    expect(davkitMultiStatus(body)).toBe(entries)
    expect(bareParse(body)).toBe(entries)
    expect(await webdavDecode(body)).toBe(entries)
  })

  it('count what the body holds, not a constant', async () => {
    const small = generateListing(3)
    expect([davkitDecode(small), davkitMultiStatus(small), bareParse(small), await webdavDecode(small)]).toEqual([3, 3, 3, 3])
  })
})

describe('served contenders against the static server', () => {
  let server: StaticServer
  const entries = 250

  beforeAll(async () => {
    server = await startStaticServer(generateListing(entries))
  })
  afterAll(async () => {
    await server?.close()
  })

  it('davkit, webdav and tsdav each return every entry of the same served body', async () => {
    for (const name of ['davkit', 'davkit-each', 'webdav', 'tsdav'] as const) {
      expect(await (await servedContenders[name](server.url))(1), name).toBe(entries)
    }
    expect(await (await servedContenders['bare-fetch'](server.url))(0)).toBe(1)
    expect(await (await servedContenders.ky(server.url))(0)).toBe(1)
    expect(server.requests()).toBe(6)
  })
})

describe('the streaming server', () => {
  it('sends, piece by piece and as fast as the client reads, the bytes generateListing makes', async () => {
    const server = await startStreamingServer(777)
    try {
      const response = await fetch(server.url, { method: 'PROPFIND' })
      expect(response.status).toBe(207)
      expect(response.headers.get('content-length')).toBeNull()
      const text = await response.text()
      expect(text).toBe(generateListing(777))
      expect(server.bodyBytes).toBe(Buffer.byteLength(text))
      expect(await (await servedContenders['davkit-each'](server.url))(1)).toBe(777)
    } finally {
      await server.close()
    }
  })
})

describe('bench statistics', () => {
  it('summarizes median, extremes and interquartile spread', () => {
    const summary = summarize([30, 10, 20, 40, 50])
    expect(summary).toMatchObject({ runs: 5, median: 30, min: 10, max: 50 })
    expect(summary.spread).toBeCloseTo(10 / 30)
    expect(() => summarize([])).toThrow(RangeError)
  })

  it("states ratios from the subject's side", () => {
    expect(ratioText(50, 100)).toBe('2.00x faster')
    expect(ratioText(100, 50)).toBe('2.00x slower')
    expect(ratioText(100, 100.5)).toBe('same')
    expect(formatMs(1234)).toBe('1.23 s')
  })
})
