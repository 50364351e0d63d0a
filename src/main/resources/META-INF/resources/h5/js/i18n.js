// Strings of the member page. Chinese is the default; English is one tap away. Views register their own strings
// (keys prefixed by the view's name) at module top with addStrings.
const LANG_KEY = 'hpf.h5.lang';
const strings = {zh: {}, en: {}};
let lang = sessionStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';

export function addStrings(more) {
  for (const l of Object.keys(more)) {
    strings[l] = Object.assign(strings[l] || {}, more[l]);
  }
}

export function getLang() {
  return lang;
}

/** The BCP 47 tag for lang attributes and Intl formatting. */
export function locale() {
  return lang === 'en' ? 'en' : 'zh-CN';
}

export function setLang(l) {
  lang = l === 'en' ? 'en' : 'zh';
  sessionStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = locale();
}

/** The string for key in the current language ({name} placeholders filled from vars), else Chinese, else the key. */
export function t(key, vars) {
  const s = strings[lang][key] ?? strings.zh[key] ?? key;
  return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : s;
}

/** Fen as yuan with two decimals, e.g. 523450 → "¥5,234.50". */
export function money(fen) {
  return new Intl.NumberFormat(locale(), {style: 'currency', currency: 'CNY'}).format(fen / 100);
}

export function dateTime(iso) {
  return new Intl.DateTimeFormat(locale(), {dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai'})
    .format(new Date(iso));
}

export function date(iso) {
  return new Intl.DateTimeFormat(locale(), {dateStyle: 'medium', timeZone: 'Asia/Shanghai'}).format(new Date(iso));
}

addStrings({
  zh: {
    'app.title': '住房公积金',
    'app.elder': '长辈模式',
    'app.lang': 'English',
    'app.loading': '加载中…',
    'app.signOut': '退出登录',
    'app.navLabel': '功能',
    'app.notFound': '页面不存在',
    'app.home': '返回首页',
    'app.retry': '重试',
    'nav.home': '首页',
    'nav.withdraw': '提取',
    'nav.statements': '明细',
    'nav.calculator': '贷款计算',
    'nav.loans': '我的贷款',
    'nav.appointments': '预约',
    'nav.certificate': '缴存证明',
    'nav.transfers': '转移接续',
    'nav.verify': '证明核验',
    'api.network': '网络中断，没有收到服务器的答复。请检查网络后重试。',
    'api.unexpected': '服务暂时不可用，请稍后重试。',
  },
  en: {
    'app.title': 'Housing Provident Fund',
    'app.elder': 'Large text',
    'app.lang': '中文',
    'app.loading': 'Loading…',
    'app.signOut': 'Sign out',
    'app.navLabel': 'Services',
    'app.notFound': 'Page not found',
    'app.home': 'Back to home',
    'app.retry': 'Try again',
    'nav.home': 'Home',
    'nav.withdraw': 'Withdraw',
    'nav.statements': 'Statements',
    'nav.calculator': 'Loan calculator',
    'nav.loans': 'My loans',
    'nav.appointments': 'Appointments',
    'nav.certificate': 'Certificate',
    'nav.transfers': 'Transfers',
    'nav.verify': 'Verify a certificate',
    'api.network': 'The connection dropped and no answer came back. Check the network and try again.',
    'api.unexpected': 'The service is not available just now. Please try again later.',
  },
});
