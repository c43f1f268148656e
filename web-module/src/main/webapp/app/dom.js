// Small helpers to build and update the page without a framework.

/** Creates an element: h('button', {type: 'button', onclick: f}, 'Save'). Attributes starting with "on" become listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      el.className = value;
    } else if (name in el && typeof value !== 'string') {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : value);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Tells screen-reader users about something that changed outside their focus. */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (region) {
    region.textContent = '';
    setTimeout(() => { region.textContent = message; }, 50);
  }
}

/** A labelled form field; the hint is linked with aria-describedby. */
export function field(id, label, input, hint) {
  input.id = id;
  const parts = [h('label', { for: id }, label), input];
  if (hint) {
    const hintId = id + '-hint';
    input.setAttribute('aria-describedby', hintId);
    parts.push(h('p', { class: 'hint', id: hintId }, hint));
  }
  return h('div', { class: 'field' }, parts);
}

/** A message box: kind is "error", "info" or "success". Errors are announced (role=alert). */
export function message(kind, text, ...actions) {
  return h('div', { class: 'message ' + kind, role: kind === 'error' ? 'alert' : 'status' },
    h('p', {}, text), actions.length ? h('div', { class: 'actions' }, actions) : null);
}

export function formatDate(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString();
}

export function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return '—';
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m ? `${m} min ${s} s` : `${seconds.toFixed(1)} s`;
}

export function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) return (bytes / 1024 / 1024).toFixed(1) + ' MB';
  if (bytes >= 1024) return Math.round(bytes / 1024) + ' kB';
  return bytes + ' bytes';
}
