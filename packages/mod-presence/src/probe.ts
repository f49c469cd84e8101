// RFC 6121 §4.3.2: answering a presence probe on behalf of the probed account.
import { hasFrom, loadState } from '@tercet/mod-roster'
import type { ModuleApi, StanzaEvent } from '@tercet/router'
import { parseFrame } from '@tercet/xml'
import { bareOf, presenceElement, sendCurrentPresence } from './deliver'

const lastUnavailable = (mod: ModuleApi) =>
  mod.openStore<string, 'keyval'>('presence-unavailable', 'keyval')

/** Keeps the user's last unavailable presence (serialised), the answer to later probes. */
export async function rememberUnavailable(mod: ModuleApi, user: string, xml: string) {
  await lastUnavailable(mod).set(user, xml)
}

export async function answerProbe(mod: ModuleApi, e: StanzaEvent): Promise<true> {
  const user = e.to.local!
  const bare = bareOf(mod, user)
  const asker = e.from.bare().toString()
  // An entity is implicitly subscribed to its own presence (§4.2.2); anyone else needs a
  // subscription "From" or "Both".
  const authorised = asker === bare || hasFrom((await loadState(mod, user, asker)).state)
  if (!authorised) {
    // §4.3.2 rule 1: no presence is revealed; `unsubscribed` lets the asker's server repair a
    // roster that thinks otherwise (§3.2.3).
    await mod.route(presenceElement({ type: 'unsubscribed', from: bare, to: asker }))
    return true
  }
  // §4.3.2 rule 3: the last presence of each available resource, to whoever probed.
  if ((await sendCurrentPresence(mod, user, e.from.toString())) > 0) return true
  // §4.3.2 rule 2: no resource is available: the last unavailable presence, if there was one.
  const last = await lastUnavailable(mod).get(user)
  const reply =
    last === undefined ? presenceElement({ type: 'unavailable', from: bare }) : parseFrame(last)
  reply.attrs.to = e.from.toString()
  await mod.route(reply)
  return true
}
