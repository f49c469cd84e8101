/** Median of a list of durations (ms). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/**
 * Times peers round-robin: each round runs every peer once, so a slow moment of a shared
 * machine hits all of them alike and the ratios stay meaningful. (Measured while writing
 * this: with tinybench's one-peer-at-a-time blocks, the ltx ratio of the same code moved
 * between 0.8 and 1.5 from run to run on a loaded 2-core machine.)
 */
export function interleave(
  peers: Record<string, () => unknown>,
  rounds: number,
): Map<string, number[]> {
  const samples = new Map<string, number[]>(Object.keys(peers).map((name) => [name, []]))
  for (const fn of Object.values(peers)) fn() // warm up
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(peers)) {
      const t0 = performance.now()
      fn()
      samples.get(name)!.push(performance.now() - t0)
    }
  }
  return samples
}

/** A markdown table: median time, MB/s and items/s, and the ratio to `baseline`. */
export function table(
  samples: Map<string, number[]>,
  bytes: number,
  items: number,
  itemName: string,
  baseline: string,
): string {
  const base = median(samples.get(baseline) ?? [Number.NaN])
  const rows = [
    `| peer | median ms | MB/s | ${itemName}/s | × ${baseline} |`,
    '|---|---:|---:|---:|---:|',
  ]
  for (const [name, xs] of samples) {
    const ms = median(xs)
    const mbs = bytes / 1e6 / (ms / 1000)
    const per = Math.round(items / (ms / 1000)).toLocaleString('en-US')
    rows.push(
      `| ${name} | ${ms.toFixed(1)} | ${mbs.toFixed(1)} | ${per} | ${(base / ms).toFixed(2)} |`,
    )
  }
  return rows.join('\n')
}
