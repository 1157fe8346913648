// Throughput over time, for the chart: samples the queue's counts every few seconds while the tab is open and
// turns the growth of Completed and Failed between samples into rates. The node keeps rolling totals only
// (GET /api/queue/stats), so the history starts when the page does; the overview says so.
import * as api from './api.js';

const SAMPLE_MS = 5000;
const KEEP = 120; // ten minutes of samples

export class ThroughputSampler {
  constructor() {
    this.samples = [];
    this.listeners = new Set();
    this.timer = null;
    this.refused = null;
  }

  start() {
    if (!this.timer) {
      this.sample();
      this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    }
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.samples = [];
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async sample() {
    try {
      const stats = await api.get('/queue/stats');
      this.refused = null;
      this.add(Date.now(), stats.by_status.Completed ?? 0, stats.by_status.Failed ?? 0);
    } catch (error) {
      this.refused = error;
      this.listeners.forEach(listener => listener(this));
    }
  }

  add(at, completed, failed) {
    this.samples.push({ at, completed, failed });
    if (this.samples.length > KEEP + 1) {
      this.samples.shift();
    }
    this.listeners.forEach(listener => listener(this));
  }

  /** [{at, completed, failed}] in jobs per second between consecutive samples (never negative: a retry lowers Failed). */
  rates() {
    const rates = [];
    for (let i = 1; i < this.samples.length; i++) {
      const before = this.samples[i - 1];
      const after = this.samples[i];
      const seconds = (after.at - before.at) / 1000;
      rates.push({
        at: after.at,
        completed: Math.max(0, after.completed - before.completed) / seconds,
        failed: Math.max(0, after.failed - before.failed) / seconds,
      });
    }
    return rates;
  }
}
