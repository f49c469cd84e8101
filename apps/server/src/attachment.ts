// Where a Session object keeps its session record: in the WebSocket's attachment, which
// survives hibernation, and in the object's own storage when the record outgrows what an
// attachment may hold (16 KiB). Both are synchronous, so reading the record never yields.
import { createSession, type SessionRecord } from '@tercet/router'

/** An attachment may hold 16 KiB of structured-clone data; stay clear of the edge. */
export const ATTACHMENT_LIMIT = 14 * 1024
const KEY = 'session-record'

type Attachment = SessionRecord | { inStorage: true; id: string }

export function readRecord(ws: WebSocket, kv: SyncKvStorage, id: string): SessionRecord {
  const attachment = ws.deserializeAttachment() as Attachment | null
  if (attachment && 'inStorage' in attachment)
    return kv.get<SessionRecord>(KEY) ?? createSession(id)
  return attachment ?? createSession(id)
}

export function writeRecord(ws: WebSocket, kv: SyncKvStorage, record: SessionRecord): void {
  const size = JSON.stringify(record).length
  if (size <= ATTACHMENT_LIMIT) {
    ws.serializeAttachment(record)
    kv.delete(KEY)
    return
  }
  kv.put(KEY, record)
  ws.serializeAttachment({ inStorage: true, id: record.id } satisfies Attachment)
}
