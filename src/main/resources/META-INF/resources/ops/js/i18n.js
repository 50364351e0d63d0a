// Chinese by default, English one tap away; the choice lives for the browser tab only.
const KEY = 'hpf.ops.lang';
const strings = {zh: {}, en: {}};
const listeners = new Set();
let current = sessionStorage.getItem(KEY) === 'en' ? 'en' : 'zh';

export function addStrings(more) {
  for (const lang of Object.keys(strings)) {
    Object.assign(strings[lang], more[lang] || {});
  }
}

export function lang() {
  return current;
}

/** BCP 47 tag for the `lang` attribute and for number and date formats. */
export function locale() {
  return current === 'en' ? 'en' : 'zh-CN';
}

export function setLang(next) {
  current = next === 'en' ? 'en' : 'zh';
  sessionStorage.setItem(KEY, current);
  document.documentElement.lang = locale();
  for (const listener of listeners) {
    listener(current);
  }
}

export function onLangChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The string for key in the current language, {name} replaced from vars; the key itself when it is missing. */
export function t(key, vars = {}) {
  const text = strings[current][key] ?? strings.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

const SHANGHAI = 'Asia/Shanghai';

/** Fen as yuan, e.g. ¥1,234.50. */
export function money(fen) {
  if (fen === null || fen === undefined) {
    return '—';
  }
  return new Intl.NumberFormat(locale(), {style: 'currency', currency: 'CNY'}).format(fen / 100);
}

/** Large fen amounts shortened (万 / M) for chart axes and big figures. */
export function moneyShort(fen) {
  if (fen === null || fen === undefined) {
    return '—';
  }
  return '¥' + new Intl.NumberFormat(locale(), {notation: 'compact', maximumFractionDigits: 1}).format(fen / 100);
}

export function number(n) {
  return n === null || n === undefined ? '—' : new Intl.NumberFormat(locale()).format(n);
}

export function percent(share, digits = 2) {
  if (share === null || share === undefined) {
    return '—';
  }
  return new Intl.NumberFormat(locale(), {style: 'percent', minimumFractionDigits: digits,
    maximumFractionDigits: digits}).format(Number(share));
}

/** A time of day in Shanghai, HH:mm (or HH:mm:ss). */
export function clock(iso, seconds = false) {
  if (!iso) {
    return '—';
  }
  return new Intl.DateTimeFormat(locale(), {timeZone: SHANGHAI, hour: '2-digit', minute: '2-digit',
    second: seconds ? '2-digit' : undefined, hour12: false}).format(new Date(iso));
}

export function dateTime(iso) {
  if (!iso) {
    return '—';
  }
  return new Intl.DateTimeFormat(locale(), {timeZone: SHANGHAI, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false}).format(new Date(iso));
}

/** Today in Shanghai as yyyy-MM-dd (the API's days are Shanghai days). */
export function todayInShanghai() {
  return new Intl.DateTimeFormat('en-CA', {timeZone: SHANGHAI, year: 'numeric', month: '2-digit', day: '2-digit'})
    .format(new Date());
}

/** Seconds as a short duration: 45 s, 12 min, 3 h 5 min. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '—';
  }
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) {
    return t('unit.seconds', {n: s});
  }
  if (s < 3600) {
    return t('unit.minutes', {n: Math.floor(s / 60)});
  }
  return t('unit.hours', {h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60)});
}

addStrings({
  zh: {
    'unit.seconds': '{n} 秒', 'unit.minutes': '{n} 分钟', 'unit.hours': '{h} 小时 {m} 分',
  },
  en: {
    'unit.seconds': '{n} s', 'unit.minutes': '{n} min', 'unit.hours': '{h} h {m} min',
  },
});
