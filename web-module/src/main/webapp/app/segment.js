// Choosing the part of a recording to learn the voice from: drag across the waveform, or type the two times.
// Both stay in step; the service checks the same limits (2 seconds to 5 minutes, inside the recording).
import { h, field, message, replace, formatDuration } from './dom.js';

export const MIN_SEGMENT = 2;
export const MAX_SEGMENT = 300;

/**
 * options: { id, seconds (length, if known), samples (for the waveform, optional), audio (a player to preview with,
 * optional), segment ({start, end} or null) }. Returns { element, read }: read() gives { segment, error, focus }.
 */
export function segmentPicker({ id, seconds, samples, audio, segment }) {
  const known = Number.isFinite(seconds) && seconds > 0;
  const bound = (value) => Math.round(value * 10) / 10;
  const start = h('input', { type: 'number', min: 0, step: 0.1, inputmode: 'decimal', max: known ? bound(seconds) : null,
    value: segment ? segment.start : '' });
  const end = h('input', { type: 'number', min: 0, step: 0.1, inputmode: 'decimal', max: known ? bound(seconds) : null,
    value: segment ? segment.end : '' });
  const status = h('p', { class: 'hint', id: id + '-length', 'aria-live': 'polite' });
  const problem = h('div');
  const canvas = samples ? h('canvas', { class: 'waveform selectable', width: 800, height: 100, role: 'img',
    'aria-label': 'Waveform of your recording; drag across it to choose the part to use, or type the times below' }) : null;

  const current = () => {
    const from = start.value === '' ? 0 : Number(start.value);
    const to = end.value === '' ? (known ? seconds : NaN) : Number(end.value);
    return { from, to, whole: start.value === '' && end.value === '' };
  };

  const check = () => {
    const { from, to, whole } = current();
    if (whole) return null;
    if (!Number.isFinite(from) || from < 0) return { text: 'The start must be a number of seconds from 0.', input: start };
    if (end.value !== '' && !Number.isFinite(to)) return { text: 'The end must be a number of seconds.', input: end };
    if (known && from >= seconds) return { text: `The start must be before the end of the recording (${formatDuration(seconds)}).`, input: start };
    if (known && to > seconds + 0.1) return { text: `The end can be at most ${bound(seconds)} seconds, the length of the recording.`, input: end };
    if (Number.isFinite(to) && to - from < MIN_SEGMENT) return { text: `The chosen part must be at least ${MIN_SEGMENT} seconds long.`, input: end };
    if (Number.isFinite(to) && to - from > MAX_SEGMENT) return { text: 'The chosen part can be at most 5 minutes long.', input: end };
    return null;
  };

  const update = () => {
    const { from, to, whole } = current();
    const error = check();
    replace(problem, error ? message('error', error.text) : null);
    status.textContent = whole ? 'The whole recording is used.'
      : Number.isFinite(to) ? `Using ${formatDuration(to - from)}, from ${from.toFixed(1)} s to ${to.toFixed(1)} s.`
        : `Using the recording from ${from.toFixed(1)} s to its end.`;
    if (canvas) draw(canvas, samples, whole || error ? null : { from: from / seconds, to: (Number.isFinite(to) ? to : seconds) / seconds });
  };

  if (canvas) {
    // Pointer drags choose a range; a click without a drag leaves the choice as it was.
    let anchor = null;
    const at = (event) => {
      const box = canvas.getBoundingClientRect();
      return Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)) * seconds;
    };
    canvas.addEventListener('pointerdown', (event) => {
      anchor = at(event);
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener('pointermove', (event) => {
      if (anchor === null) return;
      const here = at(event);
      if (Math.abs(here - anchor) < 0.05) return;
      start.value = bound(Math.min(anchor, here)).toFixed(1);
      end.value = bound(Math.max(anchor, here)).toFixed(1);
      update();
    });
    const release = () => { anchor = null; };
    canvas.addEventListener('pointerup', release);
    canvas.addEventListener('pointercancel', release);
  }
  start.addEventListener('input', update);
  end.addEventListener('input', update);

  const actions = [h('button', { type: 'button', class: 'secondary', onclick: () => {
    start.value = '';
    end.value = '';
    update();
    start.focus();
  } }, 'Use the whole recording')];
  if (audio) {
    let stopAt = null;
    audio.addEventListener('timeupdate', () => {
      if (stopAt !== null && audio.currentTime >= stopAt) {
        audio.pause();
        stopAt = null;
      }
    });
    actions.unshift(h('button', { type: 'button', class: 'secondary', onclick: () => {
      const { from, to } = current();
      audio.currentTime = Number.isFinite(from) ? from : 0;
      stopAt = Number.isFinite(to) ? to : null;
      audio.play().catch(() => { /* the browser refused to play without a gesture; the controls still work */ });
    } }, 'Play the chosen part'));
  }

  const element = h('fieldset', { class: 'segment' },
    h('legend', {}, 'Part of the recording to use'),
    h('p', { class: 'hint' }, known
      ? 'Leave both empty to use the whole recording. Choose a part where only the voice you want speaks, without music: at least 2 seconds, at most 5 minutes.'
      : 'Optional: the part of the recording to use, in seconds from its start. Leave both empty to use all of it.'),
    canvas,
    h('div', { class: 'segment-times' },
      field(id + '-start', 'From (seconds)', start),
      field(id + '-end', 'To (seconds)', end)),
    status, h('div', { class: 'actions' }, actions), problem);
  start.setAttribute('aria-describedby', id + '-length');
  end.setAttribute('aria-describedby', id + '-length');
  update();

  return {
    element,
    read() {
      const error = check();
      if (error) return { error: error.text, focus: () => error.input.focus() };
      const { from, to, whole } = current();
      if (whole) return { segment: null };
      return { segment: { start: bound(from), end: Number.isFinite(to) ? bound(to) : null } };
    },
  };
}

/** The segment as form fields for the API; nothing for the whole recording. */
export function segmentFields(segment) {
  if (!segment) return {};
  const fields = { segmentStart: segment.start };
  if (segment.end !== null && segment.end !== undefined) fields.segmentEnd = segment.end;
  return fields;
}

export function describeSegment(segment) {
  if (!segment) return 'the whole recording';
  return segment.end === null || segment.end === undefined ? `from ${segment.start} s to the end`
    : `from ${segment.start} s to ${segment.end} s (${formatDuration(segment.end - segment.start)})`;
}

function draw(canvas, samples, selection) {
  const g = canvas.getContext('2d');
  const { width, height } = canvas;
  g.clearRect(0, 0, width, height);
  if (selection) {
    g.fillStyle = 'rgba(29, 79, 145, 0.18)';
    g.fillRect(selection.from * width, 0, (selection.to - selection.from) * width, height);
  }
  const per = Math.max(1, Math.floor(samples.length / width));
  for (let x = 0; x < width; x++) {
    let peak = 0;
    for (let i = x * per; i < (x + 1) * per && i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]));
    const bar = Math.max(1, peak * height);
    const inside = !selection || (x >= selection.from * width && x <= selection.to * width);
    g.fillStyle = inside ? '#1d4f91' : '#8a94a3';
    g.fillRect(x, (height - bar) / 2, 1, bar);
  }
}
