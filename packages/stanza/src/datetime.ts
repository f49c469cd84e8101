// XEP-0082: XMPP Date and Time Profiles (v1.1.1) — https://xmpp.org/extensions/xep-0082.html
//
// The Date (CCYY-MM-DD) and DateTime (CCYY-MM-DDThh:mm:ss[.sss]TZD) profiles, which are XML
// Schema's xs:date and xs:dateTime restricted to four-digit years.

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Formats an instant in the DateTime profile, in UTC (`Z`), as XEP-0203 §2 and XEP-0202 §3
 * require. Milliseconds are written only when there are some (§3.2: fractions are optional),
 * so whole seconds read `2002-09-10T23:08:25Z`; `{ ms: true }` always writes them.
 */
export function formatDateTime(date: Date, options: { ms?: boolean } = {}): string {
  const iso = isoString(date)
  return options.ms || date.getUTCMilliseconds() !== 0 ? iso : `${iso.slice(0, 19)}Z`
}

/**
 * Parses the DateTime profile (§3.2): the time zone is mandatory, either `Z` or `±hh:mm`;
 * fractions of a second may have any number of digits and are kept to the millisecond (§3.2
 * allows ignoring them). Returns undefined for anything else, including out-of-range fields
 * (§2.1: hh 00–23, mm 00–59, ss 00–59) and impossible dates such as February 30.
 */
export function parseDateTime(text: string): Date | undefined {
  const m = DATE_TIME.exec(text)
  if (m === null) return undefined
  const [, y, mo, d, h, mi, s, frac, tzd] = m as unknown as string[]
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(s)
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined
  const offset = tzdMinutes(tzd!)
  if (offset === undefined) return undefined
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'))
  return new Date(utcTime(year, month, day, hour, minute, second, ms) - offset * 60_000)
}

/** Formats the Date profile (§3.1) of an instant's UTC day: `1776-07-04`. */
export function formatDate(date: Date): string {
  return isoString(date).slice(0, 10)
}

/** Parses the Date profile (§3.1) as midnight UTC of that day; undefined when invalid. */
export function parseDate(text: string): Date | undefined {
  const m = DATE.exec(text)
  if (m === null) return undefined
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (!validDate(year, month, day)) return undefined
  return new Date(utcTime(year, month, day, 0, 0, 0, 0))
}

/** Formats a UTC offset in minutes as a Time Zone Definition (§2.1): `Z` for 0, else `±hh:mm`. */
export function formatTzd(offsetMinutes: number): string {
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 14 * 60) {
    throw new RangeError(`${offsetMinutes} is not a time zone offset in minutes`)
  }
  if (offsetMinutes === 0) return 'Z'
  const abs = Math.abs(offsetMinutes)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${offsetMinutes < 0 ? '-' : '+'}${hh}:${mm}`
}

/** A Time Zone Definition (§2.1) as minutes east of UTC; undefined when invalid. */
export function parseTzd(tzd: string): number | undefined {
  return /^(Z|[+-]\d{2}:\d{2})$/.test(tzd) ? tzdMinutes(tzd) : undefined
}

function tzdMinutes(tzd: string): number | undefined {
  if (tzd === 'Z') return 0
  const hours = Number(tzd.slice(1, 3))
  const minutes = Number(tzd.slice(4, 6))
  // XML Schema Part 2 §3.2.7: offsets range over -14:00..+14:00 with minutes 00–59.
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined
  return (tzd[0] === '-' ? -1 : 1) * (hours * 60 + minutes)
}

/** Like Date.UTC, without its mapping of years 0–99 to 1900–1999. */
function utcTime(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): number {
  const date = new Date(0)
  date.setUTCFullYear(y, mo - 1, d)
  date.setUTCHours(h, mi, s, ms)
  return date.getTime()
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!
  return day <= days
}

/** `toISOString`, refusing what the profiles cannot write (§2.1: CCYY is four digits). */
function isoString(date: Date): string {
  const year = date.getUTCFullYear()
  if (Number.isNaN(date.getTime()) || year < 0 || year > 9999) {
    throw new RangeError('XEP-0082 §2.1: the year must have four digits')
  }
  return date.toISOString()
}
