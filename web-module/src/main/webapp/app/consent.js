// Step 6 of the wizard: who the user is, their written confirmation and a short spoken consent.
import { h, replace, field, message, announce } from './dom.js';

export const CONSENT_STATEMENT = 'I confirm that I am the person named here, that the voice in this recording is mine '
  + 'or that I have the written permission of its owner to clone it, and that I will use the cloned voice only as that permission allows.';
const SPOKEN_TEXT = 'My name is … and I agree that VoxClone may create a copy of my voice.';
const MAX_RECORDING_MS = 15000;

/** Builds the step; makeForm([children, onNext]) wraps it with the wizard's navigation. */
export function consentStep(state, files, makeForm, next) {
  const name = h('input', { type: 'text', autocomplete: 'name', maxlength: 200, value: state.signerName });
  const accept = h('input', { type: 'checkbox', id: 'consent-accept', checked: state.consentAccepted });
  const status = h('div');
  const recorded = h('div', { 'aria-live': 'polite' });
  const recordButton = h('button', { type: 'button', class: 'secondary' }, 'Record spoken consent');
  const upload = h('input', { type: 'file', accept: 'audio/*,.webm,.ogg,.mp3,.wav,.m4a' });
  let recorder = null;
  let stopTimer = null;

  const showRecorded = () => {
    if (!files.consent) {
      replace(recorded);
      return;
    }
    replace(recorded, message('success', `Spoken consent ready: ${files.consentLabel}.`),
      h('audio', { controls: true, src: URL.createObjectURL(files.consent), 'aria-label': 'Your spoken consent' }));
  };

  recordButton.addEventListener('click', async () => {
    if (recorder && recorder.state === 'recording') {
      recorder.stop();
      return;
    }
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
      replace(status, message('error', 'This browser cannot record from a microphone. Upload a recording of your spoken consent instead.'));
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (e) {
      replace(status, message('error', 'The microphone could not be used (permission was refused or no microphone was found). '
        + 'Allow microphone access, or upload a recording of your spoken consent instead.'));
      return;
    }
    const chunks = [];
    recorder = new MediaRecorder(stream);
    recorder.addEventListener('dataavailable', (event) => event.data.size && chunks.push(event.data));
    recorder.addEventListener('stop', () => {
      clearTimeout(stopTimer);
      stream.getTracks().forEach(t => t.stop());
      const type = recorder.mimeType || 'audio/webm';
      files.consent = new Blob(chunks, { type });
      files.consentName = 'consent.' + (type.includes('ogg') ? 'ogg' : 'webm');
      files.consentLabel = 'recorded with the microphone';
      recordButton.textContent = 'Record again';
      recordButton.classList.remove('recording');
      showRecorded();
      announce('Recording stopped.');
    });
    recorder.start();
    recordButton.textContent = 'Stop recording';
    recordButton.classList.add('recording');
    replace(status, message('info', 'Recording… say the sentence above, then press "Stop recording" (it stops by itself after 15 seconds).'));
    stopTimer = setTimeout(() => recorder.state === 'recording' && recorder.stop(), MAX_RECORDING_MS);
  });

  upload.addEventListener('change', () => {
    const file = upload.files[0];
    if (!file) return;
    if (file.size > 10 * 1024 * 1024) {
      replace(status, message('error', 'The consent recording can be at most 10 MB; a few seconds of speech are enough.'));
      return;
    }
    files.consent = file;
    files.consentName = file.name;
    files.consentLabel = file.name;
    replace(status);
    showRecorded();
  });

  showRecorded();
  return makeForm([[
    field('signer-name', 'Your full name', name, 'The person giving consent for this voice.'),
    h('div', { class: 'checkbox' }, accept, h('label', { for: 'consent-accept' }, CONSENT_STATEMENT)),
    h('fieldset', {},
      h('legend', {}, 'Spoken consent'),
      h('p', {}, 'Say, in the voice being cloned: ', h('q', {}, SPOKEN_TEXT)),
      h('div', { class: 'actions' }, recordButton),
      field('consent-file', 'Or upload a recording of it', upload, 'Audio up to 10 MB.'),
      recorded),
    status,
  ], () => {
    if (recorder && recorder.state === 'recording') recorder.stop();
    state.signerName = name.value.trim();
    state.consentAccepted = accept.checked;
    const problems = [];
    if (!state.signerName) problems.push('Enter your full name.');
    if (!state.consentAccepted) problems.push('Confirm the consent statement.');
    if (!files.consent) problems.push('Record or upload your spoken consent.');
    if (problems.length) {
      replace(status, message('error', problems.join(' ')));
      (!state.signerName ? name : !state.consentAccepted ? accept : recordButton).focus();
      return;
    }
    next();
  }]);
}
