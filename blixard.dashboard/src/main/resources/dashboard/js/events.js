// The node's server-sent event stream (GET /api/events), read with fetch rather than EventSource because
// EventSource cannot send the Authorization header. Reconnects with Last-Event-ID, so no event is lost or
// repeated across a dropped connection; listeners get events in batches, at most a few times a second, so
// a node completing thousands of jobs a second does not freeze the page.
import * as session from './session.js';

const FLUSH_MS = 250;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 15_000;

export class LiveEvents {
  /** @param onStatus called with 'live', 'connecting' or 'offline' and a sentence for the person */
  constructor(onStatus) {
    this.onStatus = onStatus;
    this.listeners = new Set();
    this.pending = [];
    this.lastId = null;
    this.topics = null;
    this.controller = null;
    this.retryMs = RETRY_MIN_MS;
    this.flushTimer = null;
  }

  /** `listener(events)` gets arrays of parsed events; a {topic: 'blixard/stream/GAP'} event means some were missed. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start() {
    if (!this.controller) {
      this.connect();
    }
  }

  stop() {
    this.controller?.abort();
    this.controller = null;
    clearTimeout(this.retryTimer);
    this.onStatus('offline', 'Not connected');
  }

  async connect() {
    const controller = new AbortController();
    this.controller = controller;
    this.onStatus('connecting', 'Connecting…');
    try {
      const response = await fetch(`api/events${this.topics ? `?topics=${this.topics}` : ''}`, {
        headers: this.headers(), signal: controller.signal, cache: 'no-store',
      });
      if (response.status === 403 && !this.topics) {
        // A client token may follow its tenant's job events but not the workers'.
        this.topics = 'job';
        return this.reconnectNow(controller);
      }
      if (!response.ok || !response.body) {
        throw new Error(`the event stream answered HTTP ${response.status}`);
      }
      this.retryMs = RETRY_MIN_MS;
      this.onStatus('live', 'Live');
      await this.read(response.body.getReader());
      throw new Error('the node closed the event stream');
    } catch (error) {
      if (controller.signal.aborted) {
        return;
      }
      this.onStatus('connecting', `Reconnecting (${error.message})…`);
      this.retryTimer = setTimeout(() => this.controller === controller && this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    }
  }

  reconnectNow(controller) {
    if (this.controller === controller) {
      this.connect();
    }
  }

  headers() {
    const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${session.token()}` };
    if (this.lastId !== null) {
      headers['Last-Event-ID'] = this.lastId;
    }
    return headers;
  }

  async read(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.frame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  /** One SSE frame: `id:`, `event:` and `data:` lines; comment lines (`:`) keep the connection alive. */
  frame(text) {
    let id = null;
    const data = [];
    for (const line of text.split('\n')) {
      if (line.startsWith('id:')) {
        id = line.slice(3).trim();
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
    }
    if (id !== null) {
      this.lastId = id;
    }
    if (data.length) {
      this.pending.push(JSON.parse(data.join('\n')));
      this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
    }
  }

  flush() {
    this.flushTimer = null;
    const batch = this.pending;
    this.pending = [];
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (error) {
        console.error('a dashboard view failed on live events', error);
      }
    }
  }
}
