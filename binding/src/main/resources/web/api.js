// Calls to the REST API with the optional API token: asked for once (on the first 401) and kept in localStorage.
import { t } from './i18n.js';

const KEY = 'chargepriority.token';
let prompt = null;

export function token() {
  return localStorage.getItem(KEY) || '';
}

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.detail) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** Fetches a path relative to the dashboard (e.g. "api/status") and returns the parsed JSON. */
export async function api(path, { method = 'GET', body } = {}) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const headers = { Accept: 'application/json' };
    const tok = token();
    if (tok) {
      headers.Authorization = `Bearer ${tok}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    if (res.status === 401) {
      await askForToken(attempt > 0);
      continue;
    }
    const data = await res.json().catch(() => null);
    if (!res.ok) {
      throw new ApiError(res.status, data);
    }
    return data;
  }
  throw new ApiError(401, { detail: t('tokenWrong') });
}

/** Shows the token dialog (once, however many requests are waiting) and resolves when a token is saved. */
export function askForToken(wasWrong = false) {
  if (prompt) {
    return prompt;
  }
  const dialog = document.getElementById('token-dialog');
  const form = document.getElementById('token-form');
  const input = document.getElementById('token-input');
  document.getElementById('token-message').textContent = wasWrong || token() ? t('tokenWrong') : '';
  input.value = '';
  prompt = new Promise((resolve) => {
    const done = (event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (!value) {
        return;
      }
      localStorage.setItem(KEY, value);
      form.removeEventListener('submit', done);
      dialog.close();
      prompt = null;
      resolve();
    };
    form.addEventListener('submit', done);
    // The API cannot be used without the token: Escape does not dismiss the question.
    dialog.oncancel = (event) => event.preventDefault();
  });
  if (typeof dialog.showModal === 'function') {
    dialog.showModal();
  } else {
    dialog.setAttribute('open', '');
  }
  input.focus();
  return prompt;
}
