import { type Element as LtxElement, Parser as LtxParser } from '@xmpp/xml'
import { afterAll, bench, describe } from 'vitest'
import { type Element, StreamParser, serialize } from '../src/index'
import { makeCorpus } from './corpus'
import { interleave, table } from './stats'

// Run with `pnpm --filter @tercet/xml bench`: serializes every stanza of the corpus, parsed
// once beforehand by each library into its own trees. Medians go to the table printed last.
const corpus = makeCorpus()
const ROUNDS = 21
const options = { time: 500, iterations: 5, warmupIterations: 1 }

const ours: Element[] = []
const parser = new StreamParser({ element: (e) => ours.push(e) })
parser.write(corpus.text)
parser.end()

const theirs: LtxElement[] = []
const ltxParser = new LtxParser()
ltxParser.on('element', (e: LtxElement) => theirs.push(e))
ltxParser.write(corpus.text)

let outputBytes = 0
function tercet(): number {
  let n = 0
  for (const el of ours) n += serialize(el, { defaultNs: 'jabber:client' }).length
  return n
}
function ltx(): number {
  let n = 0
  for (const el of theirs) n += el.toString().length
  return n
}
outputBytes = tercet()

const peers = { '@tercet/xml serialize': tercet, 'ltx Element#toString': ltx }

describe(`serialize ${corpus.stanzas} stanzas`, () => {
  for (const [name, fn] of Object.entries(peers)) {
    bench(name, () => void fn(), options)
  }
})

afterAll(() => {
  const samples = interleave(peers, ROUNDS)
  const out = (outputBytes / 1e6).toFixed(2)
  console.log(
    `\nserialize: ${corpus.stanzas} stanzas, ${out} M code units out, medians of ${ROUNDS} interleaved rounds\n`,
  )
  console.log(table(samples, outputBytes, corpus.stanzas, 'stanzas', 'ltx Element#toString'))
})
