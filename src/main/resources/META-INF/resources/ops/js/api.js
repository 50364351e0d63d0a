// The console's API client: the operator's tokens in sessionStorage only (never localStorage, never a cookie),
// problem+json answers as ProblemError, and the live feed read with fetch so that it carries the Authorization
// header (EventSource cannot, and a token never goes into a URL).
const KEY = 'hpf.ops.session';

export class ProblemError extends Error {
  constructor(status, code, title, detail) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail;
  }
}

const signedOutListeners = new Set();

export const session = {
  get() {
    try {
      return JSON.parse(sessionStorage.getItem(KEY));
    } catch (e) {
      return null;
    }
  },
  set(tokens) {
    sessionStorage.setItem(KEY, JSON.stringify({
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: Date.now() + tokens.expiresIn * 1000,
    }));
  },
  clear() {
    sessionStorage.removeItem(KEY);
  },
  onSignedOut(listener) {
    signedOutListeners.add(listener);
    return () => signedOutListeners.delete(listener);
  },
};

function signedOut() {
  session.clear();
  for (const listener of signedOutListeners) {
    listener();
  }
}

async function problem(response) {
  let body = {};
  try {
    body = await response.json();
  } catch (e) {
    // not JSON: the status alone says what happened
  }
  return new ProblemError(response.status, body.code || null, body.title || response.statusText, body.detail || null);
}

// One refresh at a time: refresh tokens are single use, and presenting a used one again revokes the session.
let refreshing = null;

function refresh() {
  if (!refreshing) {
    const current = session.get();
    refreshing = (async () => {
      if (!current || !current.refreshToken) {
        return false;
      }
      const response = await fetch('/v1/auth/refresh', {method: 'POST',
        headers: {'Content-Type': 'application/json', Accept: 'application/json'},
        body: JSON.stringify({refreshToken: current.refreshToken})});
      if (!response.ok) {
        return false;
      }
      session.set(await response.json());
      return true;
    })().catch(() => false).finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

/** A token that expires within the next 30 s is refreshed first rather than sent to fail. */
async function token() {
  const current = session.get();
  if (current && current.expiresAt - Date.now() < 30_000) {
    await refresh();
  }
  const fresh = session.get();
  return fresh ? fresh.accessToken : null;
}

async function send(method, path, body, options = {}, retried = false) {
  const headers = {Accept: 'application/json'};
  const bearer = await token();
  if (bearer) {
    headers.Authorization = `Bearer ${bearer}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (options.idempotencyKey) {
    headers['Idempotency-Key'] = options.idempotencyKey;
  }
  const response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    signal: options.signal});
  if (response.status === 401 && bearer && !retried) {
    if (await refresh()) {
      return send(method, path, body, options, true);
    }
    signedOut();
  }
  if (!response.ok) {
    throw await problem(response);
  }
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/**
 * Server-Sent Events over fetch: calls onEvent with each event's parsed data; reconnects after a drop (status
 * 'reconnecting', then 'live') until signal aborts.
 */
async function stream(path, onEvent, signal, onStatus = () => {}) {
  while (!signal.aborted) {
    try {
      const bearer = await token();
      const response = await fetch(path, {headers: {Accept: 'text/event-stream', Authorization: `Bearer ${bearer}`},
        signal, cache: 'no-store'});
      if (response.status === 401) {
        if (!(await refresh())) {
          signedOut();
          return;
        }
        continue;
      }
      if (!response.ok) {
        throw await problem(response);
      }
      onStatus('live');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const {value, done} = await reader.read();
        if (done) {
          break;
        }
        buffer += value;
        let end;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          const data = block.split(/\r?\n/).filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).replace(/^ /, '')).join('\n');
          if (data) {
            try {
              onEvent(JSON.parse(data));
            } catch (e) {
              // a malformed event is skipped; the next one comes in seconds
            }
          }
        }
      }
    } catch (e) {
      if (signal.aborted) {
        return;
      }
    }
    onStatus('reconnecting');
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 2000);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, {once: true});
    });
  }
}

export const api = {
  get: (path, options) => send('GET', path, undefined, options),
  post: (path, body, options) => send('POST', path, body, options),
  del: (path, options) => send('DELETE', path, undefined, options),
  stream,
};
