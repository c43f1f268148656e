// Step 6 of the wizard: the speaker accepts the consent statement and reads a fresh challenge aloud. The recording is
// stored with the challenge now, before the voice is submitted; the server checks it when it creates the voice.
import { h, replace, field, message, announce, formatDate } from './dom.js';
import { call, request, ApiError } from './api.js';

export const CONSENT = '/api/public/voice/consent';
const MAX_RECORDING_MS = 30000;
const MAX_BYTES = 10 * 1024 * 1024;

/** The statement and this installation's consent policy ('require', or 'off' for test installations). */
export async function consentPolicy() {
  return call(CONSENT + '/statement');
}

/** Builds the step; makeForm([children, onNext]) wraps it with the wizard's navigation. */
export function consentStep(state, makeForm, next) {
  const statementText = h('p', { class: 'statement' }, 'Loading the consent statement…');
  const accept = h('input', { type: 'checkbox', id: 'consent-accept', checked: false });
  const challengeArea = h('div', { 'aria-live': 'polite' });
  const status = h('div');
  const recordButton = h('button', { type: 'button', class: 'secondary' }, 'Record');
  const upload = h('input', { type: 'file', id: 'consent-file', accept: 'audio/*,.webm,.ogg,.mp3,.wav,.m4a,.flac' });
  const getChallenge = h('button', { type: 'button', id: 'consent-challenge' }, 'Show the text to read aloud');
  let policy = null;
  let recorder = null;
  let stopTimer = null;

  const showChallenge = () => {
    if (!state.consentChallenge) {
      replace(challengeArea, h('div', { class: 'actions' }, getChallenge));
      return;
    }
    const c = state.consentChallenge;
    replace(challengeArea,
      h('p', {}, 'Read this aloud, in the voice being cloned, and record it:'),
      h('blockquote', { class: 'challenge', id: 'consent-text' }, c.text),
      h('p', { class: 'hint' }, `Valid until ${formatDate(c.expiresAt)}; submit the voice before then.`),
      h('div', { class: 'actions' }, recordButton),
      field('consent-file', 'Or upload a recording of it', upload, 'Audio up to 10 MB, 1 second to 2 minutes.'),
      c.recorded ? message('success', 'Spoken consent stored.') : '');
  };

  const store = async (blob, name) => {
    if (blob.size > MAX_BYTES) {
      replace(status, message('error', 'The consent recording can be at most 10 MB; a few seconds of speech are enough.'));
      return;
    }
    const body = new FormData();
    body.append('consentAudio', blob, name);
    replace(status, message('info', 'Storing your spoken consent…'));
    try {
      const answer = await (await request(`${CONSENT}/challenges/${state.consentChallenge.challengeId}/recording`,
        { method: 'POST', body })).json();
      state.consentChallenge = answer;
      replace(status);
      showChallenge();
      announce('Spoken consent stored.');
    } catch (e) {
      replace(status, message('error', 'Your spoken consent could not be stored: ' + describe(e)));
    }
  };

  getChallenge.addEventListener('click', async () => {
    if (!accept.checked) {
      replace(status, message('error', 'Accept the consent statement first.'));
      accept.focus();
      return;
    }
    try {
      state.consentChallenge = await call(CONSENT + '/challenges', { method: 'POST', json: { statementVersion: policy.version } });
      replace(status);
      showChallenge();
    } catch (e) {
      replace(status, message('error', 'No text to read could be issued: ' + describe(e)));
    }
  });

  recordButton.addEventListener('click', async () => {
    if (recorder && recorder.state === 'recording') {
      recorder.stop();
      return;
    }
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
      replace(status, message('error', 'This browser cannot record from a microphone. Upload a recording of the text instead.'));
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (e) {
      replace(status, message('error', 'The microphone could not be used (permission was refused or no microphone was found). '
        + 'Allow microphone access, or upload a recording of the text instead.'));
      return;
    }
    const chunks = [];
    recorder = new MediaRecorder(stream);
    recorder.addEventListener('dataavailable', (event) => event.data.size && chunks.push(event.data));
    recorder.addEventListener('stop', () => {
      clearTimeout(stopTimer);
      stream.getTracks().forEach(t => t.stop());
      recordButton.textContent = 'Record again';
      recordButton.classList.remove('recording');
      const type = recorder.mimeType || 'audio/webm';
      store(new Blob(chunks, { type }), 'consent.' + (type.includes('ogg') ? 'ogg' : 'webm'));
    });
    recorder.start();
    recordButton.textContent = 'Stop recording';
    recordButton.classList.add('recording');
    replace(status, message('info', 'Recording… read the text above, then press "Stop recording" (it stops by itself after 30 seconds).'));
    stopTimer = setTimeout(() => recorder.state === 'recording' && recorder.stop(), MAX_RECORDING_MS);
  });

  upload.addEventListener('change', () => upload.files[0] && store(upload.files[0], upload.files[0].name));

  consentPolicy().then((p) => {
    policy = p;
    replace(statementText, p.text);
    accept.checked = state.consentStatementVersion === p.version;
    if (p.policy === 'off') {
      statementText.after(h('p', { class: 'hint' }, 'Consent is not required on this test installation; you may continue without it.'));
    }
  }).catch((e) => replace(statementText, message('error', 'The consent statement could not be loaded: ' + describe(e))));
  showChallenge();

  return makeForm([[
    h('p', {}, 'Cloning a voice needs the consent of the person it belongs to, given in their own voice.'),
    statementText,
    h('div', { class: 'checkbox' }, accept, h('label', { for: 'consent-accept' }, 'I am the person whose voice is cloned, and I accept this statement.')),
    h('fieldset', {}, h('legend', {}, 'Spoken consent'), challengeArea),
    status,
  ], () => {
    if (recorder && recorder.state === 'recording') recorder.stop();
    state.consentStatementVersion = accept.checked && policy ? policy.version : null;
    const recorded = state.consentChallenge?.recorded;
    if (policy?.policy === 'off' && !recorded) {
      state.consentChallenge = null;
      next();
      return;
    }
    const problems = [];
    if (!accept.checked) problems.push('Accept the consent statement.');
    if (!recorded) problems.push('Read the text aloud and record or upload it.');
    if (problems.length) {
      replace(status, message('error', problems.join(' ')));
      (!accept.checked ? accept : state.consentChallenge ? recordButton : getChallenge).focus();
      return;
    }
    next();
  }]);
}

function describe(e) {
  return e instanceof ApiError ? e.message : String(e);
}
