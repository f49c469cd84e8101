#!/usr/bin/env node
// `pnpm tercet`: a small CLI over the admin API (apps/server/src/admin.ts).
//   pnpm tercet user add <jid> <password>
//   pnpm tercet user del <jid>
//   pnpm tercet user passwd <jid> <password>
// Options: --url (default http://127.0.0.1:8787, local dev), --token (default $TERCET_ADMIN_TOKEN,
// else the documented local-dev token).
const DEV_TOKEN = 'tercet-dev-admin-token'

function parse(argv) {
  const options = {
    url: 'http://127.0.0.1:8787',
    token: process.env.TERCET_ADMIN_TOKEN ?? DEV_TOKEN,
  }
  const rest = []
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--url') options.url = argv[++i]
    else if (argv[i] === '--token') options.token = argv[++i]
    else rest.push(argv[i])
  }
  return { options, rest }
}

const usage = `usage: tercet user add <jid> <password> | user del <jid> | user passwd <jid> <password>
       [--url http://127.0.0.1:8787] [--token <admin token>]`

async function call(options, method, path, body) {
  const res = await fetch(new URL(path, options.url), {
    method,
    headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${res.status} ${text || res.statusText}`)
  return text
}

async function main() {
  const { options, rest } = parse(process.argv.slice(2))
  const [group, command, jid, password] = rest
  if (group !== 'user' || !jid) throw new Error(usage)
  const path = `/admin/users/${encodeURIComponent(jid)}`
  if (command === 'add' && password) {
    await call(options, 'POST', '/admin/users', { jid, password })
    console.log(`created ${jid}`)
  } else if (command === 'del') {
    await call(options, 'DELETE', path)
    console.log(`deleted ${jid}`)
  } else if (command === 'passwd' && password) {
    await call(options, 'PUT', `${path}/password`, { password })
    console.log(`changed the password of ${jid}`)
  } else {
    throw new Error(usage)
  }
}

main().catch((e) => {
  console.error(`tercet: ${e.message}`)
  process.exit(1)
})
