// The REST API as the dashboard uses it: bearer token, JSON in and out, and every failure turned into words.
import * as session from './session.js';

/** An answer the API gave as application/problem+json (or a failure to get one), in words. */
export class ApiError extends Error {
  /** @param violations the problem's `errors`: [{field, message}] naming each bad field */
  constructor(status, title, detail, violations = []) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.violations = violations;
  }

  /** A sentence for a person: what went wrong and, where it helps, what to do about it. */
  explain() {
    return [`${this.message.replace(/[.\s]+$/, '')}.`, HINTS[this.status]].filter(Boolean).join(' ');
  }
}

const HINTS = {
  0: 'Check that the node is running and reachable.',
  401: 'Sign in again with a valid token.',
  403: 'An admin token can see and do everything; client tokens see their own tenant\'s jobs.',
  409: 'The job changed in the meantime; the page shows its current state.',
  429: 'Too many requests for this token; wait a moment.',
  503: 'The node has no Raft leader right now (starting, or the cluster lost its majority).',
};

/** Called with the error when the API refuses the token (401), so the app can ask for a new one. */
let onUnauthorized = () => {};

export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/** Calls the API; resolves to the parsed JSON body (or null), rejects with an ApiError. */
export async function call(method, path, body, tokenOverride) {
  const headers = { Accept: 'application/json' };
  const bearer = tokenOverride ?? session.token();
  if (bearer) {
    headers.Authorization = `Bearer ${bearer}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(`api${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
    });
  } catch (cause) {
    throw new ApiError(0, 'The node did not answer', cause.message);
  }
  const text = await response.text();
  const parsed = parse(text);
  if (response.ok) {
    return parsed;
  }
  const error = problem(response, parsed, text);
  if (response.status === 401 && tokenOverride === undefined) {
    onUnauthorized(error);
  }
  throw error;
}

function parse(text) {
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function problem(response, parsed, text) {
  if (parsed && typeof parsed === 'object' && parsed.title) {
    return new ApiError(response.status, parsed.title, parsed.detail, Array.isArray(parsed.errors) ? parsed.errors : []);
  }
  const snippet = text ? text.slice(0, 200) : '';
  return new ApiError(response.status, `HTTP ${response.status} ${response.statusText}`.trim(), snippet);
}

export const get = path => call('GET', path);
export const post = (path, body = {}) => call('POST', path, body);

/** Query string from an object, skipping empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(name, value);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
