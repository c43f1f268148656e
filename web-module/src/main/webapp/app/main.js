// The portal's entry point: sign-in, sign-out and the three pages (new voice, my voices, administration).
import { h, replace, field, message, announce } from './dom.js';
import { apiKey, rememberKey, forgetKey, call, ApiError } from './api.js';
import { showWizard } from './wizard.js';
import { showVoices } from './voices.js';
import { showAdmin } from './admin.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let account = null;
let leavePage = () => {};

const PAGES = {
  wizard: { title: 'New voice', show: showWizard },
  voices: { title: 'My voices', show: showVoices },
  admin: { title: 'Administration', show: showAdmin, adminOnly: true },
};

async function signIn(key) {
  rememberKey(key);
  try {
    account = await call('/api/public/account');
  } catch (e) {
    forgetKey();
    throw e;
  }
}

function signOut() {
  leavePage();
  forgetKey();
  account = null;
  location.hash = '';
  render();
  announce('You are signed out.');
}

function signInPage(problem) {
  const keyInput = h('input', { type: 'password', autocomplete: 'off', required: true, spellcheck: false });
  const status = h('div');
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    h('p', {}, 'Sign in with the API key your administrator gave you. It is kept only in this browser tab until you sign out or close it.'),
    field('api-key', 'API key', keyInput),
    status,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Sign in')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = keyInput.value.trim();
    if (!key) {
      replace(status, message('error', 'Enter your API key.'));
      keyInput.focus();
      return;
    }
    replace(status, message('info', 'Checking your key…'));
    try {
      await signIn(key);
      if (!location.hash || location.hash === '#') location.hash = '#/wizard';
      render();
    } catch (e) {
      replace(status, message('error', e instanceof ApiError && e.status === 401
        ? 'This API key was not accepted. Check that you copied all of it, or ask your administrator for a new one.'
        : e.message));
      keyInput.focus();
    }
  });
  replace(main, problem ? message('error', problem) : null, form);
  keyInput.focus();
}

function currentPage() {
  const name = (location.hash.match(/^#\/(\w+)/) || [])[1];
  const page = PAGES[name] ? name : 'wizard';
  return PAGES[page].adminOnly && account.role !== 'admin' ? 'wizard' : page;
}

async function render() {
  leavePage();
  leavePage = () => {};
  const signedIn = account !== null;
  nav.hidden = !signedIn;
  document.getElementById('sign-out').hidden = !signedIn;
  const who = document.getElementById('who');
  who.hidden = !signedIn;
  if (!signedIn) {
    document.title = 'Sign in · VoxClone';
    signInPage();
    return;
  }
  who.textContent = `${account.name} (${account.role})`;
  document.getElementById('nav-admin').hidden = account.role !== 'admin';
  const page = currentPage();
  for (const link of nav.querySelectorAll('a')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = PAGES[page].title + ' · VoxClone';
  replace(main);
  leavePage = PAGES[page].show(main, account, { onUnauthorized: expired }) || (() => {});
}

function expired() {
  forgetKey();
  account = null;
  leavePage();
  leavePage = () => {};
  nav.hidden = true;
  signInPage('Your API key is no longer accepted (it may have been revoked). Sign in again.');
}

document.getElementById('sign-out').addEventListener('click', signOut);
window.addEventListener('hashchange', () => {
  if (account) {
    render();
    main.focus();
  }
});

(async () => {
  const saved = apiKey();
  if (saved) {
    try {
      await signIn(saved);
    } catch (e) {
      account = null;
    }
  }
  render();
})();
