/**
 * An incremental parser for `text/event-stream`, after the WHATWG HTML standard
 * (§9.2.6 "Interpreting an event stream"): lines end with CRLF, LF or CR; a blank line
 * dispatches the event; `:` starts a comment; `id` sets the last event id, also for the
 * events that follow; an event with no `data` is not dispatched.
 */

export interface SseMessage {
  /** The last event id as of this event (what `Last-Event-ID` resumes after). */
  id: string;
  /** `message` unless the server named it. */
  event: string;
  data: string;
}

export class SseParser {
  private pending = '';
  private started = false;
  /** The last chunk ended with a CR: an LF opening the next one belongs to it. */
  private afterCr = false;
  private data: string[] | undefined;
  private eventType = '';
  private lastEventId = '';
  /** Milliseconds the server asked to wait before reconnecting, if it did. */
  retryMs: number | undefined;
  /** Comment lines seen (heartbeats). */
  comments = 0;

  /** Parses a decoded chunk; returns the events it completed. */
  push(text: string): SseMessage[] {
    if (text.length === 0) return [];
    if (this.afterCr && text.charCodeAt(0) === 10) text = text.slice(1);
    this.afterCr = false;
    let input = this.pending + text;
    if (!this.started && input.length > 0) {
      this.started = true;
      if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
    }
    const messages: SseMessage[] = [];
    let start = 0;
    let cr = input.indexOf('\r');
    let lf = input.indexOf('\n');
    for (;;) {
      if (cr !== -1 && cr < start) cr = input.indexOf('\r', start);
      if (lf !== -1 && lf < start) lf = input.indexOf('\n', start);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        end = cr;
        if (cr === input.length - 1) {
          // Maybe the first half of a CRLF split across chunks.
          this.afterCr = true;
          next = cr + 1;
        } else {
          next = input.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
        }
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else {
        break;
      }
      this.line(input.slice(start, end), messages);
      start = next;
    }
    this.pending = input.slice(start);
    return messages;
  }

  private line(line: string, messages: SseMessage[]): void {
    if (line.length === 0) {
      if (this.data !== undefined) messages.push({ id: this.lastEventId, event: this.eventType || 'message', data: this.data.join('\n') });
      this.data = undefined;
      this.eventType = '';
      return;
    }
    if (line.charCodeAt(0) === 58 /* : */) {
      this.comments += 1;
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* space */) value = value.slice(1);
    switch (field) {
      case 'data':
        (this.data ??= []).push(value);
        return;
      case 'event':
        this.eventType = value;
        return;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        return;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        return;
      default:
        return;
    }
  }
}
