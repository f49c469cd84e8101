export declare const DEV_ADMIN_TOKEN: string
export interface DevServer {
  url: string
  wsUrl: string
  port: number
  pid: number
  stop(): Promise<void>
}
export declare function startDevServer(vars?: Record<string, string>): Promise<DevServer>
export declare function adminCreate(server: DevServer, jid: string, password: string): Promise<void>
