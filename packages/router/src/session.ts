// The session record: everything the core knows about one client connection, as plain JSON.
// The adapter keeps it (in the WebSocket attachment) and hands it back with every element, so a
// session survives its Durable Object hibernating (DESIGN.md, "The core is sans-IO").
import type { ServerState } from '@tercet/sasl'

/**
 * Module-owned session state. Modules add fields by declaration merging; every field must be
 * JSON (it lives in the WebSocket attachment):
 *
 *   declare module '@tercet/router' { interface SessionData { csiInactive?: boolean } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: extended by modules through declaration merging
export interface SessionData {}

/**
 * Where the stream is (RFC 6120 §4–7, over RFC 7395 framing):
 * - `connected`: nothing received yet; only `<open/>` is acceptable.
 * - `authenticating`: stream open, SASL offered (RFC 6120 §6).
 * - `restart`: SASL succeeded; the client must open a new stream (RFC 6120 §6.4.6).
 * - `binding`: authenticated stream open; resource binding offered (RFC 6120 §7).
 * - `bound`: a full JID is bound; stanzas flow.
 * - `closed`: `<close/>` or a stream error was sent; nothing more is processed.
 */
export type SessionStage =
  | 'connected'
  | 'authenticating'
  | 'restart'
  | 'binding'
  | 'bound'
  | 'closed'

export interface SessionRecord {
  /** The adapter's unique id for this connection (a Session object's id). */
  id: string
  stage: SessionStage
  /** The id the server gave the current stream (RFC 6120 §4.7.3), new on every restart. */
  streamId?: string
  /** `xml:lang` of the stream (RFC 6120 §4.7.4). */
  lang?: string
  /** The SASL exchange in progress, as @tercet/sasl's JSON state. */
  sasl?: ServerState
  /** Failed SASL attempts on this stream. */
  authFailures: number
  /** The account a SASL exchange in progress is trying (for per-account throttling). */
  authUser?: string
  /** The authenticated account's localpart. */
  user?: string
  /** The bound full JID. */
  jid?: string
  /** True once the legacy `<session/>` IQ was answered (RFC 3921 §3). */
  legacySession?: boolean
  /** The inbound stanza token bucket (see rate-limit.ts). */
  rate?: { tokens: number; at: number; refused: number }
  data: SessionData
}

export function createSession(id: string): SessionRecord {
  return { id, stage: 'connected', authFailures: 0, data: {} }
}
