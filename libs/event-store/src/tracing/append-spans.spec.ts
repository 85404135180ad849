import { TraceFlags, type SpanContext } from '@opentelemetry/api';
import { AppendSpans } from './append-spans.js';

const span = (spanId: string): SpanContext => ({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId, traceFlags: TraceFlags.SAMPLED });

describe('the append spans the live projections link to', () => {
  it('gives one link per append span that wrote events of a batch, and forgets the events it linked', () => {
    const spans = new AppendSpans();
    spans.note(['e1', 'e2'], span('00000000000000a1'));
    spans.note(['e3'], span('00000000000000a2'));
    const links = spans.take([{ eventId: 'e1' }, { eventId: 'e2' }, { eventId: 'e3' }, { eventId: 'not-traced' }]);
    expect(links.map((link) => link.context.spanId)).toEqual(['00000000000000a1', '00000000000000a2']);
    expect(spans.size).toBe(0);
    expect(spans.take([{ eventId: 'e1' }])).toEqual([]);
  });

  it('holds at most its capacity, forgetting the oldest events first, and forgets a failed write at once', () => {
    const spans = new AppendSpans(3);
    spans.note(['e1', 'e2'], span('00000000000000a1'));
    spans.note(['e3', 'e4'], span('00000000000000a2'));
    expect(spans.size).toBe(3);
    expect(spans.take([{ eventId: 'e1' }])).toEqual([]);
    spans.forget(['e3', 'e4']);
    expect(spans.take([{ eventId: 'e2' }]).map((link) => link.context.spanId)).toEqual(['00000000000000a1']);
    expect(spans.size).toBe(0);
  });
});
