// Two people in two browser contexts: register in-band, add each other, approve, see each
// other online, chat both ways, watch the XML console, go offline, get offline messages,
// reconnect. Plus the three errors a person must be able to tell apart.
import { type DevServer, startDevServer } from '@tercet/server/dev-server'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest'
import { CHROMIUM, ensureBuilt, hasChromium, launch, requireChromium, screenshot } from './browser'

const HOW_TO = `${CHROMIUM} not found: install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH`

if (!hasChromium && requireChromium) {
  test('Chromium is installed (required under CI=true)', () => {
    throw new Error(HOW_TO)
  })
} else if (!hasChromium) {
  console.warn(`skipping the browser tests: ${HOW_TO}`)
}

describe.skipIf(!hasChromium)('demo client in Chromium', () => {
  let server: DevServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  const run = Math.random().toString(36).slice(2, 7)
  const alice = `alice-${run}@localhost`
  const bob = `bob-${run}@localhost`

  beforeAll(async () => {
    await ensureBuilt()
    ;[server, browser] = await Promise.all([startDevServer(), launch()])
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  /** Screenshots of every open page when the current test fails. */
  function screenshotsOnFailure(name: string) {
    onTestFailed(async () => {
      for (const [i, c] of contexts.entries()) {
        for (const [j, page] of c.pages().entries()) {
          const path = await screenshot(page, `${name}-${i}-${j}`).catch(() => undefined)
          if (path) console.log(`screenshot: ${path}`)
        }
      }
    })
  }

  async function openClient(): Promise<Page> {
    const context = await browser.newContext()
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(`${server.url}/`)
    return page
  }

  async function login(page: Page, jid: string, password: string, register = false, url = '') {
    await page.getByLabel('Address (JID)').fill(jid)
    await page.getByLabel('Password').fill(password)
    await page.getByLabel(/Create this account/).setChecked(register)
    if (url) {
      await page.getByText('Connection settings').click()
      await page.getByLabel('WebSocket URL').fill(url)
    }
    await page.getByRole('button', { name: 'Connect' }).click()
  }

  const online = (page: Page, jid: string) =>
    page.locator('#status', { hasText: `Online as ${jid}/` }).waitFor()
  const contact = (page: Page, jid: string, show?: string) =>
    page.locator(`li.contact[data-jid="${jid}"]${show ? `[data-show="${show}"]` : ''}`)
  const loginError = (page: Page) => page.locator('#login-error').textContent()

  test('two users register, subscribe to each other, chat, and see each other leave', async () => {
    screenshotsOnFailure('two-users')
    const a = await openClient()
    const b = await openClient()
    expect(await a.title()).toBe('Tercet demo client')
    await login(a, alice, 'alice-secret', true)
    await login(b, bob, 'bob-secret', true)
    await Promise.all([online(a, alice), online(b, bob)])

    // Alice adds Bob (roster set + subscribe); Bob approves, which asks back; Alice approves.
    await a.getByLabel('Add a contact').fill(bob)
    await a.getByRole('button', { name: 'Add contact' }).click()
    await b.getByRole('button', { name: `Approve ${alice}` }).click()
    await a.getByRole('button', { name: `Approve ${bob}` }).click()
    await contact(a, bob, 'online').waitFor()
    await contact(b, alice, 'online').waitFor()

    // Bob sets a status; Alice sees it live.
    await b.getByLabel('My presence').selectOption('away')
    await b.getByLabel('Status message').fill('making tea')
    await b.getByRole('button', { name: 'Set presence' }).click()
    await contact(a, bob, 'away').filter({ hasText: 'making tea' }).waitFor()

    // Messages both ways, by keyboard (Enter sends).
    await contact(a, bob)
      .getByRole('button', { name: /^Chat with/ })
      .click()
    await a.getByLabel('Message', { exact: true }).fill('Hello Bob')
    await a.getByLabel('Message', { exact: true }).press('Enter')
    await contact(b, alice).locator('.unread', { hasText: '1' }).waitFor()
    await contact(b, alice)
      .getByRole('button', { name: /^Chat with/ })
      .click()
    await b.locator('#messages li.in', { hasText: 'Hello Bob' }).waitFor()
    await b.getByLabel('Message', { exact: true }).fill('Hi Alice!')
    await b.getByRole('button', { name: 'Send', exact: true }).click()
    await a.locator('#messages li.in', { hasText: 'Hi Alice!' }).waitFor()
    expect(await a.locator('#messages li').allTextContents()).toEqual([
      expect.stringContaining('Hello Bob'),
      expect.stringContaining('Hi Alice!'),
    ])

    // The XML console shows both <message> stanzas, by direction.
    const sent = a.locator('#console-log li.out[data-name="message"]', { hasText: 'Hello Bob' })
    const received = a.locator('#console-log li.in[data-name="message"]', { hasText: 'Hi Alice!' })
    await sent.waitFor()
    await received.waitFor()
    expect(await sent.locator('pre').textContent()).toMatch(
      new RegExp(
        `^<message xmlns="jabber:client" to="${bob}" type="chat" id="[^"]+">\\n  <body>Hello Bob</body>\\n</message>$`,
      ),
    )
    expect(await received.locator('pre').textContent()).toContain(`from="${bob}/`)

    // Bob goes away entirely; Alice sees him offline.
    await b.getByRole('button', { name: 'Log out' }).click()
    await b.locator('#status', { hasText: 'Disconnected.' }).waitFor()
    await contact(a, bob, 'offline').waitFor()

    // Alice writes while he is offline; he gets it at his next login (XEP-0160, XEP-0203).
    await a.getByLabel('Message', { exact: true }).fill('Call me when you are back')
    await a.getByLabel('Message', { exact: true }).press('Enter')
    const b2 = await openClient()
    await login(b2, bob, 'bob-secret')
    await online(b2, bob)
    await contact(b2, alice, 'online').waitFor()
    await contact(b2, alice)
      .getByRole('button', { name: /^Chat with/ })
      .click()
    await b2
      .locator('#messages li.in', { hasText: 'Call me when you are back' })
      .filter({ hasText: 'sent while you were offline' })
      .waitFor()
    await contact(a, bob, 'online').waitFor()
  })

  test('a dropped stream reconnects by itself and says so', async () => {
    screenshotsOnFailure('reconnect')
    const a = contexts[0]!.pages()[0]!
    // Ending the stream from the console (RFC 7395 §3.6) looks to the client like a drop.
    await a.getByLabel('Send raw XML').fill('<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>')
    await a.getByRole('button', { name: 'Send XML' }).click()
    await a.locator('#status', { hasText: /Reconnecting in \d+ s \(attempt 1\)/ }).waitFor()
    await online(a, alice)
    await contact(a, bob, 'online').waitFor()
    // The session's history is still there.
    await a.locator('#messages li', { hasText: 'Hello Bob' }).waitFor()
  })

  test('removing a contact takes it off the roster and cancels both subscriptions', async () => {
    screenshotsOnFailure('remove')
    const a = contexts[0]!.pages()[0]!
    const b2 = contexts[2]!.pages()[0]!
    a.once('dialog', (dialog) => void dialog.accept())
    await contact(a, bob)
      .getByRole('button', { name: /^Remove / })
      .click()
    await a
      .locator(`li.contact[data-jid="${bob}"] button[aria-label^="Remove"]`)
      .waitFor({ state: 'detached' })
    // RFC 6121 §2.5.2: Bob's side learns it too, and no longer sees Alice's presence.
    await contact(b2, alice, 'offline').filter({ hasText: 'no presence subscription' }).waitFor()
  })

  test('wrong password, unknown host, taken name and unreachable server are told apart', async () => {
    screenshotsOnFailure('errors')
    const p = await openClient()
    await login(p, alice, 'not-her-password')
    await p.locator('#login-error', { hasText: 'Wrong username or password.' }).waitFor()

    await login(p, 'someone@nowhere.test', 'x')
    await p.locator('#login-error', { hasText: 'Unknown host' }).waitFor()
    expect(await loginError(p)).toContain('"nowhere.test"')

    await login(p, alice, 'x', true)
    await p.locator('#login-error', { hasText: 'is already taken' }).waitFor()

    await login(p, alice, 'alice-secret', false, 'ws://127.0.0.1:9/xmpp-websocket')
    await p.locator('#login-error', { hasText: 'Server unreachable' }).waitFor()
    expect(await p.locator('#login').isVisible()).toBe(true)
  })
})
