import { describe, expect, it } from 'vitest'
import { renderTemplate } from './template.ts'

describe('renderTemplate', () => {
  it('fills every placeholder', async () => {
    const text = await renderTemplate('apache/basic-auth.conf', { HTPASSWD_FILE: '/tmp/x/htpasswd' })
    expect(text).toContain('AuthUserFile "/tmp/x/htpasswd"')
    expect(text).not.toContain('{{')
  })

  it('rejects a missing value and a value without a placeholder', async () => {
    await expect(renderTemplate('apache/basic-auth.conf', {})).rejects.toThrow(/no value for HTPASSWD_FILE/)
    await expect(renderTemplate('apache/basic-auth.conf', { HTPASSWD_FILE: 'f', TYPO: 'x' })).rejects.toThrow(/no placeholder for TYPO/)
  })
})
