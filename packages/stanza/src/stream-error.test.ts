import { parseFrame, serialize, xml } from '@tercet/xml'
import { describe, expect, test } from 'vitest'
import { STREAM_ERROR_CONDITIONS, StreamError } from './index'

const STREAMS = 'http://etherx.jabber.org/streams'
const NS = 'urn:ietf:params:xml:ns:xmpp-streams'

describe('RFC 6120 §4.9.3: every stream error condition', () => {
  for (const condition of STREAM_ERROR_CONDITIONS) {
    test(condition, () => {
      expect(serialize(new StreamError(condition).toElement())).toBe(
        `<stream:error xmlns:stream="${STREAMS}"><${condition} xmlns="${NS}"/></stream:error>`,
      )
    })
  }
  test('see-other-host names the other host as its text (§4.9.3.19)', () => {
    const e = new StreamError('see-other-host', { otherHost: '[2001:db8::ea]:5222' })
    expect(serialize(e.toElement())).toBe(
      `<stream:error xmlns:stream="${STREAMS}"><see-other-host xmlns="${NS}">[2001:db8::ea]:5222</see-other-host></stream:error>`,
    )
  })
  test('text and an application-specific condition (§4.9.4)', () => {
    const e = new StreamError('not-well-formed', {
      text: 'Some special application diagnostic information!',
      lang: 'en',
      appSpecific: xml`<escape-your-data xmlns="http://example.org/ns"/>`,
    })
    expect(serialize(e.toElement())).toBe(
      `<stream:error xmlns:stream="${STREAMS}"><not-well-formed xmlns="${NS}"/>` +
        `<text xmlns="${NS}" xml:lang="en">Some special application diagnostic information!</text>` +
        '<escape-your-data xmlns="http://example.org/ns"/></stream:error>',
    )
  })
  test('fromElement reads what toElement wrote, and an unknown condition is undefined-condition', () => {
    const read = StreamError.fromElement(
      new StreamError('see-other-host', { otherHost: 'b.example:5222', text: 't' }).toElement(),
    )
    expect([read.condition, read.otherHost, read.text]).toEqual([
      'see-other-host',
      'b.example:5222',
      't',
    ])
    const unknown = StreamError.fromElement(
      parseFrame(
        `<stream:error xmlns:stream="${STREAMS}"><whatever xmlns="${NS}"/></stream:error>`,
      ),
    )
    expect(unknown.condition).toBe('undefined-condition')
  })
})
