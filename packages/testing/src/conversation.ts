// Scripted conversations in the style of Prosody's scansion (spec/scansion/*.scs): who sends
// what, who receives exactly what. The script is plain text; the transport is whatever the
// environment's clients are (testHost() here, real WebSockets in apps/server's e2e tests).
//
//   # comments start with #
//   [Client] Romeo
//     jid: romeo@example.test/orchard
//     password: secret            (optional)
//     presence: yes               (optional: send initial presence after login)
//
//   Romeo connects
//   Romeo sends:
//     <message to="juliet@example.test" type="chat"><body>hi</body></message>
//   Juliet receives:
//     <message from="romeo@example.test/orchard" to="juliet@example.test" type="chat"><body>hi</body></message>
//   Juliet receives nothing
//   Romeo disconnects
//
// Expected stanzas use the matcher's placeholders ({{name}} captures, {{}} matches anything).
import type { Element } from '@tercet/xml'

export interface ConversationClient {
  send(stanza: string): Promise<void>
  expect(stanza: string): Promise<Element>
  expectNothing(): void
  disconnect(): Promise<void>
}

export interface ConversationEnv {
  login(
    jid: string,
    options?: { password?: string; sendPresence?: boolean },
  ): Promise<ConversationClient>
}

interface ClientSpec {
  jid?: string
  password?: string
  presence?: boolean
}

type Step =
  | { line: number; who: string; action: 'connects' | 'disconnects' | 'receives nothing' }
  | { line: number; who: string; action: 'sends' | 'receives'; xml: string }

export class ConversationError extends Error {
  override readonly name = 'ConversationError'
}

function parse(script: string): { clients: Map<string, ClientSpec>; steps: Step[] } {
  const clients = new Map<string, ClientSpec>()
  const steps: Step[] = []
  let current: ClientSpec | undefined
  let pending:
    | { line: number; who: string; action: 'sends' | 'receives'; xml: string[] }
    | undefined
  const flush = () => {
    if (!pending) return
    if (pending.xml.length === 0)
      throw new ConversationError(`line ${pending.line}: no stanza after "${pending.action}:"`)
    steps.push({ ...pending, xml: pending.xml.join('') })
    pending = undefined
  }
  script.split('\n').forEach((raw, index) => {
    const line = index + 1
    const text = raw.trim()
    if (text === '' || text.startsWith('#')) return
    const header = /^\[Client\]\s+(\S+)$/.exec(text)
    if (header) {
      flush()
      current = {}
      clients.set(header[1]!, current)
      return
    }
    const field = /^(jid|password|presence):\s*(.+)$/.exec(text)
    if (field && current && !pending) {
      if (field[1] === 'jid') current.jid = field[2]!
      else if (field[1] === 'password') current.password = field[2]!
      else current.presence = /^(yes|true)$/i.test(field[2]!)
      return
    }
    const step = /^(\S+)\s+(connects|disconnects|receives nothing|sends:|receives:)$/.exec(text)
    if (step) {
      flush()
      current = undefined
      const action = step[2]!.replace(':', '') as Step['action']
      if (action === 'sends' || action === 'receives')
        pending = { line, who: step[1]!, action, xml: [] }
      else steps.push({ line, who: step[1]!, action })
      return
    }
    if (pending) pending.xml.push(text)
    else throw new ConversationError(`line ${line}: cannot read "${text}"`)
  })
  flush()
  return { clients, steps }
}

/** Runs a scansion-style script against an environment; throws naming the failing line. */
export async function conversation(env: ConversationEnv, script: string): Promise<void> {
  const { clients, steps } = parse(script)
  const online = new Map<string, ConversationClient>()
  for (const step of steps) {
    const spec = clients.get(step.who)
    if (!spec?.jid)
      throw new ConversationError(`line ${step.line}: no [Client] ${step.who} with a jid`)
    try {
      if (step.action === 'connects') {
        online.set(
          step.who,
          await env.login(spec.jid, {
            ...(spec.password ? { password: spec.password } : {}),
            sendPresence: spec.presence ?? false,
          }),
        )
        continue
      }
      const client = online.get(step.who)
      if (!client) throw new Error(`${step.who} is not connected`)
      if (step.action === 'sends') await client.send(step.xml)
      else if (step.action === 'receives') await client.expect(step.xml)
      else if (step.action === 'receives nothing') client.expectNothing()
      else {
        await client.disconnect()
        online.delete(step.who)
      }
    } catch (e) {
      throw new ConversationError(
        `line ${step.line} (${step.who} ${step.action}): ${(e as Error).message}`,
      )
    }
  }
}

/** A client as the modules' conversation scripts use it (testHost() and the real server). */
export interface ScriptClient {
  send(stanza: string): Promise<void>
  expect(stanza: string): Promise<Element>
  expectNothing(): void
  received(): Element[]
}

/** The environment the modules' conversation scripts run in. */
export interface ScriptEnv {
  readonly domain: string
  login(jid: string, options?: { password?: string; sendPresence?: boolean }): Promise<ScriptClient>
  addUser(user: string, password: string): Promise<void>
}
