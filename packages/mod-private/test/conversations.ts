// XEP-0049 conversations, written against a transport-neutral environment: the same scripts run
// against testHost() here and, later, against the real server over WebSocket.

import type { ScriptClient as Client, ScriptEnv as Env } from '@tercet/testing'

export type { Client, Env }

const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas'
const TEXT = `<text xmlns="${STANZAS}">{{}}</text>`
const q = (inner = '') => `<query xmlns="jabber:iq:private">${inner}</query>`
const PREFS = '<exodus xmlns="exodus:prefs"><defaultnick>Hamlet</defaultnick></exodus>'
const ASK_PREFS = '<exodus xmlns="exodus:prefs"/>'
const error = (condition: string, type: string, text = '') =>
  `<error type="${type}"><${condition} xmlns="${STANZAS}"/>${text}</error>`

/** §2.3 examples 1 and 2: store a fragment, then retrieve it by its namespace. */
export async function storeAndRetrieve(env: Env): Promise<void> {
  const d = env.domain
  const hamlet = await env.login(`hamlet@${d}/denmark`)
  await hamlet.send(`<iq type="set" id="1001">${q(PREFS)}</iq>`)
  await hamlet.expect(`<iq type="result" id="1001" to="hamlet@${d}/denmark"/>`)
  await hamlet.send(`<iq type="get" id="1002">${q(ASK_PREFS)}</iq>`)
  await hamlet.expect(`<iq type="result" id="1002" to="hamlet@${d}/denmark">${q(PREFS)}</iq>`)
  hamlet.expectNothing()
}

/** Nothing stored: the result echoes the empty element that was asked for. */
export async function nothingStored(env: Env): Promise<void> {
  const d = env.domain
  const hamlet = await env.login(`hamlet@${d}/denmark`)
  await hamlet.send(`<iq type="get" id="g1">${q(ASK_PREFS)}</iq>`)
  await hamlet.expect(`<iq type="result" id="g1" to="hamlet@${d}/denmark">${q(ASK_PREFS)}</iq>`)
}

/** Storage is per namespace: each keeps its own; a set replaces only the namespaces it names. */
export async function perNamespace(env: Env): Promise<void> {
  const d = env.domain
  const hamlet = await env.login(`hamlet@${d}/denmark`)
  const marks =
    '<storage xmlns="storage:bookmarks"><url name="x" url="https://example.org/"/></storage>'
  await hamlet.send(`<iq type="set" id="s1">${q(PREFS)}</iq>`)
  await hamlet.expect(`<iq type="result" id="s1" to="hamlet@${d}/denmark"/>`)
  await hamlet.send(`<iq type="set" id="s2" to="hamlet@${d}">${q(marks)}</iq>`)
  await hamlet.expect(`<iq type="result" id="s2" from="hamlet@${d}" to="hamlet@${d}/denmark"/>`)
  const newer = '<exodus xmlns="exodus:prefs"><defaultnick>Prince</defaultnick></exodus>'
  await hamlet.send(`<iq type="set" id="s3">${q(newer)}</iq>`)
  await hamlet.expect(`<iq type="result" id="s3" to="hamlet@${d}/denmark"/>`)
  await hamlet.send(`<iq type="get" id="g1">${q(ASK_PREFS)}</iq>`)
  await hamlet.expect(`<iq type="result" id="g1" to="hamlet@${d}/denmark">${q(newer)}</iq>`)
  await hamlet.send(`<iq type="get" id="g2">${q('<storage xmlns="storage:bookmarks"/>')}</iq>`)
  await hamlet.expect(`<iq type="result" id="g2" to="hamlet@${d}/denmark">${q(marks)}</iq>`)
}

/** §2.3: a set MAY carry several elements of one namespace; they come back together. */
export async function severalElementsOneNamespace(env: Env): Promise<void> {
  const d = env.domain
  const hamlet = await env.login(`hamlet@${d}/denmark`)
  const two = '<a xmlns="urn:x:notes">first</a><b xmlns="urn:x:notes">second</b>'
  await hamlet.send(`<iq type="set" id="s1">${q(two)}</iq>`)
  await hamlet.expect(`<iq type="result" id="s1" to="hamlet@${d}/denmark"/>`)
  await hamlet.send(`<iq type="get" id="g1">${q('<a xmlns="urn:x:notes"/>')}</iq>`)
  await hamlet.expect(`<iq type="result" id="g1" to="hamlet@${d}/denmark">${q(two)}</iq>`)
}

/** Private data belongs to the account: another resource of the user reads the same data. */
export async function sharedByResources(env: Env): Promise<void> {
  const d = env.domain
  const denmark = await env.login(`hamlet@${d}/denmark`)
  const elsinore = await env.login(`hamlet@${d}/elsinore`)
  await denmark.send(`<iq type="set" id="s1">${q(PREFS)}</iq>`)
  await denmark.expect(`<iq type="result" id="s1" to="hamlet@${d}/denmark"/>`)
  await elsinore.send(`<iq type="get" id="g1">${q(ASK_PREFS)}</iq>`)
  await elsinore.expect(`<iq type="result" id="g1" to="hamlet@${d}/elsinore">${q(PREFS)}</iq>`)
}

/** §2.3: a query without a child is not-acceptable, for get and for set. */
export async function emptyQuery(env: Env): Promise<void> {
  const d = env.domain
  const hamlet = await env.login(`hamlet@${d}/denmark`)
  for (const type of ['get', 'set']) {
    await hamlet.send(`<iq type="${type}" id="e-${type}">${q()}</iq>`)
    await hamlet.expect(
      `<iq type="error" id="e-${type}" to="hamlet@${d}/denmark">${error('not-acceptable', 'modify', TEXT)}</iq>`,
    )
  }
}

/** §2.3: jabber:client, jabber:server and jabber:iq:private itself are not-acceptable. */
export async function reservedNamespaces(env: Env): Promise<void> {
  const d = env.domain
  const hamlet = await env.login(`hamlet@${d}/denmark`)
  const reserved = [
    '<message xmlns="jabber:client"/>',
    '<message xmlns="jabber:server"/>',
    '<nested/>', // no own xmlns: it is in jabber:iq:private
  ]
  for (const [i, child] of reserved.entries()) {
    for (const type of ['get', 'set']) {
      await hamlet.send(`<iq type="${type}" id="r${i}-${type}">${q(child)}</iq>`)
      await hamlet.expect(
        `<iq type="error" id="r${i}-${type}" to="hamlet@${d}/denmark">${error('not-acceptable', 'modify', TEXT)}</iq>`,
      )
    }
  }
}

/** §2.3: a get naming two namespaces is refused (a client MUST NOT). */
export async function getWithTwoNamespaces(env: Env): Promise<void> {
  const d = env.domain
  const hamlet = await env.login(`hamlet@${d}/denmark`)
  await hamlet.send(
    `<iq type="get" id="g1">${q(`${ASK_PREFS}<storage xmlns="storage:bookmarks"/>`)}</iq>`,
  )
  await hamlet.expect(
    `<iq type="error" id="g1" to="hamlet@${d}/denmark">${error('bad-request', 'modify', TEXT)}</iq>`,
  )
}

/** §2.3 example 3 and §4: another user's private data is forbidden, for get and for set. */
export async function othersAreForbidden(env: Env): Promise<void> {
  const d = env.domain
  const hamlet = await env.login(`hamlet@${d}/denmark`)
  const macbeth = await env.login(`macbeth@${d}/castle`)
  await hamlet.send(`<iq type="set" id="s1">${q(PREFS)}</iq>`)
  await hamlet.expect(`<iq type="result" id="s1" to="hamlet@${d}/denmark"/>`)
  const forged = '<exodus xmlns="exodus:prefs"><defaultnick>Macbeth</defaultnick></exodus>'
  await macbeth.send(`<iq type="set" id="1003" to="hamlet@${d}">${q(forged)}</iq>`)
  await macbeth.expect(
    `<iq type="error" id="1003" from="hamlet@${d}" to="macbeth@${d}/castle">${error('forbidden', 'auth')}</iq>`,
  )
  await macbeth.send(`<iq type="get" id="1004" to="hamlet@${d}">${q(ASK_PREFS)}</iq>`)
  await macbeth.expect(
    `<iq type="error" id="1004" from="hamlet@${d}" to="macbeth@${d}/castle">${error('forbidden', 'auth')}</iq>`,
  )
  await hamlet.send(`<iq type="get" id="g1">${q(ASK_PREFS)}</iq>`)
  await hamlet.expect(`<iq type="result" id="g1" to="hamlet@${d}/denmark">${q(PREFS)}</iq>`)
  hamlet.expectNothing()
}

/** The size limit: more than `maxSize` bytes under one namespace is not-acceptable. */
export async function tooLarge(env: Env, limits: { maxSize: number }): Promise<void> {
  const d = env.domain
  const hamlet = await env.login(`hamlet@${d}/denmark`)
  const big = `<exodus xmlns="exodus:prefs">${'x'.repeat(limits.maxSize)}</exodus>`
  await hamlet.send(`<iq type="set" id="s1">${q(big)}</iq>`)
  await hamlet.expect(
    `<iq type="error" id="s1" to="hamlet@${d}/denmark">${error('not-acceptable', 'modify', TEXT)}</iq>`,
  )
  await hamlet.send(`<iq type="get" id="g1">${q(ASK_PREFS)}</iq>`)
  await hamlet.expect(`<iq type="result" id="g1" to="hamlet@${d}/denmark">${q(ASK_PREFS)}</iq>`)
}
