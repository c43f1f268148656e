// The voice library: the user's voices with listening, testing, renaming, settings, recordings, (de)activation
// and deletion.
import { h, replace, field, message, announce, formatDate, formatDuration } from './dom.js';
import { call, request, audioUrl, watchJob, ApiError, ONBOARDING, VOICES } from './api.js';
import { recordingInput, checkRecording, RECORDING_HINT } from './recording.js';
import { settingsForm } from './settings.js';
import { quotaSummary } from './quotas.js';

export function showVoices(main, account, { onUnauthorized }) {
  const status = h('div');
  const list = h('div', { class: 'voice-list' });
  const usage = h('section', { class: 'usage', 'aria-labelledby': 'usage-title' });
  const dialog = confirmDialog();
  let stopWatching = () => {};
  replace(main, h('h1', {}, 'My voices'), status, usage, list, dialog.element);

  const fail = (e, where = status) => {
    if (e instanceof ApiError && e.status === 401) onUnauthorized();
    replace(where, message('error', e.message));
  };

  /** The user's quotas; a failure here leaves the library usable, so it only hides the section. */
  async function loadUsage() {
    try {
      const answer = await call('/api/public/account/quotas');
      replace(usage, h('h2', { id: 'usage-title' }, 'Your quotas'), quotaSummary(answer.quotas));
    } catch (e) {
      replace(usage);
    }
  }

  async function load(focusVoice) {
    loadUsage();
    let voices;
    try {
      voices = await call(VOICES);
    } catch (e) {
      fail(e);
      return;
    }
    if (!voices.length) {
      replace(list, h('p', {}, 'You have no voices yet. ', h('a', { href: '#/wizard' }, 'Create your first voice.')));
      return;
    }
    replace(list, voices.map(card));
    if (focusVoice) list.querySelector(`[data-voice="${focusVoice}"] h2`)?.focus();
  }

  function card(voice) {
    const id = voice.voiceId;
    const area = h('div', { class: 'voice-work' });
    const element = h('article', { class: 'card voice' + (voice.isActive ? '' : ' inactive'), 'data-voice': id, 'aria-labelledby': 'voice-' + id },
      h('h2', { id: 'voice-' + id, tabindex: -1 }, voice.voiceName),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Status'), h('dd', { class: 'voice-status' }, voice.isActive ? 'Active' : 'Deactivated'),
        h('dt', {}, 'Created'), h('dd', {}, formatDate(voice.createdAt)),
        h('dt', {}, 'Engine'), h('dd', {}, `${voice.engine} (${voice.qualityTier} quality)`),
        h('dt', {}, 'Samples'), h('dd', { class: 'sample-count' }, voice.sampleCount)),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => playReference(voice, area) }, 'Play reference'),
        h('button', { type: 'button', class: 'secondary', onclick: () => testForm(voice, area) }, 'Test'),
        h('button', { type: 'button', class: 'secondary', onclick: () => renameForm(voice, area) }, 'Rename'),
        h('button', { type: 'button', class: 'secondary', onclick: () => settingsPanel(voice, area) }, 'Settings'),
        h('button', { type: 'button', class: 'secondary', onclick: () => samplesPanel(voice, area) }, 'Recordings'),
        h('button', { type: 'button', class: 'secondary', onclick: () => setActive(voice, !voice.isActive, area) },
          voice.isActive ? 'Deactivate' : 'Activate'),
        h('button', { type: 'button', class: 'danger', onclick: () => remove(voice, area) }, 'Delete')),
      area);
    return element;
  }

  async function playReference(voice, area) {
    replace(area, message('info', 'Loading the reference recording…'));
    try {
      const player = h('audio', { controls: true, src: await audioUrl(voice.referenceUrl), 'aria-label': `Reference recording of ${voice.voiceName}` });
      replace(area, player);
      player.focus();
    } catch (e) {
      fail(e, area);
    }
  }

  function testForm(voice, area) {
    const text = h('input', { type: 'text', maxlength: 60, value: 'Hello, this is my cloned voice.' });
    const result = h('div', { 'aria-live': 'polite' });
    const form = h('form', {}, field(`test-${voice.voiceId}`, 'Text to speak (up to 60 characters)', text),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Speak')), result);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!text.value.trim()) {
        replace(result, message('error', 'Write something for the voice to say.'));
        return;
      }
      replace(result, message('info', 'Speaking…'));
      try {
        const url = await audioUrl(`${ONBOARDING}/test/${voice.voiceId}`, { method: 'POST', json: { text: text.value }, accept: 'audio/mpeg' });
        replace(result, h('audio', { controls: true, autoplay: true, src: url, class: 'test-audio', 'aria-label': 'Test speech' }));
      } catch (e) {
        fail(e, result);
      }
    });
    replace(area, form);
    text.focus();
  }

  function renameForm(voice, area) {
    const name = h('input', { type: 'text', maxlength: 100, value: voice.voiceName, required: true });
    const result = h('div');
    const form = h('form', {}, field(`rename-${voice.voiceId}`, 'New name', name),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save name')), result);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await call(`${VOICES}/${voice.voiceId}`, { method: 'PATCH', json: { voiceName: name.value } });
        announce('Voice renamed.');
        load(voice.voiceId);
      } catch (e) {
        fail(e, result);
      }
    });
    replace(area, form);
    name.focus();
  }

  function settingsPanel(voice, area) {
    const settings = settingsForm(`voice-${voice.voiceId}`, voice.settings);
    const result = h('div');
    const form = h('form', { novalidate: true }, settings.element,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save settings')), result);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const { values, errors, focus } = settings.read();
      if (errors.length) {
        replace(result, message('error', errors.map(e => e.message).join(' ')));
        focus();
        return;
      }
      try {
        const updated = await call(`${VOICES}/${voice.voiceId}`, { method: 'PATCH', json: { settings: values } });
        Object.assign(voice, updated);
        replace(result, message('success', 'Settings saved.'));
      } catch (e) {
        fail(e, result);
      }
    });
    replace(area, form);
    form.querySelector('input[type=number]')?.focus();
  }

  /** The recordings a voice learnt from; adding or removing one enrols the voice again from all that remain. */
  async function samplesPanel(voice, area, done) {
    stopWatching();
    let samples;
    try {
      samples = await call(`${VOICES}/${voice.voiceId}/samples`);
    } catch (e) {
      fail(e, area);
      return;
    }
    const id = voice.voiceId;
    const progress = h('div', { 'aria-live': 'polite' });
    const count = document.querySelector(`[data-voice="${id}"] .sample-count`);
    if (count) count.textContent = samples.length;
    const rows = samples.map((sample, i) => h('li', { class: 'sample' },
      `Recording ${i + 1}: ${formatDuration(sample.durationMs / 1000)}, added ${formatDate(sample.createdAt)} `,
      samples.length > 1 ? h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove recording ${i + 1}`,
        onclick: () => removeSample(voice, sample, i + 1, area, progress) }, 'Remove') : null));
    const input = recordingInput();
    const form = h('form', { novalidate: true },
      field(`sample-${id}`, 'Add a recording of the same voice', input, RECORDING_HINT),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Add the recording')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const file = input.files[0];
      if (!file) {
        replace(progress, message('error', 'Choose a recording first.'));
        input.focus();
        return;
      }
      const check = await checkRecording(file);
      if (check.error) {
        replace(progress, message('error', check.error));
        input.focus();
        return;
      }
      const body = new FormData();
      body.append('file', file, file.name);
      form.querySelector('button[type=submit]').disabled = true;
      replace(progress, message('info', `Uploading ${file.name}…`));
      try {
        const job = await (await request(`${VOICES}/${id}/samples`, { method: 'POST', body })).json();
        enrol(voice, job.jobId, area, progress, 'The recording was added');
      } catch (e) {
        form.querySelector('button[type=submit]').disabled = false;
        fail(e, progress);
      }
    });
    replace(area, h('h3', { id: `samples-${id}`, tabindex: -1 }, 'Recordings this voice learnt from'),
      h('ul', { class: 'samples', 'aria-labelledby': `samples-${id}` }, rows),
      samples.length === 1 ? h('p', { class: 'hint' }, 'A voice needs at least one recording: add another before removing this one.') : null,
      form, done ? message('success', done) : null, progress);
    area.querySelector('h3').focus();
  }

  async function removeSample(voice, sample, number, area, progress) {
    if (!await dialog.ask(`Remove recording ${number}?`, `"${voice.voiceName}" is learnt again from its other recordings. This cannot be undone.`,
      'Remove the recording')) {
      return;
    }
    try {
      const job = await call(`${VOICES}/${voice.voiceId}/samples/${sample.sampleId}`, { method: 'DELETE' });
      enrol(voice, job.jobId, area, progress, `Recording ${number} was removed`);
    } catch (e) {
      fail(e, progress);
    }
  }

  /** Follows the job that enrols the voice again, then shows its recordings as they now are. */
  function enrol(voice, jobId, area, progress, what) {
    replace(progress, message('info', 'Learning the voice again from all its recordings…'));
    stopWatching = watchJob(jobId, (job) => {
      if (job.status === 'completed') {
        announce(what + '.');
        samplesPanel(voice, area, `${what}; the voice has been learnt again.`);
      } else if (job.status === 'failed') {
        replace(progress, message('error', `The voice could not be learnt again: ${job.error || 'no reason was recorded'}. `
          + 'It keeps sounding as before; try another recording, or ask your administrator.'));
      }
    }, {
      onLost: () => replace(progress, message('info', 'Connection lost; still waiting for the voice to be learnt again…')),
      onGone: () => replace(progress, message('error', 'The voice was deleted meanwhile.')),
    });
  }

  async function setActive(voice, active, area) {
    try {
      await call(`${VOICES}/${voice.voiceId}`, { method: 'PATCH', json: { isActive: active } });
      announce(active ? 'Voice activated.' : 'Voice deactivated.');
      load(voice.voiceId);
    } catch (e) {
      fail(e, area);
    }
  }

  async function remove(voice, area) {
    if (!await dialog.ask(`Delete "${voice.voiceName}"?`, 'The voice, its recordings and its test audio are removed for good. This cannot be undone.', 'Delete the voice')) {
      return;
    }
    try {
      await call(`${ONBOARDING}/${voice.voiceId}`, { method: 'DELETE' });
      replace(status, message('success', `"${voice.voiceName}" was deleted.`));
      load();
      main.focus();
    } catch (e) {
      fail(e, area);
    }
  }

  load();
  return () => stopWatching();
}

/** A modal confirmation; ask() resolves to true when the user confirms. Keyboard focus stays inside while open. */
export function confirmDialog() {
  const title = h('h2', { id: 'confirm-title' });
  const text = h('p', { id: 'confirm-text' });
  const yes = h('button', { type: 'button', class: 'danger', value: 'yes' });
  const no = h('button', { type: 'button', class: 'secondary', value: 'no' }, 'Cancel');
  const element = h('dialog', { 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text' },
    title, text, h('div', { class: 'actions' }, no, yes));
  let answer = () => {};
  const close = (value) => { element.close(); answer(value); };
  yes.addEventListener('click', () => close(true));
  no.addEventListener('click', () => close(false));
  element.addEventListener('cancel', () => answer(false));
  return {
    element,
    ask(heading, body, confirmLabel) {
      const opener = document.activeElement;
      title.textContent = heading;
      text.textContent = body;
      yes.textContent = confirmLabel;
      element.showModal();
      no.focus();
      return new Promise((resolve) => {
        answer = (value) => { answer = () => {}; opener?.focus?.(); resolve(value); };
      });
    },
  };
}
