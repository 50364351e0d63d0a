// Production sign-in at the centre's identity provider (OpenID Connect), for a public client: the
// authorization-code flow with PKCE (S256). GET /v1/auth/sign-in-options names the provider; its discovery
// document gives the endpoints. The verifier and state wait in sessionStorage (this tab only) until the provider
// sends the member back to /h5/signed-in, which exchanges the code at the provider's token endpoint (no client
// secret: there is none in a page) and keeps the provider's access token as the session's bearer token.
import {addStrings} from '../i18n.js';
import {el, fill, alertBox, problemText, randomToken, base64Url} from './parts.js';

addStrings({
  zh: {
    'provider.button': '使用{name}登录',
    'provider.or': '或',
    'provider.hint': '跳转到{name}完成实名登录后自动返回。',
    'provider.unavailable': '暂时无法连接统一身份认证，请稍后再试。',
  },
  en: {
    'provider.button': 'Sign in with {name}',
    'provider.or': 'or',
    'provider.hint': 'You sign in at {name} and come straight back.',
    'provider.unavailable': 'The sign-in service cannot be reached right now. Please try again later.',
  },
});

/** sessionStorage key of the sign-in under way (state, verifier, endpoints): one tab, gone when it closes. */
export const PENDING_KEY = 'hpf.h5.oidc';
/** How long a sign-in may take at the provider before its state is no longer accepted. */
export const PENDING_MAX_AGE_MS = 10 * 60 * 1000;

/** BASE64URL(SHA-256(verifier)), the S256 code challenge (RFC 7636), by WebCrypto. */
export async function codeChallenge(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** The provider's discovery document, checked to be the configured issuer's (no mix-up with another provider). */
export async function discover(option) {
  const r = await fetch(option.discoveryUrl, {credentials: 'omit', headers: {Accept: 'application/json'}});
  if (!r.ok) throw new Error('discovery ' + r.status);
  const d = await r.json();
  if (d.issuer !== option.issuer || !d.authorization_endpoint || !d.token_endpoint) {
    throw new Error('discovery names another issuer or no endpoints');
  }
  return d;
}

/** The login view puts this where production sign-in goes: a button when the deployment names a provider. */
export async function renderProviderSignIn(container, ctx) {
  const {api, t} = ctx;
  // The login view has read the options already and hands them over; read them here when it did not.
  let options = ctx.signInOptions;
  if (!options) {
    try {
      options = await api.get('/v1/auth/sign-in-options');
    } catch {
      return;
    }
  }
  const idp = options && options.identityProvider;
  if (!idp) return;
  const alert = alertBox();
  const button = el('button', {type: 'button', class: 'primary', id: 'provider-sign-in',
    'aria-describedby': 'provider-hint', text: fill(t('provider.button'), {name: idp.name})});
  button.addEventListener('click', async () => {
    alert.clear();
    button.disabled = true;
    try {
      location.assign(await authorizationUrl(idp, nextPath(ctx)));
    } catch (err) {
      button.disabled = false;
      alert.show(err && err.status ? problemText(err, t) : t('provider.unavailable'));
    }
  });
  container.replaceChildren(el('div', {class: 'provider-button'}, button,
    el('p', {class: 'hint', id: 'provider-hint', text: fill(t('provider.hint'), {name: idp.name})}), alert.node,
    el('p', {class: 'or', text: t('provider.or')})));
}

/** Where to go once signed in: the page that sent her to the login (e.g. a consent screen), else home. */
function nextPath(ctx) {
  const p = ctx.params;
  const next = ctx.next || (p && typeof p.get === 'function' ? p.get('next') : p && p.next);
  // Only a path of this page: never an absolute URL someone put in the link.
  return typeof next === 'string' && /^\/h5\/[^/\\]/.test(next) ? next : '/h5/';
}

/** Prepares the state and verifier, keeps them for /h5/signed-in, and answers where to send the member. */
export async function authorizationUrl(idp, next) {
  const doc = await discover(idp);
  const verifier = randomToken(32);
  const state = randomToken(32);
  const redirectUri = location.origin + '/h5/signed-in';
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({state, verifier, redirectUri, next,
    issuer: doc.issuer, clientId: idp.clientId, tokenEndpoint: doc.token_endpoint, startedAt: Date.now()}));
  const u = new URL(doc.authorization_endpoint);
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('client_id', idp.clientId);
  u.searchParams.set('redirect_uri', redirectUri);
  u.searchParams.set('scope', idp.scopes || 'openid');
  u.searchParams.set('state', state);
  u.searchParams.set('code_challenge', await codeChallenge(verifier));
  u.searchParams.set('code_challenge_method', 'S256');
  return u.href;
}

/**
 * Back from the provider: the pending sign-in (read once and removed), checked against the answer's state, and
 * the code exchanged with its verifier. Answers the provider's token response; throws an Error whose message is
 * one of 'denied', 'state', 'exchange' (the view says it in words).
 */
export async function exchange(params) {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = raw ? JSON.parse(raw) : null;
  const state = params.get('state');
  if (!pending || !state || state !== pending.state || Date.now() - pending.startedAt > PENDING_MAX_AGE_MS) {
    throw Object.assign(new Error('state'), {next: pending && pending.next});
  }
  // RFC 9207: a provider that names itself must be the one she was sent to.
  if (params.get('iss') && params.get('iss') !== pending.issuer) throw new Error('state');
  if (params.get('error')) {
    throw Object.assign(new Error('denied'), {detail: params.get('error_description') || params.get('error')});
  }
  const code = params.get('code');
  if (!code) throw new Error('state');
  const body = new URLSearchParams({grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri,
    client_id: pending.clientId, code_verifier: pending.verifier});
  let r;
  try {
    r = await fetch(pending.tokenEndpoint, {method: 'POST', body, credentials: 'omit',
      headers: {Accept: 'application/json'}});
  } catch {
    throw new Error('exchange');
  }
  const answer = await r.json().catch(() => ({}));
  if (!r.ok || !answer.access_token || (answer.token_type && answer.token_type.toLowerCase() !== 'bearer')) {
    throw Object.assign(new Error('exchange'), {detail: answer.error_description || answer.error});
  }
  return {accessToken: answer.access_token, expiresIn: answer.expires_in, next: pending.next || '/h5/'};
}
