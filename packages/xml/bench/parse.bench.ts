import { Parser as LtxParser } from '@xmpp/xml'
import { Parser as Htmlparser2 } from 'htmlparser2'
import { SaxesParser } from 'saxes'
import { afterAll, bench, describe } from 'vitest'
import { type Element, StreamParser } from '../src/index'
import { makeCorpus } from './corpus'
import { interleave, table } from './stats'

// Run with `pnpm --filter @tercet/xml bench`. Each peer parses the same corpus, fed in
// 1400-character frames; medians go to the table printed at the end (copied to the README).
const corpus = makeCorpus()
const ROUNDS = 21
// tinybench's own figures (printed by vitest) come from short runs, one peer at a time.
const options = { time: 500, iterations: 5, warmupIterations: 1 }

function tercet(): number {
  let stanzas = 0
  const parser = new StreamParser({
    element: (_: Element) => {
      stanzas++
    },
  })
  for (const frame of corpus.frames) parser.write(frame)
  parser.end()
  return stanzas
}

function ltx(): number {
  let stanzas = 0
  const parser = new LtxParser()
  parser.on('element', () => {
    stanzas++
  })
  parser.on('error', (e: unknown) => {
    throw e
  })
  for (const frame of corpus.frames) parser.write(frame)
  parser.end()
  return stanzas
}

function saxes(): number {
  let opened = 0
  const parser = new SaxesParser({ xmlns: true })
  parser.on('opentag', () => {
    opened++
  })
  parser.on('text', () => {})
  parser.on('closetag', () => {})
  parser.on('error', (e) => {
    throw e
  })
  for (const frame of corpus.frames) parser.write(frame)
  parser.close()
  return opened
}

function htmlparser2(): number {
  let opened = 0
  const parser = new Htmlparser2(
    { onopentag: () => opened++, ontext: () => {}, onclosetag: () => {} },
    { xmlMode: true },
  )
  for (const frame of corpus.frames) parser.write(frame)
  parser.end()
  return opened
}

if (tercet() !== corpus.stanzas || ltx() !== corpus.stanzas) {
  throw new Error('peers disagree on the number of stanzas')
}

const MB = (corpus.bytes / 1e6).toFixed(2)
const peers = {
  '@tercet/xml StreamParser (trees)': tercet,
  'ltx via @xmpp/xml (trees)': ltx,
  'saxes, xmlns (events only)': saxes,
  'htmlparser2, xmlMode (events only)': htmlparser2,
}

describe(`parse ${MB} MB (${corpus.stanzas} stanzas) in 1400-char frames`, () => {
  for (const [name, fn] of Object.entries(peers)) {
    bench(name, () => void fn(), options)
  }
})

afterAll(() => {
  const samples = interleave(peers, ROUNDS)
  console.log(
    `\nparse: ${MB} MB, ${corpus.stanzas} stanzas, 1400-char frames, medians of ${ROUNDS} interleaved rounds\n`,
  )
  console.log(table(samples, corpus.bytes, corpus.stanzas, 'stanzas', 'ltx via @xmpp/xml (trees)'))
})
