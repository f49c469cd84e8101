import type { Element } from './element'
import type { ParserOptions } from './options'
import { StreamParser } from './stream-parser'

/** One parser callback, recorded as a tuple (htmlparser2's Tokenizer.spec.ts style). */
export type Event =
  | ['start', Element]
  | ['element', Element]
  | ['end']
  | ['error', string, number, string]

/** Feeds `chunks` to a fresh StreamParser and records every callback. */
export function parseChunks(
  chunks: Iterable<string | Uint8Array>,
  options?: ParserOptions,
): Event[] {
  const events: Event[] = []
  const parser = new StreamParser(
    {
      streamStart: (header) => events.push(['start', header]),
      element: (element) => events.push(['element', element]),
      streamEnd: () => events.push(['end']),
      error: (e) => events.push(['error', e.condition, e.offset, e.reason]),
    },
    options,
  )
  for (const chunk of chunks) parser.write(chunk)
  parser.end()
  return events
}

/** The input cut in two at `at`. */
export function splitAt<T extends string | Uint8Array>(input: T, at: number): T[] {
  return [input.slice(0, at) as T, input.slice(at) as T]
}

/** The input cut into pieces of `size` code units (or bytes). */
export function pieces<T extends string | Uint8Array>(input: T, size: number): T[] {
  const out: T[] = []
  for (let i = 0; i < input.length; i += size) out.push(input.slice(i, i + size) as T)
  return out
}

export const STREAM_OPEN =
  "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>"
export const STREAM_CLOSE = '</stream:stream>'
export const NS_STREAMS = 'http://etherx.jabber.org/streams'
