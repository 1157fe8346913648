// Keeps a part of a view up to date: loads once, reloads when live events concern it or on a timer, never
// runs two loads at once, and coalesces bursts of events into one reload.
import { h, replace } from './dom.js';

const MIN_GAP_MS = 500;

export class Refresher {
  /**
   * @param region the element the data is shown in
   * @param load async () => data
   * @param render (data) => nodes for the region
   * @param what what is shown, for error messages ("the jobs")
   */
  constructor(region, load, render, what) {
    this.region = region;
    this.load = load;
    this.render = render;
    this.what = what;
    this.running = null;
    this.again = false;
    this.lastStart = 0;
    this.disposed = false;
    this.timers = [];
  }

  /** Loads now (or right after the load in flight, if one runs). */
  refresh() {
    if (this.disposed) {
      return Promise.resolve();
    }
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const wait = Math.max(0, this.lastStart + MIN_GAP_MS - Date.now());
    this.running = new Promise(resolve => setTimeout(resolve, wait))
      .then(() => this.loadOnce())
      .finally(() => {
        this.running = null;
        if (this.again && !this.disposed) {
          this.again = false;
          this.refresh();
        }
      });
    return this.running;
  }

  async loadOnce() {
    this.lastStart = Date.now();
    this.region.setAttribute('aria-busy', 'true');
    try {
      const data = await this.load();
      if (!this.disposed) {
        replace(this.region, this.render(data));
      }
    } catch (error) {
      if (!this.disposed) {
        replace(this.region, problemPanel(`Could not load ${this.what}`, error, () => this.refresh()));
      }
    } finally {
      this.region.removeAttribute('aria-busy');
    }
  }

  /** Reloads every `ms` while the view is shown (for what has no events, like heartbeats or Raft indexes). */
  every(ms) {
    this.timers.push(setInterval(() => this.refresh(), ms));
    return this;
  }

  dispose() {
    this.disposed = true;
    this.timers.forEach(clearInterval);
  }
}

/** An error in words, with a way to try again: a failed load never leaves a blank page. */
export function problemPanel(title, error, retry) {
  const words = typeof error.explain === 'function' ? error.explain() : String(error.message || error);
  return h('div', { class: 'problem', role: 'alert' },
    h('p', {}, h('strong', { text: `${title}. ` }), words),
    retry && h('button', { type: 'button', class: 'secondary', text: 'Try again', on: { click: retry } }));
}
