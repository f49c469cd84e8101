// Renders the state into the static page of index.html. Lists are rebuilt when their slice
// of the state changes; the XML console only appends.
import type { Controller } from '../controller'
import type { AppState } from '../state/app-state'
import { contactPresence, type RosterItem, sortedContacts } from '../state/roster'
import { inSession, statusText } from '../state/session'
import { byId, el, time } from './dom'

const SHOW_LABEL: Record<string, string> = {
  chat: 'free for chat',
  online: 'online',
  away: 'away',
  xa: 'extended away',
  dnd: 'do not disturb',
  offline: 'offline',
}

export function render(state: AppState, prev: AppState | undefined, ctl: Controller, now: number) {
  renderStatus(state, now)
  if (
    !prev ||
    prev.roster !== state.roster ||
    prev.chat.unread !== state.chat.unread ||
    prev.chat.active !== state.chat.active ||
    prev.chat.threads !== state.chat.threads
  ) {
    renderContacts(state, ctl)
  }
  if (!prev || prev.chat !== state.chat || prev.roster.items !== state.roster.items) {
    renderChat(state)
  }
  if (!prev || prev.console !== state.console) renderConsole(state)
}

export function renderStatus(state: AppState, now: number): void {
  const { session } = state
  const c = session.connection
  const status = byId('status')
  status.textContent = statusText(session, now)
  status.dataset.state = c.state
  const on = inSession(session)
  byId('login').hidden = on
  byId('app').hidden = !on
  byId('presence-form').hidden = !on
  byId('logout').hidden = !on
  byId('reconnect-now').hidden = c.state !== 'reconnecting'
  byId('login-error').textContent = c.state === 'failed' ? c.error.message : ''
  const busy = c.state === 'discovering' || (c.state === 'connecting' && !on)
  const submit = byId('login-form').querySelector('button[type=submit]') as HTMLButtonElement
  submit.disabled = busy
}

function label(item: RosterItem | undefined, jid: string): string {
  return item?.name ? `${item.name} (${jid})` : jid
}

function renderContacts(state: AppState, ctl: Controller): void {
  const { roster, chat } = state
  const requests = byId('request-list')
  requests.replaceChildren(
    ...roster.requests.map((jid) =>
      el(
        'li',
        { 'data-jid': jid },
        el('span', { class: 'who' }, `${jid} wants to see your presence`),
        button('Approve', `Approve ${jid}`, () => ctl.approve(jid)),
        button('Deny', `Deny ${jid}`, () => ctl.deny(jid)),
      ),
    ),
  )
  byId('requests').hidden = roster.requests.length === 0
  const contacts = sortedContacts(roster)
  const others = Object.keys(chat.threads).filter((jid) => !roster.items[jid])
  const rows = [
    ...contacts.map((item) => contactRow(state, ctl, item.jid, item)),
    ...others.map((jid) => contactRow(state, ctl, jid, undefined)),
  ]
  byId('roster').replaceChildren(...rows)
  byId('roster-empty').hidden = rows.length > 0
}

function contactRow(state: AppState, ctl: Controller, jid: string, item: RosterItem | undefined) {
  const presence = contactPresence(state.roster, jid)
  const unread = state.chat.unread[jid] ?? 0
  let note = ''
  if (!item) note = 'not in your contacts'
  else if (item.ask) note = 'awaiting approval'
  else if (item.subscription === 'none' || item.subscription === 'from')
    note = 'no presence subscription'
  const name = label(item, jid)
  const open = el(
    'button',
    {
      type: 'button',
      class: 'open',
      'aria-label': `Chat with ${name}, ${SHOW_LABEL[presence.show]}${presence.status ? `: ${presence.status}` : ''}${unread ? `, ${unread} unread` : ''}`,
      'aria-current': state.chat.active === jid ? 'true' : undefined,
    },
    el('span', { class: 'dot', 'aria-hidden': 'true' }),
    el('span', { class: 'name' }, item?.name ?? jid),
    el('span', { class: 'show' }, SHOW_LABEL[presence.show]!),
    presence.status ? el('span', { class: 'status-text' }, presence.status) : null,
    note ? el('span', { class: 'note' }, note) : null,
    unread ? el('span', { class: 'unread' }, String(unread)) : null,
  )
  open.addEventListener('click', () => {
    ctl.openChat(jid)
    byId('message-input').focus()
  })
  const remove = item
    ? button('Remove', `Remove ${name}`, () => {
        if (confirm(`Remove ${name} from your contacts?`)) void ctl.removeContact(jid)
      })
    : null
  return el('li', { class: 'contact', 'data-jid': jid, 'data-show': presence.show }, open, remove)
}

function button(text: string, aria: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', 'aria-label': aria }, text)
  b.addEventListener('click', onClick)
  return b
}

function renderChat(state: AppState): void {
  const { active, threads } = state.chat
  const form = byId('message-form')
  form.hidden = !active
  if (!active) {
    byId('chat-title').textContent = 'No conversation open'
    byId('messages').replaceChildren()
    return
  }
  const presence = contactPresence(state.roster, active)
  byId('chat-title').textContent =
    `Chat with ${label(state.roster.items[active], active)} — ${SHOW_LABEL[presence.show]}`
  const list = byId('messages')
  list.replaceChildren(
    ...(threads[active] ?? []).map((m) =>
      el(
        'li',
        { class: `msg ${m.dir}${m.error ? ' failed' : ''}`, 'data-dir': m.dir },
        el('span', { class: 'meta' }, `${m.dir === 'in' ? active : 'me'} · ${time(m.at)}`),
        m.delayed ? el('span', { class: 'delayed' }, 'sent while you were offline') : null,
        m.body ? el('p', { class: 'body' }, m.body) : null,
        m.error ? el('p', { class: 'error' }, m.error) : null,
      ),
    ),
  )
  list.scrollTop = list.scrollHeight
}

function renderConsole(state: AppState): void {
  const log = byId('console-log')
  const entries = state.console.entries
  const lastShown = Number(log.lastElementChild?.getAttribute('data-seq') ?? 0)
  if (entries.length === 0) log.replaceChildren()
  const stick = log.scrollTop + log.clientHeight >= log.scrollHeight - 8
  for (const e of entries) {
    if (e.seq <= lastShown) continue
    log.append(
      el(
        'li',
        {
          class: `entry ${e.dir}`,
          'data-dir': e.dir,
          'data-name': e.name,
          'data-seq': String(e.seq),
        },
        el(
          'span',
          { class: 'meta' },
          `${e.dir === 'in' ? '← received' : '→ sent'} · ${time(e.at)}`,
        ),
        el('pre', {}, e.xml),
      ),
    )
  }
  while (log.childElementCount > entries.length) log.firstElementChild?.remove()
  if (stick) log.scrollTop = log.scrollHeight
}
