import { exports } from 'cloudflare:workers'
import { describe, expect, test } from 'vitest'

describe('GET /health (inside workerd)', () => {
  test('answers 200 with a JSON status', async () => {
    const res = await exports.default.fetch('http://example.test/health')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await res.json()).toEqual({ status: 'ok', service: 'tercet' })
  })

  test('an unknown path is 404, not a catch-all', async () => {
    const res = await exports.default.fetch('http://example.test/nope')
    expect(res.status).toBe(404)
  })
})
