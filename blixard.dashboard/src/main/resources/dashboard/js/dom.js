// DOM building without innerHTML: every value from the API becomes a text node, so a job payload or worker id
// can never inject markup or script (the content security policy forbids inline script as a second guard).

/**
 * Creates an element. `props` may hold `class`, `text`, `on` (event name → handler), `dataset`, boolean
 * properties such as `disabled`, and any other attribute; children are nodes, strings or arrays of them
 * (null and false are skipped).
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name === 'text') {
      element.textContent = value;
    } else if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) {
        element.addEventListener(event, handler);
      }
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(parent, child);
    } else {
      parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

/** Replaces every child of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

/** A table with a caption and column headers; `rows` are <tr> elements. Wide tables scroll on a phone. */
export function table(caption, headers, rows, props = {}) {
  return h('div', { class: 'table-scroll' },
    h('table', props,
      h('caption', { text: caption }),
      h('thead', {}, h('tr', {}, headers.map(header => h('th', { scope: 'col', text: header })))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: headers.length, class: 'empty', text: 'None.' })))));
}

/** A definition list from [term, description] pairs; descriptions may be nodes. */
export function facts(pairs, props = {}) {
  return h('dl', { class: 'facts', ...props },
    pairs.filter(pair => pair).map(([term, description]) => [h('dt', { text: term }), h('dd', {}, description ?? '—')]));
}

/** A status badge: the words are always shown, colour only repeats them. */
export function badge(status) {
  return h('span', { class: `badge badge-${String(status).toLowerCase()}`, text: status });
}

/** A view's heading, focused after navigation so screen readers announce the new page. */
export function heading(text) {
  return h('h1', { tabindex: '-1', class: 'view-title', text });
}
