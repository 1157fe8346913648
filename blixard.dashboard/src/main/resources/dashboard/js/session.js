// The person's bearer token: asked for once, kept in sessionStorage (this tab only, gone when it closes).

const KEY = 'blixard.token';

export function token() {
  return sessionStorage.getItem(KEY);
}

export function remember(value) {
  sessionStorage.setItem(KEY, value);
}

export function forget() {
  sessionStorage.removeItem(KEY);
}
