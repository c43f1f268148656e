// The voice settings form, shared by the wizard and the voice library. Ranges and defaults match the API.
import { h, field } from './dom.js';

export const SETTINGS = [
  { name: 'exaggeration', label: 'Expressiveness', min: 0.25, max: 2, step: 0.05, value: 0.5,
    hint: 'How lively the intonation is: low is calm and even, high is animated.' },
  { name: 'cfgWeight', label: 'Faithfulness (CFG weight)', min: 0.5, max: 3, step: 0.1, value: 0.5,
    hint: 'How closely speech follows the text and the voice: higher is stricter, lower is more natural.' },
  { name: 'chunkSize', label: 'Chunk size', min: 512, max: 4096, step: 512, value: 2048,
    hint: 'Audio samples sent at a time when streaming: smaller starts sooner, larger is smoother.' },
  { name: 'temperature', label: 'Variation (temperature)', min: 0.05, max: 5, step: 0.05, value: 0.8, advanced: true,
    hint: 'How much the delivery varies from one rendering to the next.' },
  { name: 'speed', label: 'Speaking rate', min: 0.5, max: 2, step: 0.05, value: 1, advanced: true,
    hint: '1 is the normal pace of the voice; 2 is twice as fast, 0.5 half as fast.' },
];

export function defaultSettings() {
  return Object.fromEntries(SETTINGS.map(s => [s.name, s.value]));
}

/**
 * Builds the settings fields (a slider with a number box per setting, advanced ones folded away).
 * Returns {element, read}: read() gives {values, errors} with a plain-words error per out-of-range setting.
 */
export function settingsForm(prefix, values = {}) {
  const inputs = {};
  const row = (s) => {
    const current = values[s.name] ?? s.value;
    const number = h('input', { type: 'number', min: s.min, max: s.max, step: s.step, value: current, inputmode: 'decimal' });
    const slider = h('input', { type: 'range', min: s.min, max: s.max, step: s.step, value: current,
      'aria-label': s.label + ' slider', tabindex: -1 });
    slider.addEventListener('input', () => { number.value = slider.value; });
    number.addEventListener('input', () => { if (number.value !== '') slider.value = number.value; });
    inputs[s.name] = number;
    const wrapper = field(`${prefix}-${s.name}`, `${s.label} (${s.min}–${s.max}, default ${s.value})`, number, s.hint);
    wrapper.classList.add('setting');
    wrapper.insertBefore(slider, number.nextSibling);
    return wrapper;
  };
  const seed = h('input', { type: 'number', step: 1, min: 0, value: values.seed ?? '' });
  const element = h('div', { class: 'settings' },
    SETTINGS.filter(s => !s.advanced).map(row),
    h('details', { class: 'advanced', open: SETTINGS.some(s => s.advanced && values[s.name] !== undefined && values[s.name] !== s.value) || undefined },
      h('summary', {}, 'Advanced settings'),
      SETTINGS.filter(s => s.advanced).map(row),
      field(`${prefix}-seed`, 'Seed (optional)', seed, 'A whole number makes the same text sound exactly the same every time.')));
  const read = () => {
    const result = {};
    const errors = [];
    for (const s of SETTINGS) {
      const value = Number(inputs[s.name].value);
      if (inputs[s.name].value === '' || !Number.isFinite(value) || value < s.min || value > s.max) {
        errors.push({ field: s.name, message: `${s.label} must be a number from ${s.min} to ${s.max}.` });
        inputs[s.name].setAttribute('aria-invalid', 'true');
      } else {
        inputs[s.name].removeAttribute('aria-invalid');
        result[s.name] = s.name === 'chunkSize' ? Math.round(value) : value;
      }
    }
    if (seed.value !== '') {
      if (!/^\d+$/.test(seed.value)) errors.push({ field: 'seed', message: 'The seed must be a whole number of 0 or more.' });
      else result.seed = Number(seed.value);
    }
    return { values: result, errors, focus: () => (inputs[errors[0]?.field] || seed).focus() };
  };
  return { element, read };
}
