// What can go wrong while connecting, in words a person can act on. `fatal` errors stop
// reconnection: retrying a wrong password or a domain the server does not serve cannot help.

export type ConnectErrorKind =
  | 'bad-jid'
  | 'no-endpoint'
  | 'unreachable'
  | 'host-unknown'
  | 'not-authorized'
  | 'auth-throttled'
  | 'auth-failed'
  | 'server-not-verified'
  | 'registration-unavailable'
  | 'registration-conflict'
  | 'registration-refused'
  | 'stream-error'
  | 'timeout'
  | 'protocol'

const FATAL: ReadonlySet<ConnectErrorKind> = new Set([
  'bad-jid',
  'no-endpoint',
  'host-unknown',
  'not-authorized',
  'auth-failed',
  'server-not-verified',
  'registration-unavailable',
  'registration-conflict',
  'registration-refused',
])

export class ConnectError extends Error {
  override readonly name = 'ConnectError'
  constructor(
    readonly kind: ConnectErrorKind,
    message: string,
    /** The RFC condition behind it, when the server named one. */
    readonly condition?: string,
  ) {
    super(message)
  }
  get fatal(): boolean {
    return FATAL.has(this.kind)
  }
}

/** RFC 6120 §6.5: a SASL `<failure/>` condition → the error to show. */
export function saslFailureError(condition: string, text?: string): ConnectError {
  if (condition === 'not-authorized') {
    return new ConnectError('not-authorized', 'Wrong username or password.', condition)
  }
  if (condition === 'temporary-auth-failure') {
    return new ConnectError(
      'auth-throttled',
      'Too many failed logins for this account; the server asks to wait before trying again.',
      condition,
    )
  }
  const detail = text ? ` (${text})` : ''
  return new ConnectError('auth-failed', `Authentication failed: ${condition}${detail}.`, condition)
}

/** RFC 6120 §4.9.3: a stream error → the error to show. */
export function streamErrorError(condition: string, domain: string, text?: string): ConnectError {
  if (condition === 'host-unknown') {
    return new ConnectError(
      'host-unknown',
      `Unknown host: this server does not serve the domain "${domain}".`,
      condition,
    )
  }
  if (condition === 'not-authorized') {
    return new ConnectError('not-authorized', 'The server ended the session: not authorized.')
  }
  const detail = text ? `: ${text}` : ''
  return new ConnectError(
    'stream-error',
    `The server closed the stream (${condition}${detail}).`,
    condition,
  )
}
