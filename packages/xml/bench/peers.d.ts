// ltx and @xmpp/xml ship no type declarations; the benchmark uses only this much of them.
declare module '@xmpp/xml' {
  import { EventEmitter } from 'node:events'
  export class Element {
    name: string
    attrs: Record<string, string>
    children: (Element | string)[]
    toString(): string
  }
  export class Parser extends EventEmitter {
    write(data: string): void
    end(data?: string): void
  }
}
