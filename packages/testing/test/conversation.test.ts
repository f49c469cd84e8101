import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { ConversationError, conversation, testHost } from '../src/index'

const script = (name: string) => readFileSync(new URL(`./scripts/${name}`, import.meta.url), 'utf8')

describe('scansion-style conversation scripts', () => {
  test('scripts/chat.scs runs against testHost()', async () => {
    await conversation(testHost(), script('chat.scs'))
  })
  test('a stanza that does not arrive fails with the line of the script', async () => {
    const broken = `[Client] A\n  jid: a@example.test/r\n[Client] B\n  jid: b@example.test/r\nA connects\nB connects\nA sends:\n  <message to="b@example.test/r" id="x"><body>1</body></message>\nB receives:\n  <message from="a@example.test/r" to="b@example.test/r" id="x"><body>2</body></message>\n`
    await expect(conversation(testHost(), broken)).rejects.toThrow(
      /line 9 \(B receives\): .*text\(\)/,
    )
  })
  test('an unknown client or an unreadable line is reported', async () => {
    await expect(conversation(testHost(), 'Nobody connects')).rejects.toBeInstanceOf(
      ConversationError,
    )
    await expect(
      conversation(testHost(), '[Client] A\n  jid: a@example.test/r\nA dances'),
    ).rejects.toThrow(/line 3: cannot read/)
  })
})
