// How times, durations and JSON read for a person.

const UNITS = [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1000]];

/** 1234 → "1.2 s", 95000 → "1 min 35 s". */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) {
    return '—';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  if (ms < 60_000) {
    return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  }
  const parts = [];
  let rest = ms;
  for (const [unit, size] of UNITS) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  return parts.join(' ');
}

/** "3 s ago" or "in 2 min" for an RFC 3339 time, relative to now. */
function relative(iso, now = Date.now()) {
  if (!iso) {
    return '—';
  }
  const delta = Date.parse(iso) - now;
  if (Math.abs(delta) < 1000) {
    return 'just now';
  }
  return delta < 0 ? `${duration(-delta)} ago` : `in ${duration(delta)}`;
}

/** A <time> element: relative text, the exact time on hover and for assistive technology. */
export function time(iso) {
  const element = document.createElement('time');
  if (!iso) {
    element.textContent = '—';
    return element;
  }
  element.dateTime = iso;
  element.title = new Date(iso).toLocaleString();
  element.textContent = relative(iso);
  return element;
}

/** Pretty JSON, or a dash for nothing. */
export function json(value) {
  return value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);
}

/** 12345 → "12,345" in the reader's locale. */
export function count(value) {
  return value === null || value === undefined ? '—' : Number(value).toLocaleString();
}

/** A rate a person can compare: 1234.5 → "1,235/s", 2.25 → "2.3/s", 0.05 → "0.05/s". */
export function rate(perSecond) {
  const value = Number(perSecond || 0);
  const digits = value >= 100 ? 0 : value >= 1 ? 1 : 2;
  return `${value.toLocaleString(undefined, { maximumFractionDigits: digits })}/s`;
}

/** Refreshes every relative <time> on the page, so "3 s ago" keeps telling the truth without a reload. */
export function refreshRelativeTimes(root = document) {
  for (const element of root.querySelectorAll('time[datetime]')) {
    element.textContent = relative(element.dateTime);
  }
}
