import {addStrings} from '../i18n.js';
import {el} from '../dom.js';

addStrings({
  zh: {
    'login.title': '运营人员登录', 'login.username': '用户名', 'login.password': '密码', 'login.submit': '登录',
    'login.busy': '正在登录…', 'login.sandbox': '沙箱环境的演示账号：ops / Ops@2026',
  },
  en: {
    'login.title': 'Operator sign-in', 'login.username': 'Username', 'login.password': 'Password',
    'login.submit': 'Sign in', 'login.busy': 'Signing in…', 'login.sandbox': 'Sandbox demo operator: ops / Ops@2026',
  },
});

export default async function render(root, ctx) {
  const {api, t, session} = ctx;
  const error = el('p', {class: 'error', role: 'alert', id: 'login-error'});
  const username = el('input', {id: 'username', name: 'username', autocomplete: 'username', required: true});
  const password = el('input', {id: 'password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true});
  const submit = el('button', {type: 'submit', id: 'login-submit', text: t('login.submit')});
  const form = el('form', {class: 'login', id: 'login-form', 'aria-labelledby': 'login-title'},
    el('h2', {id: 'login-title', text: t('login.title')}),
    el('div', {class: 'field'}, el('label', {for: 'username', text: t('login.username')}), username),
    el('div', {class: 'field'}, el('label', {for: 'password', text: t('login.password')}), password),
    submit, error, el('p', {class: 'hint', text: t('login.sandbox')}));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    submit.textContent = t('login.busy');
    try {
      const tokens = await api.post('/v1/auth/operator-token', {username: username.value.trim(),
        password: password.value});
      session.set(tokens);
      ctx.navigate('console');
    } catch (e) {
      error.textContent = e.detail || e.message;
      submit.disabled = false;
      submit.textContent = t('login.submit');
    }
  });
  root.replaceChildren(el('div', {class: 'login-wrap'}, form));
  username.focus();
}
