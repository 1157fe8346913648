// Backends and plugins: what this node can run, and whether each part is healthy. Bundles come and go at
// runtime (the Web Console, DIR/deploy), so the lists reload on worker events and every few seconds.
import * as api from '../api.js';
import { h, heading, table } from '../dom.js';
import { count, time } from '../format.js';
import { Refresher } from '../refresher.js';
import { health, anyWorkerEvent } from './health.js';

export default function backends(main) {
  const region = h('div', { id: 'backends' });
  main.replaceChildren(heading('Backends & plugins'), region);
  const view = new Refresher(region, async () => {
    const [backendList, pluginList, node] = await Promise.all([
      api.get('/backends'), api.get('/plugins'), api.call('GET', '/health').catch(error => ({ failed: error })),
    ]);
    return { backends: backendList.backends, plugins: pluginList.plugins, problems: pluginList.problems ?? [], node };
  }, render, 'the backends and plugins').every(5000);
  view.refresh();
  return {
    onEvents(events) {
      if (anyWorkerEvent(events)) {
        view.refresh();
      }
    },
    dispose: () => view.dispose(),
  };
}

function render({ backends: backendList, plugins, problems, node }) {
  const backendRows = backendList.map(backend => h('tr', { dataset: { backend: backend.type } },
    h('th', { scope: 'row', text: backend.type }),
    h('td', {}, h('div', { text: `${backend.name} ${backend.version}` }), h('div', { class: 'muted', text: backend.description ?? '' })),
    h('td', {}, health(backend.health)),
    h('td', { class: 'number', text: backend.resources ? `${backend.resources.running_executions} of ${backend.resources.max_concurrent_executions}` : '—' }),
    h('td', { text: available(backend.resources) }),
    h('td', { text: backend.engine ?? '' })));
  const pluginRows = plugins.map(plugin => h('tr', { dataset: { plugin: plugin.name } },
    h('th', { scope: 'row', text: plugin.name }),
    h('td', { text: plugin.kinds.join(', ') }),
    h('td', { text: plugin.version }),
    h('td', {}, health(plugin.health)),
    h('td', { class: 'muted', text: plugin.description ?? '' })));
  return [
    table('Execution backends', ['Worker type', 'Backend', 'Health', 'Running', 'Available', 'Engine'], backendRows, { id: 'backends-table' }),
    table('Plugins: validators, allocators and processors', ['Plugin', 'Kinds', 'Version', 'Health', 'What it does'], pluginRows, { id: 'plugins-table' }),
    ...(problems.length === 0 ? [] : [problemTable(problems)]),
    node.failed ? h('p', { class: 'problem', text: `Node health unknown: ${node.failed.explain()}` }) : componentTable(node),
  ];
}

/** Broken plugins: jars that were not installed, bundles that cannot resolve or start, failed activations. */
function problemTable(problems) {
  const rows = problems.map(problem => h('tr', { dataset: { problem: problem.subject } },
    h('th', { scope: 'row', class: 'mono', text: problem.subject }),
    h('td', { text: problem.kind.replaceAll('_', ' ') }),
    h('td', { class: 'problem', text: problem.problem }),
    h('td', {}, time(problem.since))));
  return table('Broken plugins', ['Jar or bundle', 'Problem', 'Why', 'Since'], rows, { id: 'plugin-problems-table' });
}

/** What the backend says it has free; backends without such resources (the mock) report zeros, shown as a dash. */
function available(resources) {
  const free = resources?.available;
  if (!free || (free.cpu === 0 && free.memory_mb === 0 && free.disk_mb === 0)) {
    return '—';
  }
  return `${free.cpu.toFixed(1)} CPU, ${count(free.memory_mb)} MB memory, ${count(free.disk_mb)} MB disk`;
}

function componentTable(node) {
  const rows = Object.entries(node.components ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([name, report]) =>
    h('tr', { dataset: { component: name } }, h('th', { scope: 'row', class: 'mono', text: name }), h('td', {}, health(report))));
  return table(`Node health: ${node.status}${node.ready ? ', ready' : ', not ready'}`, ['Component', 'Health'], rows, { id: 'health-table' });
}
