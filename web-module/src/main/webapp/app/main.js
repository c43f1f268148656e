// The portal's entry point: sign-in (API key, or a company account when the server offers it), sign-out and the
// three pages (new voice, my voices, administration).
import { h, replace, field, message, announce } from './dom.js';
import { apiKey, rememberKey, forgetKey, call, signInOptions, endSession, ApiError } from './api.js';
import { showWizard } from './wizard.js';
import { showVoices } from './voices.js';
import { showAdmin } from './admin.js';
import { consentPolicy } from './consent.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let account = null;
// 'key' (API key in this tab) or 'session' (company account, session cookie).
let signedInWith = null;
let options = { companyAccount: false, signedIn: false };
let leavePage = () => {};
// Set just before leaving for the identity provider's sign-out page, so the portal can say so on return.
const SIGNED_OUT_FLAG = 'voxclone.signedOut';

// Why a company sign-in did not work, from the server's redirect back to the portal (?sign-in-error=...).
const SIGN_IN_ERRORS = {
  'no-role': 'Your company account is not in a group that may use VoxClone. Ask your administrator to give you access, then sign in again.',
  cancelled: 'The sign-in with your company account was cancelled. You can try again.',
  expired: 'The sign-in took too long or was started in another browser window. Please try again.',
  disabled: 'Your VoxClone account has been disabled. Ask your administrator if you need access again.',
  failed: 'Signing in with your company account did not work. Please try again in a moment; if it keeps failing, tell your administrator.',
};

const PAGES = {
  wizard: { title: 'New voice', show: showWizard },
  voices: { title: 'My voices', show: showVoices },
  admin: { title: 'Administration', show: showAdmin, adminOnly: true },
};

async function signIn(key) {
  rememberKey(key);
  try {
    account = await call('/api/public/account');
    signedInWith = 'key';
  } catch (e) {
    forgetKey();
    throw e;
  }
}

async function signOut() {
  leavePage();
  leavePage = () => {};
  const wasSession = signedInWith === 'session';
  forgetKey();
  account = null;
  signedInWith = null;
  location.hash = '';
  if (wasSession) {
    let providerSignOut = null;
    try {
      providerSignOut = await endSession();
    } catch (e) {
      render(null, 'You are signed out of VoxClone, but the server could not be told. Close the browser to be sure.');
      return;
    }
    if (providerSignOut) {
      sessionStorage.setItem(SIGNED_OUT_FLAG, '1');
      location.assign(providerSignOut);
      return;
    }
  }
  render(null, 'You are signed out.');
  announce('You are signed out.');
}

/** The company-account part of the sign-in page, when the server offers it. */
function companySignIn() {
  if (!options.companyAccount) return null;
  return h('section', { class: 'sign-in-option', 'aria-labelledby': 'company-sign-in-title' },
    h('h2', { id: 'company-sign-in-title' }, 'Company account'),
    h('p', {}, 'Use the account you sign in to other company services with.'),
    h('div', { class: 'actions' },
      h('a', { class: 'button', id: 'company-sign-in', href: '/api/auth/oidc/login' }, 'Sign in with your company account')));
}

function signInPage(problem, notice) {
  const keyInput = h('input', { type: 'password', autocomplete: 'off', required: true, spellcheck: false });
  const status = h('div');
  const company = companySignIn();
  const form = h('form', { 'aria-labelledby': company ? 'api-key-title' : null },
    company ? h('h2', { id: 'api-key-title' }, 'API key') : null,
    h('p', {}, (company ? 'Or sign in' : 'Sign in') + ' with the API key your administrator gave you. It is kept only in this browser tab until you sign out or close it.'),
    field('api-key', 'API key', keyInput),
    status,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: company ? 'secondary' : null }, 'Sign in')));
  const card = h('div', { class: 'card narrow' }, h('h1', { id: 'sign-in-title' }, 'Sign in'), company, form);
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
  replace(main, problem ? message('error', problem) : null, notice ? message('info', notice) : null, card);
  (company ? card.querySelector('#company-sign-in') : keyInput).focus();
}

function currentPage() {
  const name = (location.hash.match(/^#\/(\w+)/) || [])[1];
  const page = PAGES[name] ? name : 'wizard';
  return PAGES[page].adminOnly && account.role !== 'admin' ? 'wizard' : page;
}

async function render(problem, notice) {
  leavePage();
  leavePage = () => {};
  const signedIn = account !== null;
  nav.hidden = !signedIn;
  document.getElementById('sign-out').hidden = !signedIn;
  const who = document.getElementById('who');
  who.hidden = !signedIn;
  if (!signedIn) {
    document.getElementById('consent-off').hidden = true;
    document.title = 'Sign in · VoxClone';
    signInPage(problem, notice);
    return;
  }
  who.textContent = `${account.name} (${account.role})`;
  // An installation that clones without verified consent says so on every page.
  consentPolicy().then((p) => { document.getElementById('consent-off').hidden = p.policy !== 'off'; }).catch(() => {});
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
  const wasSession = signedInWith === 'session';
  forgetKey();
  account = null;
  signedInWith = null;
  leavePage();
  leavePage = () => {};
  nav.hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('who').hidden = true;
  signInPage(wasSession ? 'Your session has ended. Sign in again.'
    : 'Your API key is no longer accepted (it may have been revoked). Sign in again.');
}

/** What the server's redirect back from a company sign-in, or the provider's sign-out, left to say. */
function arrivalMessages() {
  const params = new URLSearchParams(location.search);
  const code = params.get('sign-in-error');
  const problem = code === null ? null : SIGN_IN_ERRORS[code] || SIGN_IN_ERRORS.failed;
  if (location.search) history.replaceState(null, '', location.pathname + location.hash);
  const notice = sessionStorage.getItem(SIGNED_OUT_FLAG) ? 'You are signed out.' : null;
  sessionStorage.removeItem(SIGNED_OUT_FLAG);
  return { problem, notice };
}

document.getElementById('sign-out').addEventListener('click', signOut);
window.addEventListener('hashchange', () => {
  if (account) {
    render();
    main.focus();
  }
});

(async () => {
  const { problem, notice } = arrivalMessages();
  try {
    options = await signInOptions();
  } catch (e) {
    // The sign-in page still offers the API key; the key check will report an unreachable server.
  }
  const saved = apiKey();
  if (saved) {
    try {
      await signIn(saved);
    } catch (e) {
      account = null;
    }
  } else if (options.signedIn) {
    try {
      account = await call('/api/public/account');
      signedInWith = 'session';
    } catch (e) {
      account = null;
    }
  }
  render(problem, notice);
  if (notice) announce(notice);
})();
