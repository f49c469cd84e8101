// Runs the XEP-0077 conversation scripts against testHost(), and checks what is stored.
import { type AccountDirectory, defineModule } from '@tercet/router'
import { DEFAULT_ITERATIONS } from '@tercet/sasl'
import { testHost } from '@tercet/testing'
import { describe, expect, test } from 'vitest'
import { register } from '../src/index'
import { registration } from './conversations'
import { account } from './conversations-account'
import { registerIq } from './script'
import { testEnv } from './test-env'

describe('XEP-0077 before authentication', () => {
  for (const c of registration) test(c.name, () => c.run(testEnv(c.options)))
})

describe('XEP-0077 after authentication', () => {
  for (const c of account) test(c.name, () => c.run(testEnv(c.options)))
})

describe('stored credentials', () => {
  // A module that only keeps the account directory the modules see, to look at what was stored.
  function spied(options: Record<string, unknown>) {
    const seen: { accounts?: AccountDirectory } = {}
    const spy = defineModule('spy', (mod) => {
      seen.accounts = mod.accounts
    })
    const t = testHost({ modules: [register, spy], options })
    return { t, accounts: () => seen.accounts! }
  }
  const OPEN = '<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="example.test" version="1.0"/>'

  test('registration stores SCRAM keys only, never the password (RFC 5802 §2.2)', async () => {
    const { t, accounts } = spied({ allowRegistration: true })
    const c = t.connect()
    await c.send(OPEN)
    c.received()
    await c.send(registerIq('r', 'Bill', 'Calliope'))
    await c.expect('<iq type="result" id="r"/>')
    const stored = await accounts().credentials('bill')
    expect(Object.keys(stored!).sort()).toEqual(['SCRAM-SHA-1', 'SCRAM-SHA-256', 'SCRAM-SHA-512'])
    for (const keys of Object.values(stored!)) {
      expect(Object.keys(keys).sort()).toEqual(['iterations', 'salt', 'serverKey', 'storedKey'])
      expect(keys.iterations).toBe(DEFAULT_ITERATIONS)
    }
    expect(JSON.stringify(stored)).not.toContain('Calliope')
    expect(await accounts().exists('Bill')).toBe(false)
  })

  test('scramIterations sets the iteration count, for registration and password change', async () => {
    const { t, accounts } = spied({ allowRegistration: true, scramIterations: 5000 })
    const c = t.connect()
    await c.send(OPEN)
    c.received()
    await c.send(registerIq('r', 'bill', 'Calliope'))
    c.received()
    const iterations = async (user: string) =>
      Object.values((await accounts().credentials(user))!).map((k) => k.iterations)
    expect(await iterations('bill')).toEqual([5000, 5000, 5000])
    const alice = await t.login('alice@example.test/phone', { password: 'secret' })
    expect(await iterations('alice')).toEqual([4096, 4096, 4096])
    await alice.send(registerIq('c', 'alice', 'n3wpass'))
    expect(await iterations('alice')).toEqual([5000, 5000, 5000])
  })
})
