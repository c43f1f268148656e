// The seven-step onboarding wizard. Choices (not files) are saved on the server after every step, so a reload or
// another device continues where the user left off; files stay in this page until they are submitted.
import { h, replace, field, message, announce, formatBytes, formatDuration } from './dom.js';
import { call, request, audioUrl, watchJob, ApiError, ONBOARDING } from './api.js';
import { settingsForm, defaultSettings } from './settings.js';
import { consentStep } from './consent.js';
import { segmentPicker, segmentFields, describeSegment } from './segment.js';
import { recordingInput, checkRecording, RECORDING_HINT } from './recording.js';

const WIZARD = ONBOARDING + '/wizard';
const TEXT_LIMIT = 60;
/** How the portal names each model; a model it does not know is shown by its id. */
const MODELS = {
  offline: 'Offline engine: quick, runs anywhere, an approximation of the voice',
  chatterbox: 'Chatterbox: high quality, with expressiveness and faithfulness',
  'chatterbox-turbo': 'Chatterbox Turbo: high quality and faster, sound tags such as [laugh], no expressiveness or faithfulness',
  'chatterbox-multilingual': 'Chatterbox Multilingual: high quality in twenty-three languages',
};
/** The languages Chatterbox Multilingual speaks here, by their names. */
const LANGUAGES = {
  ar: 'Arabic', da: 'Danish', de: 'German', el: 'Greek', en: 'English', es: 'Spanish', fi: 'Finnish', fr: 'French',
  he: 'Hebrew', hi: 'Hindi', it: 'Italian', ja: 'Japanese', ko: 'Korean', ms: 'Malay', nl: 'Dutch', no: 'Norwegian', pl: 'Polish', pt: 'Portuguese',
  ru: 'Russian', sv: 'Swedish', sw: 'Swahili', tr: 'Turkish', zh: 'Chinese',
};
const STEPS = ['Platform', 'Recording', 'Content', 'Voice settings', 'Test text', 'Identity', 'Review & complete'];
const IMPORT = '/api/public/voice/import';
const MAX_ITEMS = 5;
const PLATFORM_MISSING = 'Not available on this installation: the server has no yt-dlp program to read this platform.';
const PLATFORMS = [
  { id: 'upload', label: 'Upload a file', hint: 'An audio or video recording from your computer.' },
  { id: 'link', label: 'A link to a media file or podcast', hint: 'The web address of an audio or video file, for example https://example.com/talk.mp3, or of a podcast feed.', needs: 'directLinks' },
  { id: 'youtube', label: 'YouTube', hint: 'A channel or video address.', needs: 'platforms' },
  { id: 'tiktok', label: 'TikTok', hint: 'A profile or video address.', needs: 'platforms' },
  { id: 'twitch', label: 'Twitch', hint: 'A channel or video address.', needs: 'platforms' },
];

function freshState() {
  return { step: 1, platform: 'upload', voiceName: '', sourceUrl: '', chosenItems: [], segment: null, settings: defaultSettings(),
    testText: '', consentStatementVersion: null, consentChallenge: null, jobId: null };
}

export function showWizard(main, account, { onUnauthorized }) {
  let state = freshState();
  // Files exist only in this page: the recording and its measured facts (the spoken consent is stored at step 6).
  const files = { recording: null, facts: null };
  let stopProgress = () => {};
  let destroyed = false;
  let capabilities = { directLinks: false, platforms: false };
  const importing = () => state.platform !== 'upload';

  const stepList = h('ol', { class: 'steps', 'aria-label': 'Steps' });
  const panel = h('section', { class: 'card', 'aria-labelledby': 'step-title' });
  replace(main, h('h1', {}, 'Create a new voice'), stepList, panel);

  function handle(e) {
    if (e instanceof ApiError && e.status === 401) onUnauthorized();
    return e.message;
  }

  async function save() {
    try {
      await call(WIZARD, { method: 'PUT', json: state });
    } catch (e) {
      // Saving is a convenience for resuming; the wizard goes on without it.
      if (e instanceof ApiError && e.status === 401) onUnauthorized();
    }
  }

  function go(step) {
    state.step = step;
    save();
    render();
    panel.querySelector('h2')?.focus();
  }

  function renderSteps() {
    replace(stepList, STEPS.map((name, i) => h('li', {
      class: i + 1 === state.step ? 'current' : i + 1 < state.step ? 'done' : '',
      'aria-current': i + 1 === state.step ? 'step' : null,
    }, h('span', { class: 'number', 'aria-hidden': 'true' }, i + 1), ' ', name,
    i + 1 < state.step ? h('span', { class: 'visually-hidden' }, ' (done)') : null)));
  }

  function render() {
    if (destroyed) return;
    renderSteps();
    const build = [platformStep, recordingStep, contentStep, settingsStep, textStep, identityStep, reviewStep][state.step - 1];
    replace(panel, h('h2', { id: 'step-title', tabindex: -1 }, `Step ${state.step} of 7: ${STEPS[state.step - 1]}`), build());
  }

  function nav(onNext, nextLabel = 'Next') {
    return h('div', { class: 'actions' },
      state.step > 1 ? h('button', { type: 'button', class: 'secondary', onclick: () => go(state.step - 1) }, 'Back') : null,
      onNext ? h('button', { type: 'submit' }, nextLabel) : null);
  }

  function form(children, onNext, nextLabel) {
    const f = h('form', { novalidate: true }, children, nav(onNext, nextLabel));
    f.addEventListener('submit', (event) => { event.preventDefault(); onNext(); });
    return f;
  }

  function platformStep() {
    const options = PLATFORMS.map(p => {
      const unavailable = p.needs && !capabilities[p.needs];
      return h('div', { class: 'choice' + (unavailable ? ' unavailable' : '') },
        h('input', { type: 'radio', name: 'platform', id: 'platform-' + p.id, value: p.id,
          checked: state.platform === p.id, disabled: unavailable, 'aria-describedby': 'platform-' + p.id + '-hint' }),
        h('label', { for: 'platform-' + p.id }, p.label),
        h('p', { class: 'hint', id: 'platform-' + p.id + '-hint' }, unavailable ? PLATFORM_MISSING : p.hint));
    });
    return form([
      h('fieldset', {}, h('legend', {}, 'Where is the voice you want to clone?'), options),
    ], () => {
      state.platform = panel.querySelector('input[name=platform]:checked')?.value || 'upload';
      go(2);
    });
  }

  function recordingStep() {
    return importing() ? channelStep() : uploadStep();
  }

  /** Step 2 for imports: an address, the media found behind it, and the ones (up to 5) to clone from. */
  function channelStep() {
    const name = h('input', { type: 'text', maxlength: 100, required: true, value: state.voiceName, autocomplete: 'off' });
    const url = h('input', { type: state.platform === 'link' ? 'url' : 'text', value: state.sourceUrl, autocomplete: 'off', spellcheck: false });
    const found = h('div', { class: 'media-items' });
    const status = h('div', { 'aria-live': 'polite' });
    let items = [...state.chosenItems];
    const isChosen = (item) => state.chosenItems.some(c => c.url === item.url);
    const showItems = () => {
      if (!items.length) {
        replace(found);
        return;
      }
      replace(found, h('fieldset', {}, h('legend', {}, `Choose the recordings to clone the voice from (up to ${MAX_ITEMS})`),
        items.map((item, i) => h('div', { class: 'choice media-item' },
          h('input', { type: 'checkbox', name: 'media-item', id: 'media-item-' + i, value: i,
            checked: isChosen(item) || items.length === 1 }),
          h('label', { for: 'media-item-' + i },
            item.title, item.durationSeconds ? ` (${formatDuration(item.durationSeconds)})` : '')))));
    };
    const find = async () => {
      if (!url.value.trim()) {
        replace(status, message('error', 'Enter the address first.'));
        url.focus();
        return;
      }
      replace(status, message('info', 'Looking at the address…'));
      try {
        const typed = url.value.trim();
        // On a platform, a bare name ("@acme") stands for that channel.
        const byName = state.platform !== 'link' && !/^[a-z][a-z0-9+.-]*:/i.test(typed);
        const answer = await call(IMPORT + '/items', { method: 'POST',
          json: byName ? { platform: state.platform, name: typed } : { url: typed } });
        items = answer.items;
        state.sourceUrl = typed;
        replace(status, message('success', items.length === 1 ? 'Found one recording.' : `Found ${items.length} recordings.`));
        showItems();
      } catch (e) {
        items = [];
        showItems();
        replace(status, message('error', handle(e)));
      }
    };
    showItems();
    return form([
      field('voice-name', 'Name of the new voice', name, 'Up to 100 characters, for example "Anna, calm narration".'),
      state.platform === 'link'
        ? field('source-url', 'Address (URL)', url, 'Use https:// or http:// addresses of public media; the server fetches up to 50 MB.')
        : field('source-url', 'Channel or video', url, 'The address of a channel or video, or just the channel name, for example @acme.'),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: find }, 'Find media')),
      status, found,
    ], () => {
      state.voiceName = name.value.trim();
      const chosen = [...panel.querySelectorAll('input[name=media-item]:checked')].map(input => items[Number(input.value)]);
      if (!state.voiceName) {
        replace(status, message('error', 'Give the voice a name.'));
        name.focus();
        return;
      }
      if (!chosen.length || chosen.length > MAX_ITEMS) {
        replace(status, message('error', !items.length ? 'Enter the address and press "Find media" first.'
          : chosen.length ? `Choose at most ${MAX_ITEMS} recordings; they are joined into one sample of the voice.` : 'Choose at least one of the recordings.'));
        (items.length ? found.querySelector('input') : url).focus();
        return;
      }
      if (chosen.length !== 1 || state.chosenItems.length !== 1 || state.chosenItems[0].url !== chosen[0].url) state.segment = null;
      state.chosenItems = chosen;
      go(3);
    });
  }

  function uploadStep() {
    const name = h('input', { type: 'text', maxlength: 100, required: true, value: state.voiceName, autocomplete: 'off' });
    const input = recordingInput();
    const status = h('div', { 'aria-live': 'polite' });
    const zone = h('div', { class: 'drop-zone' },
      h('p', {}, 'Drag a recording here, or choose one:'),
      field('recording-file', 'Recording', input, RECORDING_HINT));
    const showChosen = () => {
      if (files.recording) {
        replace(status, message('success', `${files.recording.name}: ${formatBytes(files.recording.size)}` +
          (files.facts?.seconds ? `, ${formatDuration(files.facts.seconds)}` : '') + '. Ready.' +
          (files.facts?.note ? ' ' + files.facts.note : '')));
      }
    };
    const choose = async (file) => {
      replace(status, message('info', `Checking ${file.name}…`));
      const problem = await checkRecording(file);
      if (problem.error) {
        files.recording = null;
        files.facts = null;
        replace(status, message('error', problem.error));
        return;
      }
      files.recording = file;
      files.facts = problem;
      state.segment = null;
      showChosen();
      announce('Recording accepted.');
    };
    input.addEventListener('change', () => input.files[0] && choose(input.files[0]));
    zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('dragging'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('dragging');
      const file = event.dataTransfer.files[0];
      if (file) choose(file);
    });
    showChosen();
    if (!files.recording && state.voiceName) {
      status.append(message('info', 'Your earlier choices were kept. Files are not kept until you submit, so choose the recording again.'));
    }
    return form([
      field('voice-name', 'Name of the new voice', name, 'Up to 100 characters, for example "Anna, calm narration".'),
      zone, status,
    ], () => {
      state.voiceName = name.value.trim();
      if (!state.voiceName) {
        replace(status, message('error', 'Give the voice a name.'));
        name.setAttribute('aria-invalid', 'true');
        name.focus();
        return;
      }
      if (!files.recording) {
        replace(status, message('error', 'Choose a recording of the voice first.'));
        input.focus();
        return;
      }
      go(3);
    });
  }

  function contentStep() {
    const next = (picker) => () => {
      const { segment, error, focus } = picker.read();
      if (error) {
        // The picker already shows the problem next to the times, and clears it as soon as they are right.
        focus();
        return;
      }
      state.segment = segment;
      go(4);
    };
    if (importing()) {
      const chosen = state.chosenItems;
      if (!chosen.length) return recordingMissing();
      const picker = chosen.length === 1 ? segmentPicker({ id: 'segment', seconds: chosen[0].durationSeconds, segment: state.segment }) : null;
      return form([
        h('p', {}, chosen.length === 1
          ? 'The voice is cloned from this recording. The server fetches it when you submit, and checks it like an upload (2 seconds to 5 minutes, up to 50 MB).'
          : `The voice is cloned from these ${chosen.length} recordings, joined into one (at most 5 minutes in all). The server fetches them when you submit, and checks each like an upload.`),
        h('ul', { class: 'chosen-items' }, chosen.map((item, i) => h('li', {},
          h('span', { class: 'item-title' }, item.title), ' ',
          h('span', { class: 'hint' }, item.durationSeconds ? `(${formatDuration(item.durationSeconds)}) ` : '(length measured after fetching) '),
          previewButton(item, i)))),
        picker?.element,
      ], picker ? next(picker) : () => { state.segment = null; go(4); });
    }
    if (!files.recording) return recordingMissing();
    const player = h('audio', { controls: true, src: URL.createObjectURL(files.recording), 'aria-label': 'Your recording' });
    const picker = segmentPicker({ id: 'segment', seconds: files.facts?.seconds, samples: files.facts?.samples,
      audio: player, segment: state.segment });
    return form([
      h('p', {}, `Listen to ${files.recording.name} and make sure only the voice you want to clone speaks in the part you use.`),
      player, picker.element,
    ], next(picker));
  }

  /** Listening before choosing: the server fetches the item and answers its first 30 seconds. */
  function previewButton(item, index) {
    const place = h('div', { class: 'preview', 'aria-live': 'polite' });
    const button = h('button', { type: 'button', class: 'secondary', 'aria-label': `Listen to "${item.title}"`, onclick: async () => {
      button.disabled = true;
      replace(place, message('info', 'Fetching the start of the recording…'));
      try {
        const src = await audioUrl(IMPORT + '/preview', { method: 'POST', json: { url: item.url }, accept: 'audio/mpeg' });
        const player = h('audio', { controls: true, src, class: 'preview-audio', 'aria-label': `The first 30 seconds of "${item.title}"` });
        replace(place, player);
        player.focus();
      } catch (e) {
        replace(place, message('error', handle(e)));
      } finally {
        button.disabled = false;
      }
    } }, 'Listen');
    return [button, place];
  }

  function recordingMissing() {
    const text = importing() ? 'Choose the recording to import first.'
      : 'Files are not kept until you submit. Choose your recording again to continue.';
    return h('div', {}, message('info', text, h('button', { type: 'button', onclick: () => go(2) }, 'Choose the recording')));
  }

  function settingsStep() {
    const settings = settingsForm('wizard', state.settings);
    const status = h('div');
    const model = h('select', { id: 'wizard-model' });
    const language = h('select', {}, Object.entries(LANGUAGES).map(([code, name]) =>
      h('option', { value: code, selected: code === (state.language || 'en') || undefined }, name)));
    const languageField = field('wizard-language', 'Language', language, 'The language this voice speaks; Chatterbox Multilingual speaks these.');
    const showLanguage = () => { languageField.hidden = model.value !== 'chatterbox-multilingual'; };
    model.addEventListener('change', showLanguage);
    call('/api/public/voice/models').then(offer => {
      state.model = state.model || offer.default;
      replace(model, ...offer.models.map(id => h('option', { value: id, selected: id === state.model || undefined }, MODELS[id] || id)));
      showLanguage();
    }).catch(() => replace(status, message('error', 'The list of models could not be loaded; the installation\'s default is used.')));
    showLanguage();
    return form([h('p', {}, 'The defaults suit most voices. You can change these later in your voice library.'),
      field('wizard-model', 'Model', model, 'Which voice model learns and speaks this voice. Settings a model does not use are named after cloning.'),
      languageField, settings.element, status], () => {
      const { values, errors, focus } = settings.read();
      if (errors.length) {
        replace(status, message('error', errors.map(e => e.message).join(' ')));
        focus();
        return;
      }
      state.settings = values;
      state.model = model.value || state.model;
      state.language = state.model === 'chatterbox-multilingual' ? language.value : undefined;
      go(5);
    });
  }

  function textStep() {
    const text = h('textarea', { rows: 2, maxlength: TEXT_LIMIT }, state.testText);
    const counter = h('p', { class: 'counter', id: 'test-text-count', 'aria-live': 'polite' });
    const count = () => {
      const left = TEXT_LIMIT - text.value.length;
      counter.textContent = `${text.value.length} of ${TEXT_LIMIT} characters` + (left <= 10 ? ` (${left} left)` : '');
    };
    text.addEventListener('input', count);
    count();
    const f = form([
      field('test-text', 'Sentence for the new voice to say', text,
        'The new voice speaks this so you can hear how it sounds. Up to 60 characters.'),
      counter,
    ], () => {
      state.testText = text.value.trim();
      if (!state.testText) {
        text.setAttribute('aria-invalid', 'true');
        counter.textContent = 'Write a short sentence for the new voice to say.';
        text.focus();
        return;
      }
      go(6);
    });
    text.setAttribute('aria-describedby', 'test-text-hint test-text-count');
    return f;
  }

  function identityStep() {
    return consentStep(state, (next) => form(...next), () => go(7));
  }

  function reviewStep() {
    const status = h('div', { class: 'progress-area' });
    if (state.jobId) {
      followJob(status, state.jobId);
      return h('div', {}, summary(), status);
    }
    if ((!importing() && !files.recording) || (importing() && !state.chosenItems.length)) return recordingMissing();
    const f = form([summary(), status], async () => {
      const submit = f.querySelector('button[type=submit]');
      submit.disabled = true;
      replace(status, message('info', importing() ? 'Fetching the recording…' : 'Uploading your recording…'));
      let job;
      try {
        job = await submitJob();
      } catch (e) {
        submit.disabled = false;
        const consentProblem = e instanceof ApiError && e.status === 409 && /consent/i.test(e.message);
        replace(status, message('error', 'The voice could not be submitted: ' + handle(e),
          consentProblem ? h('button', { type: 'button', onclick: () => { state.consentChallenge = null; go(6); } }, 'Give consent again') : ''));
        return;
      }
      state.jobId = job.jobId;
      await save();
      render();
    }, 'Create the voice');
    return f;
  }

  function summary() {
    const s = state.settings;
    const rows = [
      ['Source', PLATFORMS.find(p => p.id === state.platform)?.label],
      ['Recording', importing() ? (state.chosenItems.map(item => `${item.title} (${item.url})`).join('; ') || '—')
        : files.recording ? `${files.recording.name} (${formatBytes(files.recording.size)})` : 'uploaded'],
      ['Part used', describeSegment(state.segment)],
      ['Voice name', state.voiceName],
      ['Model', (state.model ? (MODELS[state.model] || state.model) : 'the installation\'s default')
        + (state.language ? `, speaking ${LANGUAGES[state.language] || state.language}` : '')],
      ['Settings', `expressiveness ${s.exaggeration}, faithfulness ${s.cfgWeight}, chunk size ${s.chunkSize}, ` +
        `variation ${s.temperature}, speaking rate ${s.speed}` + (s.seed !== undefined ? `, seed ${s.seed}` : '')],
      ['Test sentence', state.testText],
      ['Consent', state.consentChallenge?.recorded ? `spoken: "${state.consentChallenge.text}"` : 'not given'],
    ];
    return h('dl', { class: 'summary' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  }

  async function submitJob() {
    let job;
    if (importing()) {
      job = await call(IMPORT + '/clone', { method: 'POST',
        json: { urls: state.chosenItems.map(item => item.url), voiceName: state.voiceName, testText: state.testText, ...state.settings, ...modelField(),
          ...segmentFields(state.segment), ...consentField() } });
    } else {
      const body = new FormData();
      body.append('file', files.recording, files.recording.name);
      body.append('voiceName', state.voiceName);
      body.append('testText', state.testText);
      for (const [k, v] of Object.entries({ ...state.settings, ...modelField(), ...segmentFields(state.segment), ...consentField() })) body.append(k, String(v));
      job = await (await request(ONBOARDING + '/clone', { method: 'POST', body })).json();
    }
    return job;
  }

  /** The chosen model, when one was chosen (else the installation's default applies). */
  function modelField() {
    return { ...(state.model ? { model: state.model } : {}), ...(state.language ? { language: state.language } : {}) };
  }

  /** The answered consent challenge, when there is one (an installation with consent off may go without). */
  function consentField() {
    return state.consentChallenge?.recorded ? { consentChallengeId: state.consentChallenge.challengeId } : {};
  }

  /** Live progress: the event stream first; when it drops, the status endpoint every 2 seconds. */
  function followJob(area, jobId) {
    const line = h('p', { class: 'job-status', role: 'status' }, 'Connecting…');
    const result = h('div');
    replace(area, h('h3', {}, 'Progress'), line, result);
    const words = {
      pending: 'Waiting for a free worker…',
      processing: 'Learning the voice and speaking your sentence…',
      completed: 'Your voice is ready.',
      failed: 'The voice could not be created.',
    };
    stopProgress = watchJob(jobId, (job, via) => {
      line.dataset.via = via;
      line.textContent = words[job.status] || job.status;
      line.dataset.status = job.status;
      if (job.status === 'completed') showResult(result, job);
      else if (job.status === 'failed') showFailure(result, job);
    }, {
      onLost: () => { line.textContent = 'Connection lost; trying again…'; },
      onGone: () => replace(result, message('error', 'This voice job no longer exists.', startOver())),
    });
  }

  async function showResult(area, job) {
    if (!job.resultUrl) {
      replace(area, message('success', 'The voice was created. It had no test sentence to speak.', startOver()));
      return;
    }
    try {
      const url = await audioUrl(job.resultUrl);
      const player = h('audio', { controls: true, src: url, class: 'result-audio', 'aria-label': 'Your new voice saying the test sentence' });
      replace(area, message('success', `"${job.voiceName}" is ready. Listen to it say your sentence:`),
        player,
        h('div', { class: 'actions' },
          h('a', { href: url, download: `${job.voiceName}-test.mp3`, class: 'button secondary' }, 'Download the test audio'),
          h('a', { href: '#/voices', class: 'button secondary' }, 'Go to my voices'),
          startOver()));
      announce('Your voice is ready.');
      player.focus();
    } catch (e) {
      replace(area, message('error', 'The test audio could not be loaded: ' + handle(e)));
    }
  }

  function showFailure(area, job) {
    const retry = h('button', { type: 'button', onclick: async () => {
      state.jobId = null;
      await save();
      render();
    } }, files.recording || importing() ? 'Try again' : 'Try again with a new upload');
    replace(area, message('error', explainFailure(job.error), retry, startOver()));
    announce('The voice could not be created.');
  }

  function startOver() {
    return h('button', { type: 'button', class: 'secondary', onclick: async () => {
      stopProgress();
      state = freshState();
      files.recording = files.facts = null;
      try { await call(WIZARD, { method: 'DELETE' }); } catch (e) { /* a fresh wizard either way */ }
      render();
      panel.querySelector('h2')?.focus();
    } }, 'Start a new voice');
  }

  (async () => {
    try {
      const [saved, can] = await Promise.all([call(WIZARD), call(IMPORT + '/capabilities')]);
      if (saved && saved.step) state = { ...freshState(), ...saved };
      capabilities = can;
    } catch (e) {
      handle(e);
    }
    render();
    // Just signed in (focus fell back to the page): start keyboard and screen-reader users at the step.
    if (document.activeElement === document.body || document.activeElement === main) panel.querySelector('h2')?.focus();
  })();

  return () => { destroyed = true; stopProgress(); };
}

/** Turns a job's error into words for someone who does not run the service. */
function explainFailure(error) {
  const text = error || 'no reason was recorded';
  return 'The voice could not be created: ' + text.replace(/^[a-z]/, c => c.toUpperCase()) +
    (/[.!?]$/.test(text) ? '' : '.') + ' You can try again; if it keeps failing, try another recording or contact your administrator.';
}
