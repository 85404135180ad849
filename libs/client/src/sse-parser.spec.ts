import fc from 'fast-check';
import { SseParser, type SseMessage } from './sse-parser.js';

const parse = (...chunks: string[]): SseMessage[] => {
  const parser = new SseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
};

describe('the SSE parser', () => {
  it('dispatches an event at the blank line, with its id and data', () => {
    expect(parse('id: 7\ndata: {"a":1}\n\n')).toEqual([{ id: '7', event: 'message', data: '{"a":1}' }]);
  });

  it('accepts LF, CRLF and CR line ends', () => {
    const expected = [{ id: '1', event: 'message', data: 'x' }];
    expect(parse('id: 1\r\ndata: x\r\n\r\n')).toEqual(expected);
    expect(parse('id: 1\rdata: x\r\r')).toEqual(expected);
  });

  it('joins data lines with LF, keeps the named event type, strips one space only', () => {
    expect(parse('event: end\ndata:  a\ndata: b\n\n')).toEqual([{ id: '', event: 'end', data: ' a\nb' }]);
  });

  it('counts comments (heartbeats) and dispatches nothing for them, nor for an event without data', () => {
    const parser = new SseParser();
    expect(parser.push(': heartbeat\n\nid: 3\n\nretry: 1500\n\n')).toEqual([]);
    expect(parser.comments).toBe(1);
    expect(parser.retryMs).toBe(1500);
    // The id of an event without data still counts for the next one.
    expect(parser.push('data: y\n\n')).toEqual([{ id: '3', event: 'message', data: 'y' }]);
  });

  it('drops a leading byte order mark and an incomplete last event', () => {
    expect(parse('\uFEFFdata: a\n\ndata: b\n')).toEqual([{ id: '', event: 'message', data: 'a' }]);
  });

  it('property: however the stream is cut into chunks, the same events come out', () => {
    const message = fc.record({ id: fc.stringMatching(/^[0-9]{1,6}$/), data: fc.string().map((s) => s.replace(/[\r\n]/g, ' ')) });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.nat(), { maxLength: 10 }), (messages, eol, cuts) => {
        const text = messages.map((m) => `: hb${eol}id: ${m.id}${eol}data: ${m.data}${eol}${eol}`).join('');
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points, text.length].slice(1).map((end, i, ends) => text.slice(i === 0 ? 0 : ends[i - 1], end));
        expect(parse(...chunks)).toEqual(messages.map((m) => ({ id: m.id, event: 'message', data: m.data })));
      }),
    );
  });
});
