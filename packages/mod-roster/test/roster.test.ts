import { describe, test } from 'vitest'
import { roster } from '../src/index'
import * as c from './conversations'
import { memoryEnv } from './env'

describe('RFC 6121 §2 roster over testHost()', () => {
  test('§2.1.3/§2.3/§2.4 get, add, update', () => c.getAndSet(memoryEnv([roster])))
  test('§2.1.6 pushes reach every interested resource and only those', () =>
    c.pushesToInterestedResources(memoryEnv([roster])))
  test('§2.6 roster versioning', () => c.versioning(memoryEnv([roster])))
  test('§2.3.3/§2.5.3 roster set errors and limits', () =>
    c.setErrors(memoryEnv([roster], c.ROSTER_LIMITS)))
  test('items per roster → resource-constraint', () =>
    c.itemLimit(memoryEnv([roster], { maxRosterItems: 2 })))
  test('another account may not read or change the roster', () =>
    c.othersForbidden(memoryEnv([roster])))
})
