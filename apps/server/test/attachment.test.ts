// The session record lives in the WebSocket attachment, and in the object's storage when it
// outgrows what an attachment may hold.

import { env, runInDurableObject } from 'cloudflare:test'
import { createSession } from '@tercet/router'
import { expect, test } from 'vitest'
import { ATTACHMENT_LIMIT, readRecord, writeRecord } from '../src/attachment'

test('a small record stays in the attachment; a large one moves to storage and back', async () => {
  const stub = env.SESSION.get(env.SESSION.newUniqueId())
  await runInDurableObject(stub, (_instance, state) => {
    const { 1: server } = new WebSocketPair()
    state.acceptWebSocket(server)
    const small = { ...createSession('s1'), jid: 'alice@localhost/phone' }
    writeRecord(server, state.storage.kv, small)
    expect(server.deserializeAttachment()).toEqual(small)
    expect(readRecord(server, state.storage.kv, 's1')).toEqual(small)

    // Module data (SessionData) can grow: a module's field stands in for it.
    const large = { ...small, data: { note: 'x'.repeat(ATTACHMENT_LIMIT + 1) } as never }
    writeRecord(server, state.storage.kv, large)
    expect(server.deserializeAttachment()).toEqual({ inStorage: true, id: 's1' })
    expect(readRecord(server, state.storage.kv, 's1')).toEqual(large)

    // Shrinking again moves it back and clears the stored copy.
    writeRecord(server, state.storage.kv, small)
    expect(server.deserializeAttachment()).toEqual(small)
    expect(state.storage.kv.get('session-record')).toBeUndefined()
  })
})
