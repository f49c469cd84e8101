// RFC 6121 §4.7: what a presence stanza may carry. The router already refuses unknown types,
// `show` values and out-of-range priorities (RFC 6120 §8.3.3.1); these are the rules about
// repetition it does not check.
import type { ModuleApi, StanzaEvent } from '@tercet/router'
import { errorReply, type StanzaError, stanzaError } from '@tercet/stanza'
import type { Element } from '@tercet/xml'

export function presenceProblem(stanza: Element): StanzaError | undefined {
  // §4.7.2.1 and §4.7.2.3: at most one <show/> and at most one <priority/>.
  for (const name of ['show', 'priority']) {
    if (stanza.getChildren(name).length > 1) {
      return stanzaError('bad-request', { text: `a presence holds at most one <${name}/>` })
    }
  }
  // §4.7.2.2: several <status/> elements only with distinct xml:lang values.
  const langs = stanza.getChildren('status').map((s) => s.attr('xml:lang') ?? '')
  if (new Set(langs).size !== langs.length) {
    return stanzaError('bad-request', { text: 'two <status/> elements share an xml:lang' })
  }
  return undefined
}

/**
 * Answers an invalid presence with a presence error to the resource that sent it (RFC 6120
 * §8.3.1) and returns true; false when the presence is acceptable.
 */
export async function rejectInvalid(mod: ModuleApi, e: StanzaEvent): Promise<boolean> {
  const problem = presenceProblem(e.stanza)
  if (!problem) return false
  const reply = errorReply(e.stanza, problem)
  if (reply && e.from.resource !== undefined) {
    await mod.sendToResource(e.from.local!, e.from.resource, reply)
  }
  return true
}
