// Sums every vitest JSON report (packages/*/.vitest/*.json, apps/*/.vitest/*.json)
// into the one closing line CI reads: `N passed, M failed`. Exits non-zero when the test
// command failed (typecheck, lint or a test) or when a suite reported failures.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const commandStatus = Number(process.argv[2] ?? 0)
let passed = 0
let failed = 0
let suites = 0
for (const top of ['packages', 'apps']) {
  if (!existsSync(top)) continue
  for (const name of readdirSync(top)) {
    const dir = join(top, name, '.vitest')
    if (!existsSync(dir)) continue
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const result = JSON.parse(readFileSync(join(dir, file), 'utf8'))
      suites++
      passed += result.numPassedTests ?? 0
      failed += result.numFailedTests ?? 0
      if (result.numFailedTests)
        console.log(`failures in ${top}/${name} (${file}): ${result.numFailedTests}`)
    }
  }
}
if (commandStatus !== 0) {
  console.log(`the test command exited with status ${commandStatus} (see the log above)`)
}
console.log(`${suites} suites reported`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(commandStatus !== 0 || failed > 0 ? 1 : 0)
