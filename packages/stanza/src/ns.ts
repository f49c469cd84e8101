// XML namespace names used across Tercet, one place for all of them (STYLE.md). Each constant
// cites where the namespace is defined.

/** RFC 6120 §4.8.3: the content namespace of client-to-server streams. */
export const NS_CLIENT = 'jabber:client'
/** RFC 6120 §4.8.3: server-to-server content namespace. */
export const NS_SERVER = 'jabber:server'
/** RFC 6120 §4.8.1: the stream namespace (`stream:` prefix). */
export const NS_STREAMS = 'http://etherx.jabber.org/streams'
/** RFC 7395 §3.3: XMPP over WebSocket framing (`<open/>`, `<close/>`). */
export const NS_FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing'
/** RFC 6120 §4.9.3: stream error conditions. */
export const NS_STREAM_ERRORS = 'urn:ietf:params:xml:ns:xmpp-streams'
/** RFC 6120 §8.3.3: stanza error conditions. */
export const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas'
/** RFC 6120 §5.4: STARTTLS. */
export const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls'
/** RFC 6120 §6.4: SASL negotiation. */
export const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl'
/** RFC 6120 §7.2: resource binding. */
export const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind'
/** RFC 3921 §3 / draft-cridland-xmpp-session: the legacy session establishment. */
export const NS_SESSION = 'urn:ietf:params:xml:ns:xmpp-session'
/** RFC 6121 §2.1: the roster. */
export const NS_ROSTER = 'jabber:iq:roster'
/** RFC 6121 §2.6.1: roster versioning stream feature. */
export const NS_ROSTER_VER = 'urn:xmpp:features:rosterver'
/** RFC 6121 §3.4.1: subscription pre-approval stream feature. */
export const NS_PRE_APPROVAL = 'urn:xmpp:features:pre-approval'
/** XEP-0030: service discovery, info. */
export const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info'
/** XEP-0030: service discovery, items. */
export const NS_DISCO_ITEMS = 'http://jabber.org/protocol/disco#items'
/** XEP-0004: data forms. */
export const NS_DATA_FORMS = 'jabber:x:data'
/** XEP-0059: result set management. */
export const NS_RSM = 'http://jabber.org/protocol/rsm'
/** XEP-0203: delayed delivery. */
export const NS_DELAY = 'urn:xmpp:delay'
/** XEP-0359: unique and stable stanza IDs. */
export const NS_STANZA_ID = 'urn:xmpp:sid:0'
/** XEP-0199: XMPP ping. */
export const NS_PING = 'urn:xmpp:ping'
/** XEP-0092: software version. */
export const NS_VERSION = 'jabber:iq:version'
/** XEP-0202: entity time. */
export const NS_TIME = 'urn:xmpp:time'
/** XEP-0012: last activity. */
export const NS_LAST = 'jabber:iq:last'
/** XEP-0054: vcard-temp. */
export const NS_VCARD = 'vcard-temp'
/** XEP-0153: vCard-based avatars. */
export const NS_VCARD_UPDATE = 'vcard-temp:x:update'
/** XEP-0049: private XML storage. */
export const NS_PRIVATE = 'jabber:iq:private'
/** XEP-0077: in-band registration. */
export const NS_REGISTER = 'jabber:iq:register'
/** XEP-0077 §8: the in-band registration stream feature. */
export const NS_REGISTER_FEATURE = 'http://jabber.org/features/iq-register'
/** XEP-0160 §6: the disco feature var of offline message storage. */
export const NS_OFFLINE = 'msgoffline'
/** XEP-0115: entity capabilities. */
export const NS_CAPS = 'http://jabber.org/protocol/caps'
/** XEP-0045: multi-user chat. */
export const NS_MUC = 'http://jabber.org/protocol/muc'
export const NS_MUC_USER = 'http://jabber.org/protocol/muc#user'
export const NS_MUC_ADMIN = 'http://jabber.org/protocol/muc#admin'
export const NS_MUC_OWNER = 'http://jabber.org/protocol/muc#owner'
/** XEP-0313: message archive management. */
export const NS_MAM = 'urn:xmpp:mam:2'
/** XEP-0297: stanza forwarding. */
export const NS_FORWARD = 'urn:xmpp:forward:0'
/** XEP-0280: message carbons. */
export const NS_CARBONS = 'urn:xmpp:carbons:2'
/** XEP-0198: stream management. */
export const NS_SM = 'urn:xmpp:sm:3'
/** XEP-0191: blocking command. */
export const NS_BLOCKING = 'urn:xmpp:blocking'
/** XEP-0085: chat state notifications. */
export const NS_CHATSTATES = 'http://jabber.org/protocol/chatstates'
/** XEP-0184: message delivery receipts. */
export const NS_RECEIPTS = 'urn:xmpp:receipts'
/** XEP-0363: HTTP file upload. */
export const NS_HTTP_UPLOAD = 'urn:xmpp:http:upload:0'
/** XEP-0060: publish-subscribe. */
export const NS_PUBSUB = 'http://jabber.org/protocol/pubsub'
/** Namespaces in XML 1.0 §3: the `xml:` prefix. */
export const NS_XML = 'http://www.w3.org/XML/1998/namespace'

/** The same names grouped, for `NS.CLIENT` style access. */
export const NS = {
  CLIENT: NS_CLIENT,
  SERVER: NS_SERVER,
  STREAMS: NS_STREAMS,
  FRAMING: NS_FRAMING,
  STREAM_ERRORS: NS_STREAM_ERRORS,
  STANZAS: NS_STANZAS,
  TLS: NS_TLS,
  SASL: NS_SASL,
  BIND: NS_BIND,
  SESSION: NS_SESSION,
  ROSTER: NS_ROSTER,
  ROSTER_VER: NS_ROSTER_VER,
  PRE_APPROVAL: NS_PRE_APPROVAL,
  DISCO_INFO: NS_DISCO_INFO,
  DISCO_ITEMS: NS_DISCO_ITEMS,
  DATA_FORMS: NS_DATA_FORMS,
  RSM: NS_RSM,
  DELAY: NS_DELAY,
  STANZA_ID: NS_STANZA_ID,
  PING: NS_PING,
  VERSION: NS_VERSION,
  TIME: NS_TIME,
  LAST: NS_LAST,
  VCARD: NS_VCARD,
  VCARD_UPDATE: NS_VCARD_UPDATE,
  PRIVATE: NS_PRIVATE,
  REGISTER: NS_REGISTER,
  REGISTER_FEATURE: NS_REGISTER_FEATURE,
  OFFLINE: NS_OFFLINE,
  CAPS: NS_CAPS,
  MUC: NS_MUC,
  MUC_USER: NS_MUC_USER,
  MUC_ADMIN: NS_MUC_ADMIN,
  MUC_OWNER: NS_MUC_OWNER,
  MAM: NS_MAM,
  FORWARD: NS_FORWARD,
  CARBONS: NS_CARBONS,
  SM: NS_SM,
  BLOCKING: NS_BLOCKING,
  CHATSTATES: NS_CHATSTATES,
  RECEIPTS: NS_RECEIPTS,
  HTTP_UPLOAD: NS_HTTP_UPLOAD,
  PUBSUB: NS_PUBSUB,
  XML: NS_XML,
} as const
