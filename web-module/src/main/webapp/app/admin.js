// The administration console: health, workers, queues, jobs, users and keys, integration accounts, the audit trail,
// and the watermark check that leads from a recording to the output it came from.
// Figures refresh every few seconds; the audit trail when asked.
import { h, replace, field, message, announce, formatDate } from './dom.js';
import { call, request, ApiError } from './api.js';
import { confirmDialog } from './voices.js';
import { QUOTAS, quotaSummary } from './quotas.js';

const ADMIN = '/api/admin';
const REFRESH_MS = 4000;
const STATUSES = ['pending', 'processing', 'completed', 'failed'];

export function showAdmin(main, account, { onUnauthorized }) {
  const status = h('div');
  const health = h('div');
  const workers = h('div');
  const queues = h('div');
  const jobs = h('div');
  const jobDetail = h('div', { class: 'job-detail' });
  const users = h('div');
  const userQuotas = h('div', { class: 'user-quotas' });
  const clients = h('div');
  const clientOwner = h('select', { required: true });
  const dialog = confirmDialog();
  const statusFilter = h('select', {}, h('option', { value: '' }, 'Any status'), STATUSES.map(s => h('option', { value: s }, s)));
  const userFilter = h('select', {}, h('option', { value: '' }, 'Any user'));
  const audit = h('div', { 'aria-live': 'polite' });
  const auditAction = h('input', { type: 'text', placeholder: 'e.g. synthesis, consent, voice, admin' });
  const auditVoice = h('input', { type: 'text', placeholder: 'voice_…' });
  const auditUser = h('select', {}, h('option', { value: '' }, 'Any user'));
  const auditWatermark = h('input', { type: 'text', inputmode: 'numeric', placeholder: 'e.g. 1042' });
  const watermarkResult = h('div', { 'aria-live': 'polite' });
  let knownUsers = [];
  let openJob = null;

  const section = (id, title, ...content) => h('section', { class: 'card', 'aria-labelledby': id },
    h('h2', { id }, title), content);
  const filters = h('div', { class: 'filters' },
    field('job-status-filter', 'Status', statusFilter), field('job-user-filter', 'User', userFilter));
  replace(main, h('h1', {}, 'Administration'), status,
    h('div', { class: 'grid' },
      section('health-title', 'Health', health),
      section('queues-title', 'Queues', queues)),
    section('workers-title', 'Workers', workers),
    section('jobs-title', 'Jobs', filters, jobs, jobDetail),
    section('users-title', 'Users and API keys', createUserForm(), users, userQuotas),
    section('clients-title', 'Integration accounts (message bus)',
      h('p', { class: 'hint' }, 'A broker account for an enterprise system, acting for one user: it sends requests to '
        + 'voxclone.requests and reads its replies and that user\'s job events. See the README\'s JMS section.'),
      createClientForm(), clients),
    section('consent-title', 'Consent policy', consentPolicyForm()),
    section('audit-title', 'Audit trail', auditForm(), audit),
    section('watermark-title', 'Watermark check',
      h('p', { class: 'hint' }, 'Every output of VoxClone carries a watermark. Examine a recording to learn '
        + 'whether it is VoxClone speech and, when it holds enough of the watermark (about 6 s of speech), which output '
        + 'it was: its audit event.'),
      watermarkForm(), watermarkResult),
    dialog.element);

  const fail = (e, where = status) => {
    if (e instanceof ApiError && e.status === 401) onUnauthorized();
    replace(where, message('error', e.message));
  };

  /** Re-renders only when the data changed, and keeps keyboard focus on the same control. */
  const painted = new Map();
  function paint(target, data, build) {
    const json = JSON.stringify(data);
    if (painted.get(target) === json) return;
    painted.set(target, json);
    const focusKey = target.contains(document.activeElement) ? document.activeElement.dataset.key : null;
    replace(target, build(data));
    if (focusKey) target.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  function table(caption, headers, rows) {
    if (!rows.length) return h('p', { class: 'empty' }, `No ${caption.toLowerCase()}.`);
    return h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, headers.map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows.map(r => h('tr', r.attrs || {}, r.cells.map(c => h('td', {}, c)))))));
  }

  async function refreshHealth() {
    let body;
    try {
      const response = await fetch('/health/ready', { cache: 'no-store' });
      body = await response.json();
    } catch (e) {
      body = { status: 'DOWN', checks: [{ name: 'service', status: 'DOWN', data: { reason: 'VoxClone could not be reached.' } }] };
    }
    const drills = (body.checks || []).find(c => c.name === 'fault-drills' && c.data && String(c.data.enabled) === 'true');
    paint(health, body, (b) => h('div', {},
      drills ? h('p', { class: 'message error', id: 'drills-warning', role: 'status' },
        'Fault drills are on: some jobs fail on purpose. This must never be the case on a production installation.') : '',
      h('p', { class: 'health ' + (b.status === 'UP' ? 'up' : 'down') }, b.status === 'UP' ? 'Ready: all checks pass.' : 'Not ready.'),
      h('ul', {}, (b.checks || []).map(c => h('li', {}, `${c.name}: ${c.status === 'UP' ? 'OK' : 'problem'}`,
        c.data && Object.keys(c.data).length ? ` (${Object.entries(c.data).map(([k, v]) => `${k} ${v}`).join(', ')})` : '')))));
  }

  async function refreshWorkers() {
    const list = await call(ADMIN + '/workers');
    paint(workers, list, (l) => table('Workers', ['Node', 'Engine', 'Execution provider', 'Device', 'Current jobs', 'Last heartbeat', 'State'],
      l.map(w => ({ cells: [w.node, `${w.engine} (${w.qualityTier})`, w.executionProvider, w.device,
        w.currentJobs.length ? w.currentJobs.join(', ') : 'idle', formatDate(w.lastHeartbeatAt), w.alive ? 'alive' : 'silent'] }))));
  }

  async function refreshQueues() {
    const q = await call(ADMIN + '/queues');
    paint(queues, q, (x) => h('div', {},
      h('dl', { class: 'facts' },
        h('dt', {}, 'Jobs waiting'), h('dd', { id: 'jobs-queue-depth' }, x.jobs.depth),
        h('dt', {}, 'Dead letters'), h('dd', { id: 'dead-letter-depth' }, x.deadLetters.depth)),
      x.deadLetters.messages.length ? [
        table('Dead-lettered messages', ['Job', 'Since', ''], x.deadLetters.messages.map(m => ({ cells: [m.jobId || '—', formatDate(m.enqueuedAt),
          h('button', { type: 'button', class: 'secondary', 'data-key': 'requeue-' + m.messageId, onclick: () => act(() =>
            call(`${ADMIN}/queues/dead-letters/${encodeURIComponent(m.messageId)}/requeue`, { method: 'POST' }), 'Message put back on the jobs queue.') }, 'Requeue')] }))),
        h('div', { class: 'actions' }, h('button', { type: 'button', class: 'danger', onclick: purge }, 'Remove all dead letters')),
      ] : null));
  }

  async function purge() {
    if (await dialog.ask('Remove all dead letters?', 'The messages are deleted; their jobs stay failed and can still be retried.', 'Remove them')) {
      act(async () => {
        const r = await call(ADMIN + '/queues/dead-letters', { method: 'DELETE' });
        return `${r.purged} dead letters removed.`;
      });
    }
  }

  async function refreshJobs() {
    const query = new URLSearchParams();
    if (statusFilter.value) query.set('status', statusFilter.value);
    if (userFilter.value) query.set('userId', userFilter.value);
    query.set('limit', '50');
    const list = await call(`${ADMIN}/jobs?${query}`);
    const userName = (id) => knownUsers.find(u => u.userId === id)?.name || id;
    paint(jobs, list, (l) => table('Jobs', ['Voice', 'User', 'Status', 'Attempts', 'Created', 'Error', ''],
      l.map(j => ({ attrs: { 'data-job': j.jobId }, cells: [j.voiceName, userName(j.userId), h('span', { class: 'badge ' + j.status }, j.status), j.attempts,
        formatDate(j.createdAt), j.error || '',
        h('div', { class: 'row-actions' },
          h('button', { type: 'button', class: 'secondary', 'data-key': 'details-' + j.jobId, onclick: () => { openJob = j.jobId; refreshJobDetail(true); } }, 'Details'),
          j.status === 'failed' ? h('button', { type: 'button', 'data-key': 'retry-' + j.jobId, onclick: () => act(() =>
            call(`${ADMIN}/jobs/${j.jobId}/retry`, { method: 'POST' }), `Job for "${j.voiceName}" sent again.`) }, 'Retry') : null,
          j.status === 'pending' ? h('button', { type: 'button', class: 'danger', 'data-key': 'cancel-' + j.jobId, onclick: () => act(() =>
            call(`${ADMIN}/jobs/${j.jobId}/cancel`, { method: 'POST' }), `Job for "${j.voiceName}" cancelled.`) }, 'Cancel') : null)] }))));
  }

  async function refreshJobDetail(focus) {
    if (!openJob) return;
    const job = await call(`${ADMIN}/jobs/${openJob}`);
    paint(jobDetail, job, (j) => h('div', {},
      h('h3', { id: 'job-detail-title', tabindex: -1 }, `Job ${j.jobId}: "${j.voiceName}" (${j.status})`),
      h('p', { class: 'job-runs' }, j.runs > 1 ? `Run ${j.runs} (retried ${j.runs - 1} time${j.runs > 2 ? 's' : ''}), attempt ${j.attempts} of this run.`
        : `Attempt ${j.attempts}.`),
      h('ol', { class: 'history' }, j.history.map(e => h('li', {}, `${formatDate(e.at)}: ${e.status}`,
        e.workerNode ? ` on ${e.workerNode}` : '', e.message ? ` — ${e.message}` : ''))),
      h('button', { type: 'button', class: 'secondary', onclick: () => { openJob = null; painted.delete(jobDetail); replace(jobDetail); } }, 'Close details')));
    if (focus) jobDetail.querySelector('h3')?.focus();
  }

  async function refreshUsers() {
    knownUsers = await call(ADMIN + '/users');
    fillUsers(userFilter, h('option', { value: '' }, 'Any user'));
    fillUsers(clientOwner, h('option', { value: '' }, 'Choose a user'));
    fillUsers(auditUser, h('option', { value: '' }, 'Any user'));
    paint(users, knownUsers, (l) => table('Users', ['Name', 'Role', 'State', 'Created', 'API keys', '', '', ''],
      l.map(u => ({ cells: [u.name, u.role, u.active ? 'active' : h('span', { class: 'badge failed' }, 'disabled'), formatDate(u.createdAt),
        h('ul', { class: 'keys' }, u.keys.map(k => h('li', {}, `${k.prefix}… `, k.revoked ? h('span', { class: 'badge failed' }, 'revoked')
          : h('button', { type: 'button', class: 'danger small', 'data-key': 'revoke-' + k.keyId, onclick: () => revoke(u, k) }, 'Revoke')))),
        h('button', { type: 'button', class: 'secondary', 'data-key': 'issue-' + u.userId, onclick: () => issueKey(u) }, 'New key'),
        h('button', { type: 'button', class: 'secondary', 'data-key': 'quotas-' + u.userId, onclick: () => showQuotas(u) }, 'Quotas'),
        u.active
          ? h('button', { type: 'button', class: 'danger small', 'data-key': 'disable-' + u.userId, onclick: () => setActive(u, false) }, 'Disable')
          : h('button', { type: 'button', class: 'secondary', 'data-key': 'enable-' + u.userId, onclick: () => setActive(u, true) }, 'Enable')] }))));
  }

  /** The users as the options of {@code select}, after {@code first}; the choice is kept. */
  function fillUsers(select, first) {
    const chosen = select.value;
    const names = JSON.stringify(knownUsers.map(u => [u.userId, u.name]));
    if (select.dataset.users !== names) {
      select.dataset.users = names;
      replace(select, first, knownUsers.map(u => h('option', { value: u.userId, selected: u.userId === chosen }, u.name)));
    }
  }

  async function refreshClients() {
    const list = await call(ADMIN + '/jms-clients');
    const nameOf = (id) => knownUsers.find(u => u.userId === id)?.name ?? id;
    paint(clients, list, (l) => table('Integration accounts', ['System', 'Acts for', 'Broker user', 'Created', 'State', ''],
      l.map(c => ({ cells: [c.name, nameOf(c.userId), c.username, formatDate(c.createdAt),
        c.revokedAt ? h('span', { class: 'badge failed' }, 'revoked') : 'active',
        c.revokedAt ? '' : h('button', { type: 'button', class: 'danger small', 'data-key': 'revoke-client-' + c.clientId,
          onclick: () => revokeClient(c) }, 'Revoke')] }))));
  }

  function createClientForm() {
    const name = h('input', { type: 'text', maxlength: 100, autocomplete: 'off', required: true });
    const form = h('form', { class: 'inline-form' }, field('new-client-name', 'System', name),
      field('new-client-owner', 'Acts for', clientOwner), h('button', { type: 'submit' }, 'Create account'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(async () => {
        const c = await call(ADMIN + '/jms-clients', { method: 'POST', json: { name: name.value, userId: clientOwner.value } });
        name.value = '';
        showSecret(`Integration account for ${c.name} created. Give these to the system now: the password is not shown again.`,
          [`broker: ${c.brokerUrl}`, `username: ${c.username}`, `password: ${c.password}`, `requests: ${c.requestQueue}`,
            `replies: ${c.replyQueue}`, `job events: ${c.statusTopic}`].join('\n'));
      });
    });
    return form;
  }

  async function revokeClient(client) {
    if (await dialog.ask(`Revoke the account of ${client.name}?`, 'The broker disconnects it at once and refuses it from '
        + 'now on; its requests are no longer answered.', 'Revoke the account')) {
      act(() => call(`${ADMIN}/jms-clients/${client.clientId}`, { method: 'DELETE' }), 'Integration account revoked.');
    }
  }

  function createUserForm() {
    const name = h('input', { type: 'text', maxlength: 200, autocomplete: 'off' });
    const role = h('select', {}, h('option', { value: 'user' }, 'user'), h('option', { value: 'admin' }, 'admin'));
    const form = h('form', { class: 'inline-form' }, field('new-user-name', 'Name', name), field('new-user-role', 'Role', role),
      h('button', { type: 'submit' }, 'Create user'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(async () => {
        const created = await call(ADMIN + '/users', { method: 'POST', json: { name: name.value, role: role.value } });
        name.value = '';
        showSecret(`New API key for ${created.name}. Copy it now: it is not shown again.`, created.apiKey);
      });
    });
    return form;
  }

  async function setActive(user, active) {
    if (active || await dialog.ask(`Disable ${user.name}?`, 'Their API keys and portal sessions stop working at once. '
        + 'Nothing of theirs is deleted, and you can enable them again.', 'Disable the user')) {
      act(() => call(`${ADMIN}/users/${user.userId}/${active ? 'enable' : 'disable'}`, { method: 'POST' }), active ? 'User enabled.' : 'User disabled.');
    }
  }

  /** A user's quotas with their usage, and a form to set this user's own limits (empty: the default). */
  async function showQuotas(user) {
    let answer;
    try {
      answer = await call(`${ADMIN}/users/${user.userId}/quotas`);
    } catch (e) {
      fail(e, userQuotas);
      return;
    }
    const megabytes = 1024 * 1024;
    const inputs = QUOTAS.map(q => {
      const use = answer.quotas[q.key];
      const shown = q.key === 'storedBytes' ? Math.round(use.limit / megabytes) : use.limit;
      return { q, input: h('input', { type: 'number', min: 0, step: 1, value: use.setForUser ? String(shown) : '',
        placeholder: `default (${shown})` }) };
    });
    const form = h('form', { class: 'inline-form' }, inputs.map(({ q, input }) =>
      field('quota-' + q.key, q.key === 'storedBytes' ? 'Stored audio (MB)' : q.label.replace(' (UTC)', ' (seconds)'), input)),
    h('button', { type: 'submit' }, 'Save quotas'),
    h('button', { type: 'button', class: 'secondary', onclick: () => replace(userQuotas) }, 'Close'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const limits = {};
      for (const { q, input } of inputs) {
        const value = input.value.trim();
        limits[q.key] = value === '' ? null : Number(value) * (q.key === 'storedBytes' ? megabytes : 1);
      }
      act(async () => {
        await call(`${ADMIN}/users/${user.userId}/quotas`, { method: 'PUT', json: limits });
        await showQuotas(user);
        return `Quotas of ${user.name} saved.`;
      });
    });
    replace(userQuotas, h('h3', { tabindex: -1 }, `Quotas of ${user.name}`), quotaSummary(answer.quotas),
      h('p', { class: 'hint' }, 'Leave a field empty to use the default. Lower limits refuse new work only; nothing stored is deleted.'), form);
    userQuotas.querySelector('h3').focus();
  }

  async function issueKey(user) {
    act(async () => showSecret(`New API key for ${user.name}. Copy it now: it is not shown again.`,
      (await call(`${ADMIN}/users/${user.userId}/keys`, { method: 'POST' })).apiKey));
  }

  async function revoke(user, key) {
    if (await dialog.ask(`Revoke key ${key.prefix}… of ${user.name}?`, 'Anything using this key stops working at once.', 'Revoke the key')) {
      act(() => call(`${ADMIN}/keys/${key.keyId}`, { method: 'DELETE' }), 'Key revoked.');
    }
  }

  /** A secret shown once (an API key, an integration account), with a button to copy it. */
  function showSecret(text, secret) {
    const output = h('output', { class: 'api-key', id: 'new-secret' }, secret);
    replace(status, message('success', text, output,
      h('button', { type: 'button', class: 'secondary', onclick: () => navigator.clipboard?.writeText(secret).then(() => announce('Copied.'), () => {}) }, 'Copy')));
    status.querySelector('[role=status]')?.setAttribute('tabindex', '-1');
    status.querySelector('[role=status]')?.focus();
  }

  /** Runs an action, shows its outcome and refreshes everything at once. */
  async function act(action, done) {
    try {
      const result = await action();
      const text = typeof result === 'string' ? result : done;
      if (text) {
        replace(status, message('success', text));
        announce(text);
      }
      await refresh();
    } catch (e) {
      fail(e);
    }
  }

  /** The installation's consent policy: the deployment's, or an administrator's choice. */
  function consentPolicyForm() {
    const choice = h('select', {},
      h('option', { value: '' }, 'The deployment\'s setting'),
      h('option', { value: 'require' }, 'require: verified spoken consent for every new voice'),
      h('option', { value: 'off' }, 'off: no consent needed (test installations only)'));
    const state = h('p', { class: 'hint', id: 'consent-policy-state' });
    const show = (p) => {
      choice.value = p.chosenAt ? p.policy : '';
      replace(state, `In force: ${p.policy}` + (p.chosenAt ? ` (chosen ${formatDate(p.chosenAt)})` : ` (the deployment's setting)`) + '.');
      document.getElementById('consent-off').hidden = p.policy !== 'off';
    };
    const form = h('form', { class: 'filters' }, field('consent-policy', 'Policy', choice),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save policy')), state);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        show(await call(`${ADMIN}/consent/policy`, { method: 'PUT', json: { policy: choice.value || null } }));
        announce('Consent policy saved.');
      } catch (e) {
        fail(e, state);
      }
    });
    call(`${ADMIN}/consent/policy`).then(show).catch(e => fail(e, state));
    return form;
  }

  /** The audit trail's filters as query parameters. */
  function auditQuery() {
    const q = new URLSearchParams();
    if (auditAction.value.trim()) q.set('action', auditAction.value.trim());
    if (auditVoice.value.trim()) q.set('voiceId', auditVoice.value.trim());
    if (auditUser.value) q.set('userId', auditUser.value);
    if (auditWatermark.value.trim()) q.set('watermarkId', auditWatermark.value.trim());
    return q;
  }

  function auditForm() {
    const search = h('button', { type: 'submit' }, 'Search');
    const download = h('button', { type: 'button', class: 'secondary' }, 'Download as CSV');
    const form = h('form', { class: 'filters' },
      field('audit-action', 'Action', auditAction), field('audit-voice', 'Voice', auditVoice), field('audit-user', 'User', auditUser),
      field('audit-watermark', 'Watermark id', auditWatermark),
      h('div', { class: 'actions' }, search, download));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      searchAudit().catch(e => fail(e, audit));
    });
    download.addEventListener('click', async () => {
      try {
        const blob = await (await request(`${ADMIN}/audit/export?${auditQuery()}`, { accept: 'text/csv' })).blob();
        const link = h('a', { href: URL.createObjectURL(blob), download: 'voxclone-audit.csv' });
        document.body.append(link);
        link.click();
        link.remove();
      } catch (e) {
        fail(e, audit);
      }
    });
    return form;
  }

  async function searchAudit() {
    const q = auditQuery();
    q.set('limit', '100');
    const events = await call(`${ADMIN}/audit?${q}`);
    replace(audit, auditTable(events));
    announce(`${events.length} audit events shown.`);
  }

  function auditTable(events) {
    const name = (id) => knownUsers.find(u => u.userId === id)?.name || id || '—';
    return table('Audit events', ['When', 'Action', 'Way in', 'By', 'User', 'Voice', 'Watermark', 'Detail'],
      events.map(e => ({ cells: [formatDate(e.at), e.action, e.wayIn, name(e.actorId), name(e.userId), e.voiceId || '—',
        e.watermarkId ? String(e.watermarkId) : '—',
        e.detail || (e.textSha256 ? 'text SHA-256 ' + e.textSha256.slice(0, 12) + '…' : '')] })));
  }

  function watermarkForm() {
    const file = h('input', { type: 'file', accept: 'audio/*,video/*', required: true });
    const check = h('button', { type: 'submit' }, 'Examine');
    const form = h('form', { class: 'filters' }, field('watermark-file', 'Recording', file), h('div', { class: 'actions' }, check));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = new FormData();
      body.append('file', file.files[0]);
      check.disabled = true;
      replace(watermarkResult, message('info', 'Examining the recording…'));
      try {
        const found = await call('/api/public/voice/watermark/detect', { method: 'POST', body });
        const figures = `(score ${found.score} against a threshold of ${found.threshold}, ${found.analysedSeconds} s examined)`;
        if (!found.watermarked) {
          replace(watermarkResult, message('info', `No VoxClone watermark was found ${figures}. The recording is not VoxClone `
            + 'speech, or too little of it is left (under about 3 s of speech, or heavily processed).'));
        } else if (found.watermarkId == null) {
          replace(watermarkResult, message('success', `This is VoxClone speech ${figures}.`), h('p', {}, found.note));
        } else {
          replace(watermarkResult, message('success', `This is VoxClone speech: output ${found.watermarkId} ${figures}.`),
            auditTable(found.records));
        }
        announce('Watermark check finished.');
      } catch (e) {
        fail(e, watermarkResult);
      } finally {
        check.disabled = false;
      }
    });
    return form;
  }

  let stopped = false;
  let timer = null;
  async function refresh() {
    try {
      await Promise.all([refreshHealth(), refreshWorkers(), refreshQueues(), refreshUsers().then(() => Promise.all([refreshJobs(), refreshClients()])), refreshJobDetail(false)]);
    } catch (e) {
      fail(e);
    }
  }
  async function loop() {
    await refresh();
    if (!stopped) timer = setTimeout(loop, REFRESH_MS);
  }
  statusFilter.addEventListener('change', () => refreshJobs().catch(fail));
  userFilter.addEventListener('change', () => refreshJobs().catch(fail));
  loop();
  return () => { stopped = true; clearTimeout(timer); };
}
