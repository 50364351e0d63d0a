// /h5/signed-in: where the identity provider sends the member back (the OIDC redirect). Checks the state, exchanges
// the code with the PKCE verifier, keeps the provider's access token for this tab, proves it with a call to the API
// and goes on to where she was going. The code leaves the address bar at once.
import {addStrings} from '../i18n.js';
import {session} from '../api.js';
import {el, problemText, title} from './parts.js';
import {exchange} from './provider-sign-in.js';

addStrings({
  zh: {
    'signedIn.title': '正在登录',
    'signedIn.wait': '正在完成登录，请稍候…',
    'signedIn.failed': '登录未完成',
    'signedIn.state': '登录请求已失效或不是从本页面发起的，请重新登录。',
    'signedIn.denied': '您在统一身份认证处取消了登录。',
    'signedIn.exchange': '统一身份认证未能完成登录，请重新登录。',
    'signedIn.again': '重新登录',
  },
  en: {
    'signedIn.title': 'Signing in',
    'signedIn.wait': 'Finishing your sign-in…',
    'signedIn.failed': 'Not signed in',
    'signedIn.state': 'This sign-in has expired or was not started from this page. Please sign in again.',
    'signedIn.denied': 'You cancelled the sign-in at the identity provider.',
    'signedIn.exchange': 'The identity provider could not finish the sign-in. Please sign in again.',
    'signedIn.again': 'Sign in again',
  },
});

export default async function render(root, ctx) {
  const {api, t} = ctx;
  title(t('signedIn.title'), t);
  const params = new URLSearchParams(location.search);
  // The code is single use and worth nothing once exchanged, but it has no business in the history either.
  history.replaceState(history.state, '', '/h5/signed-in');
  const status = el('p', {role: 'status', id: 'signed-in-status', text: t('signedIn.wait')});
  root.replaceChildren(el('h1', {text: t('signedIn.title')}), status);
  let signed;
  try {
    signed = await exchange(params);
  } catch (err) {
    return fail(root, ctx, t('signedIn.' + (['state', 'denied', 'exchange'].includes(err.message)
      ? err.message : 'exchange')));
  }
  // The provider's access token is this tab's bearer token; no refresh token is kept in a page: when it expires,
  // she signs in at the provider again (usually without typing anything, her session there still open).
  session.save({accessToken: signed.accessToken, refreshToken: null, expiresIn: signed.expiresIn},
    {provider: true});
  try {
    await api.get('/v1/me/account', {noRefresh: true});
  } catch (err) {
    session.clear();
    return fail(root, ctx, problemText(err, t));
  }
  ctx.navigate(signed.next);
}

function fail(root, ctx, text) {
  const {t} = ctx;
  const again = el('button', {type: 'button', class: 'primary', id: 'signed-in-again', text: t('signedIn.again')});
  again.addEventListener('click', () => ctx.navigate('/h5/login'));
  root.replaceChildren(el('h1', {text: t('signedIn.failed')}), el('p', {role: 'alert', id: 'signed-in-error', text}),
    again);
}
