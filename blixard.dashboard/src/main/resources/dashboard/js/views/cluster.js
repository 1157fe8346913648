// Cluster: the Raft group this node is a member of, who leads, and how far the log has been applied.
import * as api from '../api.js';
import { h, heading, table, facts, badge } from '../dom.js';
import { count } from '../format.js';
import { Refresher } from '../refresher.js';

export default function cluster(main) {
  const region = h('div', { id: 'cluster' });
  main.replaceChildren(heading('Cluster'), region);
  // Leader changes and index growth are not events on the stream: refresh on a timer.
  const view = new Refresher(region, () => api.get('/cluster'), render, 'the cluster status').every(3000);
  view.refresh();
  return { dispose: () => view.dispose() };
}

function render(status) {
  const rows = status.members.map(member => h('tr', { dataset: { member: member.id } },
    h('th', { scope: 'row', class: 'mono', text: member.id + (member.id === status.node_id ? ' (this node)' : '') }),
    h('td', { class: 'mono', text: member.address }),
    h('td', {}, member.leader ? badge('Leader') : h('span', { text: 'Follower' }))));
  return [
    facts([
      ['This node', h('span', { class: 'mono', text: status.node_id })],
      ['Role', status.role],
      ['Leader', status.leader_id ? h('span', { class: 'mono', id: 'cluster-leader', text: status.leader_id }) : h('strong', { text: 'none: no majority right now' })],
      ['Term', count(status.term)],
      ['Commit index', count(status.commit_index)],
      ['Applied index', count(status.applied_index)],
    ], { id: 'cluster-facts' }),
    table('Members', ['Member', 'Raft address', 'Role'], rows, { id: 'members-table' }),
  ];
}
