// The member page's entry: history routing over /h5/<view>, the header (elder mode, language), the navigation and
// the session. Each view is a module js/views/<name>.js whose default export renders into <main>.
import {api, session, whenSignedOut, ProblemError} from './api.js';
import {t, setLang, getLang, locale} from './i18n.js';
import {el} from './dom.js';

const ELDER_KEY = 'hpf.h5.elder';
const BASE = '/h5';

/** path → view module; public views render without a member session, the others send her to the login first. */
const ROUTES = {
  '/': {view: 'home'},
  '/login': {view: 'login', public: true},
  '/withdraw': {view: 'withdraw'},
  '/statements': {view: 'statements'},
  '/calculator': {view: 'calculator', public: true},
  '/loans': {view: 'loans'},
  '/appointments': {view: 'appointments'},
  '/certificate': {view: 'certificate'},
  '/verify': {view: 'verify', public: true},
  '/transfers': {view: 'transfers'},
  '/consent': {view: 'consent'},
  '/signed-in': {view: 'signed-in', public: true},
};

/** The navigation; secondary items are hidden in elder mode (fewer things to choose from). */
const NAV = [
  {path: '/', key: 'nav.home'},
  {path: '/withdraw', key: 'nav.withdraw'},
  {path: '/statements', key: 'nav.statements'},
  {path: '/loans', key: 'nav.loans', secondary: true},
  {path: '/calculator', key: 'nav.calculator', secondary: true},
  {path: '/appointments', key: 'nav.appointments', secondary: true},
  {path: '/certificate', key: 'nav.certificate', secondary: true},
  {path: '/transfers', key: 'nav.transfers', secondary: true},
  {path: '/verify', key: 'nav.verify', secondary: true},
];

const root = document.getElementById('app');
let cleanup = null;
let generation = 0;

function isElder() {
  return document.documentElement.classList.contains('elder');
}

function setElder(on) {
  document.documentElement.classList.toggle('elder', on);
  if (on) {
    sessionStorage.setItem(ELDER_KEY, '1');
  } else {
    sessionStorage.removeItem(ELDER_KEY);
  }
}

/** A path under /h5/ (with its query) to come back to; anything else is replaced by the home page. */
export function safeNext(next) {
  return typeof next === 'string' && next.startsWith(BASE + '/') && !next.startsWith('//') && !next.includes('\\')
    ? next : BASE + '/';
}

export function navigate(to, {replace = false} = {}) {
  const url = new URL(to, location.origin);
  if (url.origin !== location.origin) {
    location.assign(url.href);
    return;
  }
  if (replace) {
    history.replaceState(null, '', url.pathname + url.search);
  } else {
    history.pushState(null, '', url.pathname + url.search);
  }
  render();
}

function renderChrome() {
  document.title = t('app.title');
  document.documentElement.lang = locale();
  const brand = document.getElementById('brand');
  brand.textContent = t('app.title');
  const elder = document.getElementById('elder-toggle');
  elder.textContent = t('app.elder');
  elder.setAttribute('aria-pressed', String(isElder()));
  const lang = document.getElementById('lang-toggle');
  lang.textContent = t('app.lang');
  lang.setAttribute('lang', getLang() === 'en' ? 'zh-CN' : 'en');

  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('app.navLabel'));
  const here = currentRoute();
  const items = NAV.map(item => el('li', {class: item.secondary ? 'secondary' : null},
    el('a', {href: BASE + item.path, 'aria-current': here === item.path ? 'page' : null}, t(item.key))));
  const signOut = el('li', {}, el('button', {type: 'button', class: 'link', id: 'sign-out', onclick: signOutNow},
    t('app.signOut')));
  nav.replaceChildren(el('ul', {}, ...items, signOut));
  nav.hidden = !session.signedIn;
}

function currentRoute() {
  let path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '/';
  if (path === '') {
    path = '/';
  }
  if (path.length > 1 && path.endsWith('/')) {
    path = path.slice(0, -1);
  }
  return path;
}

async function signOutNow() {
  const refreshToken = session.data?.refreshToken;
  try {
    await api.post('/v1/auth/logout', refreshToken ? {refreshToken} : {}, {noRefresh: true});
  } catch {
    // signed out here whatever the server says: the tokens are forgotten below
  }
  session.clear();
  navigate(BASE + '/login', {replace: true});
}

function renderProblem(e) {
  const message = e instanceof ProblemError ? e.detail : t('api.unexpected');
  root.replaceChildren(
    el('h1', {}, t('app.title')),
    el('p', {class: 'error', role: 'alert'}, message),
    el('p', {}, el('button', {type: 'button', class: 'primary', onclick: () => render()}, t('app.retry'))));
}

async function render() {
  const mine = ++generation;
  if (cleanup) {
    try {
      cleanup();
    } catch {
      // a view's cleanup failing must not keep the next one from showing
    }
    cleanup = null;
  }
  const path = currentRoute();
  const route = ROUTES[path];
  renderChrome();
  if (!route) {
    root.replaceChildren(el('h1', {}, t('app.notFound')), el('p', {}, el('a', {href: BASE + '/'}, t('app.home'))));
    return;
  }
  if (!route.public && !session.signedIn) {
    const next = location.pathname + location.search;
    navigate(BASE + '/login' + (path === '/' ? '' : '?next=' + encodeURIComponent(next)), {replace: true});
    return;
  }
  const ctx = {
    api, t, navigate, session,
    params: new URLSearchParams(location.search),
    elder: isElder(),
    safeNext,
  };
  try {
    const module = await import(`./views/${route.view}.js`);
    if (mine !== generation) {
      return;
    }
    const result = await module.default(root, ctx);
    if (mine !== generation) {
      if (typeof result === 'function') {
        result();
      }
      return;
    }
    cleanup = typeof result === 'function' ? result : null;
    const heading = root.querySelector('h1');
    if (heading && (mine > 1 || document.activeElement === document.body)) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({preventScroll: true});
    }
  } catch (e) {
    if (mine === generation) {
      renderProblem(e);
    }
  }
}

function start() {
  setLang(getLang());
  setElder(sessionStorage.getItem(ELDER_KEY) === '1');
  document.getElementById('elder-toggle').addEventListener('click', () => {
    setElder(!isElder());
    render();
  });
  document.getElementById('lang-toggle').addEventListener('click', () => {
    setLang(getLang() === 'en' ? 'zh' : 'en');
    render();
  });
  // Links inside the page change the view without a page load.
  document.addEventListener('click', e => {
    const a = e.target.closest('a[href]');
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || a.target) {
      return;
    }
    const url = new URL(a.href, location.href);
    if (url.origin === location.origin && (url.pathname === BASE || url.pathname.startsWith(BASE + '/'))
        && !url.pathname.slice(url.pathname.lastIndexOf('/')).includes('.')) {
      e.preventDefault();
      navigate(url.pathname + url.search);
    }
  });
  window.addEventListener('popstate', () => render());
  whenSignedOut(() => navigate(BASE + '/login?next=' + encodeURIComponent(location.pathname + location.search),
    {replace: true}));
  render();
}

start();
