// The server's module list is its configuration (DESIGN.md "Modules"): add a module here.
// Order does not matter: handlers run by priority.
import { disco } from '@tercet/mod-disco'
import { message } from '@tercet/mod-message'
import { offline } from '@tercet/mod-offline'
import { ping } from '@tercet/mod-ping'
import { presence } from '@tercet/mod-presence'
import { privateStorage } from '@tercet/mod-private'
import { register } from '@tercet/mod-register'
import { roster } from '@tercet/mod-roster'
import { time } from '@tercet/mod-time'
import { vcard } from '@tercet/mod-vcard'
import { version } from '@tercet/mod-version'
import type { Module } from '@tercet/router'

export const modules: readonly Module[] = [
  roster, // RFC 6121 §2
  presence, // RFC 6121 §3–4
  message, // RFC 6121 §8 (delivery itself is the router's)
  offline, // XEP-0160
  disco, // XEP-0030
  vcard, // XEP-0054
  privateStorage, // XEP-0049
  register, // XEP-0077 (ALLOW_REGISTRATION)
  ping, // XEP-0199
  version, // XEP-0092
  time, // XEP-0202
]
