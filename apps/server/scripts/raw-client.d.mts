import type { WebSocket } from 'ws'
export interface RawConnection {
  ws: WebSocket
  opened: Promise<void>
  send(frame: string): void
  next(): Promise<string>
  listeners: Set<(frame: string) => void>
}
export declare function connection(url: string): RawConnection
export declare function scramLogin(
  url: string,
  user: string,
  password: string,
  resource: string,
  domain?: string,
  mechanism?: 'SCRAM-SHA-1' | 'SCRAM-SHA-256',
): Promise<RawConnection>
