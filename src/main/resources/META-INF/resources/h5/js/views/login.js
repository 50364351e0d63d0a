// Sign-in. The sandbox's password login is shown where the deployment has it; the production sign-in (the centre's
// identity provider, PKCE) is rendered by provider-sign-in.js into its own container.
import {addStrings} from '../i18n.js';
import {el, field} from '../dom.js';
import {ProblemError} from '../api.js';
import {renderProviderSignIn} from './provider-sign-in.js';

addStrings({
  zh: {
    'login.title': '登录',
    'login.sandbox': '体验环境密码登录',
    'login.sandboxNote': '这是体验（沙箱）环境：用演示会员号和密码登录，不涉及真实资金。',
    'login.memberNo': '会员号',
    'login.password': '密码',
    'login.submit': '登录',
    'login.working': '正在登录…',
  },
  en: {
    'login.title': 'Sign in',
    'login.sandbox': 'Sandbox password sign-in',
    'login.sandboxNote': 'This is the sandbox: sign in with a demo member number and password; no real money moves.',
    'login.memberNo': 'Member number',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.working': 'Signing in…',
  },
});

export default async function render(root, ctx) {
  const {t, api, session, navigate, params} = ctx;
  const next = ctx.safeNext(params.get('next'));
  if (session.signedIn) {
    navigate(next, {replace: true});
    return;
  }
  const provider = el('div', {class: 'provider-sign-in'});
  root.replaceChildren(el('h1', {}, t('login.title')), provider);
  let options = {sandboxPassword: false, identityProvider: null};
  try {
    options = await api.get('/v1/auth/sign-in-options');
  } catch (e) {
    root.append(el('p', {class: 'error', role: 'alert'}, e instanceof ProblemError ? e.detail : t('api.unexpected')));
  }
  await renderProviderSignIn(provider, Object.assign({}, ctx, {signInOptions: options, next}));
  if (!options.sandboxPassword) {
    return;
  }
  const memberNo = el('input', {type: 'text', inputmode: 'numeric', autocomplete: 'username', required: true,
    maxlength: '32'});
  const password = el('input', {type: 'password', autocomplete: 'current-password', required: true,
    maxlength: '128'});
  const error = el('p', {class: 'error', role: 'alert', hidden: true});
  const submit = el('button', {type: 'submit', class: 'primary'}, t('login.submit'));
  const form = el('form', {class: 'card', 'aria-labelledby': 'login-sandbox', novalidate: true},
    el('h2', {id: 'login-sandbox'}, t('login.sandbox')),
    el('p', {class: 'note'}, t('login.sandboxNote')),
    field('login-member', t('login.memberNo'), memberNo),
    field('login-password', t('login.password'), password),
    error, submit);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    submit.textContent = t('login.working');
    try {
      const tokens = await api.post('/v1/auth/token',
        {memberNo: memberNo.value.trim(), password: password.value, channel: 'APP'}, {noRefresh: true});
      session.save(tokens, {memberNo: memberNo.value.trim()});
      navigate(next, {replace: true});
    } catch (err) {
      error.textContent = err instanceof ProblemError ? err.detail : t('api.unexpected');
      error.hidden = false;
      submit.disabled = false;
      submit.textContent = t('login.submit');
    }
  });
  root.append(form);
}
