// The XML console: every element in and out, pretty-printed, newest last.
import { NS_REGISTER, NS_SASL } from '@tercet/stanza'
import { type Element, serialize } from '@tercet/xml'
import { prettyXml } from '../ui/pretty-xml'

export interface ConsoleEntry {
  seq: number
  dir: 'in' | 'out'
  at: number
  /** The element's name (`message`, `iq`, …), for styling and filtering. */
  name: string
  xml: string
}

export interface ConsoleState {
  entries: ConsoleEntry[]
  seq: number
}

export type ConsoleAction =
  | { type: 'console/traffic'; dir: 'in' | 'out'; at: number; name: string; xml: string }
  | { type: 'console/clear' }

export const MAX_ENTRIES = 500
export const emptyConsole: ConsoleState = { entries: [], seq: 0 }

export function consoleReducer(state: ConsoleState, action: ConsoleAction): ConsoleState {
  switch (action.type) {
    case 'console/traffic': {
      const seq = state.seq + 1
      const { dir, at, name, xml } = action
      const entries = [...state.entries, { seq, dir, at, name, xml }]
      return { seq, entries: entries.length > MAX_ENTRIES ? entries.slice(-MAX_ENTRIES) : entries }
    }
    case 'console/clear':
      return { ...state, entries: [] }
  }
}

/** The console action for one element: passwords hidden, then pretty-printed. */
export function trafficAction(dir: 'in' | 'out', el: Element | string, at: number): ConsoleAction {
  if (typeof el === 'string') return { type: 'console/traffic', dir, at, name: '?', xml: el }
  return { type: 'console/traffic', dir, at, name: el.local, xml: prettyXml(serialize(redact(el))) }
}

/** XEP-0077 passwords and SASL PLAIN credentials never reach the screen. */
export function redact(el: Element): Element {
  const query = el.getChild('query', NS_REGISTER)
  const password = query?.getChild('password')
  if (password?.text()) {
    const copy = el.clone()
    const p = copy.getChild('query', NS_REGISTER)!.getChild('password')!
    p.children = ['••••••']
    return copy
  }
  if (el.is('auth', NS_SASL) && el.attr('mechanism') === 'PLAIN') {
    const copy = el.clone()
    copy.children = ['(PLAIN credentials hidden)']
    return copy
  }
  return el
}
