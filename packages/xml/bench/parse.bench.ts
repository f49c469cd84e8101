import { Parser as LtxParser } from '@xmpp/xml'
import { Parser as Htmlparser2 } from 'htmlparser2'
import { SaxesParser } from 'saxes'
import { afterAll, bench, describe } from 'vitest'
import { type Element, StreamParser } from '../src/index'
import { makeCorpus } from './corpus'
import { interleave, table } from './stats'

// Run with `pnpm --filter @tercet/xml bench`. Each peer parses the same corpus, fed as a
// server reads it (1400-byte reads, decoded); medians go to the tables printed at the end
// (copied to the README). A second table repeats tercet and ltx on 1400-character slices of
// one string, the input of the first versions of this benchmark.
const corpus = makeCorpus()
const ROUNDS = 21
// tinybench's own figures (printed by vitest) come from short runs, one peer at a time.
const options = { time: 500, iterations: 5, warmupIterations: 1 }

function tercet(frames = corpus.frames): number {
  let stanzas = 0
  const parser = new StreamParser({
    element: (_: Element) => {
      stanzas++
    },
  })
  for (const frame of frames) parser.write(frame)
  parser.end()
  return stanzas
}

function ltx(frames = corpus.frames): number {
  let stanzas = 0
  const parser = new LtxParser()
  parser.on('element', () => {
    stanzas++
  })
  parser.on('error', (e: unknown) => {
    throw e
  })
  for (const frame of frames) parser.write(frame)
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

const tercetSlices = () => tercet(corpus.slices)
const ltxSlices = () => ltx(corpus.slices)

if (
  tercet() !== corpus.stanzas ||
  ltx() !== corpus.stanzas ||
  tercetSlices() !== corpus.stanzas ||
  ltxSlices() !== corpus.stanzas
) {
  throw new Error('peers disagree on the number of stanzas')
}

const MB = (corpus.bytes / 1e6).toFixed(2)
const peers = {
  '@tercet/xml StreamParser (trees)': tercet,
  'ltx via @xmpp/xml (trees)': ltx,
  'saxes, xmlns (events only)': saxes,
  'htmlparser2, xmlMode (events only)': htmlparser2,
}

const slicePeers = {
  '@tercet/xml StreamParser, slices': tercetSlices,
  'ltx via @xmpp/xml, slices': ltxSlices,
}

describe(`parse ${MB} MB (${corpus.stanzas} stanzas) in 1400-byte reads`, () => {
  for (const [name, fn] of Object.entries(peers)) {
    bench(name, () => void fn(), options)
  }
})

afterAll(() => {
  const samples = interleave({ ...peers, ...slicePeers }, ROUNDS)
  const pick = (names: string[]) => new Map(names.map((name) => [name, samples.get(name)!]))
  console.log(
    `\nparse: ${MB} MB, ${corpus.stanzas} stanzas (${corpus.frames.length} reads of 1400 bytes, decoded), medians of ${ROUNDS} interleaved rounds\n`,
  )
  const baseline = 'ltx via @xmpp/xml (trees)'
  console.log(table(pick(Object.keys(peers)), corpus.bytes, corpus.stanzas, 'stanzas', baseline))
  console.log(`\nthe same, fed ${corpus.slices.length} slices of 1400 characters of one string\n`)
  const sliceBaseline = 'ltx via @xmpp/xml, slices'
  console.log(
    table(pick(Object.keys(slicePeers)), corpus.bytes, corpus.stanzas, 'stanzas', sliceBaseline),
  )
})
