// The page's entry point: one store, one controller, and the forms of index.html wired to it.
import { Controller } from './controller'
import { createStore } from './state/app-state'
import type { OwnShow } from './state/session'
import { byId } from './ui/dom'
import { render, renderStatus } from './ui/view'
import { discoverWebSocket } from './xmpp/discovery'

const store = createStore()
const ctl = new Controller(store, {
  discover: (domain) => discoverWebSocket(domain, { pageOrigin: location.origin }),
})
store.subscribe((state, prev) => render(state, prev, ctl, Date.now()))
render(store.get(), undefined, ctl, Date.now())
// The reconnection countdown.
setInterval(() => {
  if (store.get().session.connection.state === 'reconnecting') renderStatus(store.get(), Date.now())
}, 500)

const input = <T extends HTMLElement = HTMLInputElement>(id: string) => byId<T>(id)

byId('login-form').addEventListener('submit', (e) => {
  e.preventDefault()
  void ctl.login({
    jid: input('jid').value,
    password: input('password').value,
    register: input('register').checked,
    url: input('ws-url').value,
  })
})

byId('logout').addEventListener('click', () => ctl.logout())
byId('reconnect-now').addEventListener('click', () => ctl.client.reconnectNow())

byId('presence-form').addEventListener('submit', (e) => {
  e.preventDefault()
  ctl.setPresence(input<HTMLSelectElement>('own-show').value as OwnShow, input('own-status').value)
})
input<HTMLSelectElement>('own-show').addEventListener('change', (e) => {
  ctl.setPresence((e.target as HTMLSelectElement).value as OwnShow, input('own-status').value)
})

byId('add-form').addEventListener('submit', async (e) => {
  e.preventDefault()
  const error = byId('add-error')
  error.textContent = ''
  try {
    await ctl.addContact(input('add-jid').value, input('add-name').value)
    input('add-jid').value = ''
    input('add-name').value = ''
  } catch (err) {
    error.textContent = `Could not add the contact: ${(err as Error).message}`
  }
})

const compose = input<HTMLTextAreaElement>('message-input')
function sendMessage(): void {
  const jid = store.get().chat.active
  const body = compose.value
  if (!jid || !body.trim()) return
  if (ctl.sendMessage(jid, body)) compose.value = ''
}
byId('message-form').addEventListener('submit', (e) => {
  e.preventDefault()
  sendMessage()
})
compose.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault()
    sendMessage()
  }
})

const raw = input<HTMLTextAreaElement>('raw-xml')
function sendRaw(): void {
  const error = byId('raw-error')
  error.textContent = ''
  try {
    ctl.sendRaw(raw.value)
    raw.value = ''
  } catch (err) {
    error.textContent = `Not sent: ${(err as Error).message}`
  }
}
byId('raw-form').addEventListener('submit', (e) => {
  e.preventDefault()
  sendRaw()
})
raw.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault()
    sendRaw()
  }
})
byId('console-clear').addEventListener('click', () => store.dispatch({ type: 'console/clear' }))
