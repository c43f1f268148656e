// Talking to the VoxClone API. The API key lives only in this tab's sessionStorage and travels in a header,
// never in a URL, so it does not end up in browser history or server logs. After a sign-in with a company
// account there is no key: the browser sends the session cookie (HttpOnly, so no script here can read it).

const KEY_STORAGE = 'voxclone.apiKey';
// Sent with every call: the server refuses session calls that change something without it, which keeps other
// sites from acting with the session cookie.
const CLIENT_HEADER = 'X-VoxClone-Client';
export const ONBOARDING = '/api/public/voice/onboarding';
export const VOICES = '/api/public/voice/voices';

export function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function rememberKey(key) {
  sessionStorage.setItem(KEY_STORAGE, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY_STORAGE);
}

/** An API answer that was not a success, with a message a person can act on. */
export class ApiError extends Error {
  constructor(status, message, fieldErrors = []) {
    super(message);
    this.status = status;
    this.fieldErrors = fieldErrors;
  }
}

/** What to tell the user when the server answered with an error and no explanation of its own. */
function plainMessage(status) {
  if (status === 401) return 'You are no longer signed in. Sign in again.';
  if (status === 403) return 'This part of VoxClone is for administrators only.';
  if (status === 404) return 'That item no longer exists. It may have been deleted.';
  if (status === 413) return 'The file is too large for the service.';
  if (status === 429) return 'Too many requests at once. Wait a moment, then try again.';
  if (status === 503) return 'VoxClone is busy right now. Nothing was kept; try again in a minute.';
  if (status >= 500) return 'The service had a problem handling this request. Try again in a moment.';
  return 'The request was not accepted (code ' + status + ').';
}

async function failure(response) {
  let detail = null;
  let errors = [];
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      const body = await response.json();
      detail = body.detail || body.title || null;
      errors = Array.isArray(body.errors) ? body.errors : [];
    } catch (ignored) {
      // an unreadable body: fall back to the plain message below
    }
  }
  return new ApiError(response.status, detail || plainMessage(response.status), errors);
}

function headers(extra = {}) {
  const h = { ...extra, [CLIENT_HEADER]: 'portal' };
  const key = apiKey();
  if (key) h['Authorization'] = 'Bearer ' + key;
  return h;
}

/** Sends a request and returns the Response; throws ApiError for error answers and for network failures. */
export async function request(path, { method = 'GET', json, body, accept, signal } = {}) {
  const extra = {};
  if (json !== undefined) {
    extra['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  if (accept) extra['Accept'] = accept;
  let response;
  try {
    response = await fetch(path, { method, headers: headers(extra), body, signal, cache: 'no-store' });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'VoxClone could not be reached. Check your network connection and try again.');
  }
  if (!response.ok) throw await failure(response);
  return response;
}

/** How one can sign in here: { companyAccount, apiKey, signedIn } (signedIn: this browser has a session). */
export function signInOptions() {
  return call('/api/auth/options');
}

/** Ends the company-account session; resolves to the identity provider's sign-out page, or null. */
export async function endSession() {
  const answer = await call('/api/auth/sign-out', { method: 'POST' });
  return answer && answer.endSessionUrl;
}

/** GET/POST/... answering JSON (or nothing, for 204). */
export async function call(path, options = {}) {
  const response = await request(path, options);
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/** Fetches audio that needs the API key and returns an object URL an <audio> element can play. */
export async function audioUrl(path, options = {}) {
  const response = await request(path, options);
  return URL.createObjectURL(await response.blob());
}

/**
 * Follows a Server-Sent Event stream with fetch(), because EventSource cannot send the Authorization header.
 * Calls onEvent(name, data) per event. Resolves when the server closes the stream, rejects when it breaks.
 */
export async function followEvents(path, onEvent, signal) {
  const response = await request(path, { accept: 'text/event-stream', signal });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      dispatch(block, onEvent);
    }
  }
}

/** One event block of text/event-stream: "event:" names it, "data:" lines are joined, comments are skipped. */
export function dispatch(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const fieldName = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (fieldName === 'event') name = value;
    else if (fieldName === 'data') data.push(value);
  }
  if (data.length) onEvent(name, data.join('\n'));
}

/**
 * Follows a job until it is completed or failed: its event stream first, then, when the stream drops, the status
 * endpoint every 2 seconds. Calls onUpdate(job, via) with each state ("stream" or "polling"), onLost() while the
 * service cannot be reached, onGone() when the job no longer exists. Returns a function that stops following.
 */
export function watchJob(jobId, onUpdate, { onLost = () => {}, onGone = () => {} } = {}) {
  const base = `${ONBOARDING}/jobs/${jobId}`;
  const controller = new AbortController();
  let finished = false;
  let timer = null;
  const stop = () => { finished = true; controller.abort(); clearTimeout(timer); };
  const update = (job, via) => {
    if (finished) return;
    if (job.status === 'completed' || job.status === 'failed') stop();
    onUpdate(job, via);
  };
  const poll = async () => {
    if (finished) return;
    try {
      update(await call(`${base}/status`), 'polling');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        stop();
        onGone();
        return;
      }
      onLost(e);
    }
    if (!finished) timer = setTimeout(poll, 2000);
  };
  followEvents(`${base}/events`, (name, data) => {
    if (name === 'status') update(JSON.parse(data), 'stream');
  }, controller.signal).then(() => poll(), (e) => {
    if (e.name !== 'AbortError') poll();
  });
  return stop;
}
