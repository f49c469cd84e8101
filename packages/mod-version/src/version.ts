// XEP-0092: Software Version (v1.1) — https://xmpp.org/extensions/xep-0092.html
//
// The server answers `jabber:iq:version` queries addressed to its domain with its name and
// version. A query to a user's full JID is that client's to answer (the router delivers it); a
// query to a bare JID has no software to describe, so it gets the router's service-unavailable
// (RFC 6120 §8.4).
import { defineModule } from '@tercet/router'
import { NS_VERSION } from '@tercet/stanza'
import { Element } from '@tercet/xml'

/** The product name this server reports (§2: `<name/>` is REQUIRED in a result). */
export const SOFTWARE_NAME = 'Tercet'

/**
 * The version this package is released as (§2: `<version/>` is REQUIRED in a result), kept
 * equal to package.json's `version` by a test. A constant rather than a JSON import: packages
 * build with `rootDir: src`, and a Worker bundle has no use for the rest of package.json.
 */
export const SOFTWARE_VERSION = '0.0.0'

export const version = defineModule('version', (mod) => {
  // §4: support is determined through disco#info, so advertise jabber:iq:version.
  mod.addFeature(NS_VERSION)
  // §2: name and version are REQUIRED in a result, os is OPTIONAL; §5: revealing the operating
  // system invites attacks on it, so the server leaves it out.
  const result = () =>
    new Element('query', {}, NS_VERSION, [
      new Element('name', {}, NS_VERSION, [SOFTWARE_NAME]),
      new Element('version', {}, NS_VERSION, [SOFTWARE_VERSION]),
    ])
  mod.hook(`iq-get/host/${NS_VERSION}:query`, (e) => e.reply(result()))
})
