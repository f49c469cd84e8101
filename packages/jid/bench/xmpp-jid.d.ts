// @xmpp/jid ships no type declarations; this is the part the benchmark uses.
declare module '@xmpp/jid' {
  export function parse(s: string): { local: string; domain: string; resource: string }
}
