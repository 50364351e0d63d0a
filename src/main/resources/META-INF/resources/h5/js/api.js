// The member page's only way to the API: JSON in and out, the bearer token from sessionStorage, problem+json
// answers as ProblemError, Idempotency-Key on request, and server-sent events read through fetch (so the token
// travels in the Authorization header, never in a URL).
import {t, getLang} from './i18n.js';

const SESSION_KEY = 'hpf.h5.session';

/** A non-2xx answer (RFC 9457 problem): views show detail, never the code. status 0: no answer at all. */
export class ProblemError extends Error {
  constructor({status = 0, code = 'UNKNOWN', title = '', detail = ''} = {}) {
    super(detail || title || code);
    this.name = 'ProblemError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail || title || t('api.unexpected');
  }
}

/** Tokens of the signed-in member, in sessionStorage only (gone with the tab). */
export const session = {
  get data() {
    try {
      return JSON.parse(sessionStorage.getItem(SESSION_KEY));
    } catch {
      return null;
    }
  },
  get signedIn() {
    return !!this.data?.accessToken;
  },
  /** Keeps a TokenResponse (accessToken, refreshToken, expiresIn) and any extra fields (e.g. memberNo). */
  save(tokens, extra = {}) {
    const kept = Object.assign({}, this.data || {}, extra, {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken || null,
      expiresAt: Date.now() + (tokens.expiresIn || 0) * 1000,
    });
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(kept));
  },
  clear() {
    sessionStorage.removeItem(SESSION_KEY);
  },
};

let onSignedOut = () => {};

/** Called once by the app: what to do when the session is over (refresh refused). */
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

function headers(extra) {
  const h = Object.assign({'Accept': 'application/json, application/problem+json', 'Accept-Language': getLang() === 'en' ? 'en' : 'zh-CN'}, extra);
  const token = session.data?.accessToken;
  if (token) {
    h['Authorization'] = 'Bearer ' + token;
  }
  return h;
}

async function problemOf(response) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    // not problem+json (a proxy's page): the status alone
  }
  return new ProblemError({
    status: response.status,
    code: body.code || 'HTTP_' + response.status,
    title: body.title || '',
    detail: body.detail || (response.status >= 500 ? t('api.unexpected') : ''),
  });
}

async function send(method, path, body, opts) {
  const extra = {};
  if (body !== undefined) {
    extra['Content-Type'] = 'application/json';
  }
  if (opts.idempotencyKey) {
    extra['Idempotency-Key'] = opts.idempotencyKey;
  }
  try {
    return await fetch(path, {
      method,
      headers: headers(extra),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal,
      cache: 'no-store',
    });
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    // The request may or may not have reached the server: only a retry with the same Idempotency-Key is safe.
    throw new ProblemError({status: 0, code: 'NETWORK', title: '', detail: t('api.network')});
  }
}

let refreshing = null;

/** One refresh at a time: concurrent 401s wait for the same new pair (a refresh token is single use). */
function refresh() {
  const refreshToken = session.data?.refreshToken;
  if (!refreshToken) {
    return Promise.resolve(false);
  }
  refreshing ??= fetch('/v1/auth/refresh', {
    method: 'POST',
    headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
    body: JSON.stringify({refreshToken}),
  }).then(async r => {
    if (!r.ok) {
      return false;
    }
    session.save(await r.json());
    return true;
  }).catch(() => false).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function request(method, path, body, opts = {}) {
  let response = await send(method, path, body, opts);
  if (response.status === 401 && session.data?.refreshToken && !opts.noRefresh) {
    if (await refresh()) {
      response = await send(method, path, body, opts);
    }
  }
  if (response.status === 401 && session.signedIn && !opts.noRefresh) {
    session.clear();
    onSignedOut();
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/** Calls an SSE route and hands each event ({event, data, id}; JSON data parsed) to onEvent until it ends. */
async function stream(path, onEvent, signal) {
  let response;
  try {
    response = await fetch(path, {headers: headers({'Accept': 'text/event-stream'}), signal, cache: 'no-store'});
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    throw new ProblemError({status: 0, code: 'NETWORK', detail: t('api.network')});
  }
  if (response.status === 401 && await refresh()) {
    return stream(path, onEvent, signal);
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = {event: 'message', data: [], id: null};
  for (;;) {
    const {value, done} = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let nl;
    while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
      if (line === '') {
        if (event.data.length) {
          const text = event.data.join('\n');
          let data = text;
          try {
            data = JSON.parse(text);
          } catch {
            // plain text event
          }
          onEvent({event: event.event, data, id: event.id});
        }
        event = {event: 'message', data: [], id: null};
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') {
          event.data.push(val);
        } else if (field === 'event') {
          event.event = val;
        } else if (field === 'id') {
          event.id = val;
        }
      }
    }
  }
}

/** A fresh idempotency key for one intended action. */
export function newKey() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  // randomUUID needs a secure context; getRandomValues does not.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}

export const api = {
  get: (path, opts) => request('GET', path, undefined, opts),
  post: (path, body, opts) => request('POST', path, body === undefined ? {} : body, opts),
  del: (path, opts) => request('DELETE', path, undefined, opts),
  stream,
};
