// The operators' console: sign in, then the console; Chinese by default, English one tap away.
import {api, session} from './api.js';
import {addStrings, lang, locale, onLangChange, setLang, t} from './i18n.js';

addStrings({
  zh: {'app.title': '公积金运营控制台', 'app.lang': 'English', 'app.signOut': '退出', 'app.loading': '正在加载…'},
  en: {'app.title': 'Housing Fund Operations Console', 'app.lang': '中文', 'app.signOut': 'Sign out',
    'app.loading': 'Loading…'},
});

const root = document.getElementById('app');
const views = {
  login: () => import('./views/login.js'),
  console: () => import('./views/console.js'),
};
let cleanup = null;
let current = null;

function chrome() {
  document.documentElement.lang = locale();
  document.title = t('app.title');
  document.getElementById('title').textContent = t('app.title');
  const langButton = document.getElementById('lang');
  langButton.textContent = t('app.lang');
  langButton.lang = lang() === 'zh' ? 'en' : 'zh-CN';
  const signOut = document.getElementById('sign-out');
  signOut.textContent = t('app.signOut');
  signOut.hidden = !session.get();
}

async function navigate(name) {
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  current = name === 'console' && session.get() ? 'console' : 'login';
  chrome();
  const module = await views[current]();
  const ctx = {api, t, navigate, session, params: new URLSearchParams(location.search)};
  cleanup = (await module.default(root, ctx)) || null;
  root.dataset.view = current;
}

document.getElementById('lang').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await api.post('/v1/auth/logout', {});
  } catch (e) {
    // signed out here either way; the access token expires on its own
  }
  session.clear();
  navigate('login');
});
onLangChange(() => navigate(current));
session.onSignedOut(() => navigate('login'));
navigate('console');
