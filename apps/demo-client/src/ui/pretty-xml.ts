// Indents serialized XML for the console. The input comes from @tercet/xml's serializer, which
// escapes every `<` and `>` in text and attribute values, so a tag always runs from `<` to the
// next `>`: splitting on that is exact, not a heuristic.

const TOKEN = /<[^>]*>|[^<]+/g

/** One element per line, children indented by `indent`; text-only elements stay on one line. */
export function prettyXml(xml: string, indent = '  '): string {
  const tokens = xml.match(TOKEN) ?? []
  const lines: string[] = []
  let depth = 0
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const pad = indent.repeat(depth)
    if (t.startsWith('</')) {
      depth = Math.max(0, depth - 1)
      lines.push(indent.repeat(depth) + t)
    } else if (t.startsWith('<')) {
      if (t.endsWith('/>')) {
        lines.push(pad + t)
        continue
      }
      const next = tokens[i + 1]
      const after = tokens[i + 2]
      if (next !== undefined && !next.startsWith('<') && after?.startsWith('</')) {
        lines.push(pad + t + next + after) // <body>text</body>
        i += 2
      } else if (next?.startsWith('</')) {
        lines.push(pad + t + next)
        i += 1
      } else {
        lines.push(pad + t)
        depth++
      }
    } else if (t.trim()) {
      lines.push(pad + t.trim())
    }
  }
  return lines.join('\n')
}
