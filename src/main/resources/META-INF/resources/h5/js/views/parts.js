// Small DOM and formatting helpers shared by the calculator, loans, appointments, certificate, verify, transfers,
// consent and sign-in views. Markup only through DOM APIs and textContent: data never becomes HTML.

import {addStrings} from '../i18n.js';

addStrings({
  zh: {'parts.failed': '出了点问题，请稍后再试。', 'parts.app': '住房公积金'},
  en: {'parts.failed': 'Something went wrong. Please try again later.', 'parts.app': 'Housing Provident Fund'},
});

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.setAttribute('class', v);
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'value' && 'value' in node) node.value = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** el('p', {class: 'x', text: 'hi'}, child, …): an HTML element. */
export function el(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element (the calculator's chart). */
export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replaces {name} placeholders: strings stay plain text whatever the i18n module does with arguments. */
export function fill(text, vars) {
  return String(text).replace(/\{(\w+)\}/g, (m, k) => (vars && k in vars ? String(vars[k]) : m));
}

/** Fen (integer) as yuan with two decimals and grouping, without floating point: 123456 → "1,234.56". */
export function yuan(fen) {
  const n = Math.round(Number(fen));
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + whole + '.' + String(abs % 100).padStart(2, '0');
}

/** "¥1,234.56" */
export function money(fen) {
  return '¥' + yuan(fen);
}

/** A fraction as a percentage: 0.026 → "2.6%" (at most 4 decimals, trailing zeros dropped). */
export function percent(fraction) {
  return String(Number((Number(fraction) * 100).toFixed(4))) + '%';
}

/** YYYY-MM-DD (or an ISO instant) as the date a person reads, in Asia/Shanghai. */
export function day(value, lang) {
  if (!value) return '';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(value + 'T00:00:00+08:00') : new Date(value);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN',
    {timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric'}).format(d);
}

/** An instant as date and time in Asia/Shanghai. */
export function dateTime(value, lang) {
  if (!value) return '';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {timeZone: 'Asia/Shanghai',
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false})
    .format(new Date(value));
}

/** Hours and minutes of an instant, Asia/Shanghai: "08:30". */
export function clock(value) {
  return new Intl.DateTimeFormat('en-GB', {timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit',
    hour12: false}).format(new Date(value));
}

/** Today's date in Asia/Shanghai plus {@code plus} days, as YYYY-MM-DD. */
export function shanghaiDate(plus = 0) {
  const today = new Intl.DateTimeFormat('en-CA', {timeZone: 'Asia/Shanghai'}).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + plus)).toISOString().slice(0, 10);
}

/** The current language of the page ('zh' or 'en'), as the i18n module set it on <html lang>. */
export function lang() {
  return (document.documentElement.lang || 'zh').toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** What a person reads of a failure: the problem's detail, never its code or a stack trace. */
export function problemText(error, t) {
  if (error && typeof error.detail === 'string' && error.detail) return error.detail;
  if (error && typeof error.title === 'string' && error.title && error.status) return error.title;
  return t('parts.failed');
}

/** A live region saying what went wrong (empty when there is nothing to say). */
export function alertBox() {
  const box = el('p', {class: 'error', role: 'alert'});
  box.hidden = true;
  return {
    node: box,
    show(text) { box.textContent = text; box.hidden = !text; },
    clear() { box.textContent = ''; box.hidden = true; },
  };
}

/** A heading, and a level-2 section with its own heading, labelled for assistive technology. */
export function section(id, title, ...children) {
  return el('section', {'aria-labelledby': id}, el('h2', {id, text: title}), ...children);
}

/** A labelled form field: label, control, optional hint (described-by). */
export function field(id, label, control, hint) {
  control.id = id;
  const parts = [el('label', {for: id, text: label}), control];
  if (hint) {
    const hintId = id + '-hint';
    control.setAttribute('aria-describedby', hintId);
    parts.push(el('small', {id: hintId, class: 'hint', text: hint}));
  }
  return el('div', {class: 'field'}, ...parts);
}

/** A definition list of [term, value] pairs; values may be nodes. */
export function facts(pairs, cls) {
  const dl = el('dl', {class: cls || 'facts'});
  for (const [term, value, extra] of pairs) {
    if (value === null || value === undefined || value === '') continue;
    dl.append(el('div', {class: extra || null}, el('dt', {text: term}), el('dd', {}, value)));
  }
  return dl;
}

/** 256 random bits in base64url: an Idempotency-Key, a state or a PKCE verifier. */
export function randomToken(bytes = 32) {
  const b = new Uint8Array(bytes);
  crypto.getRandomValues(b);
  return base64Url(b);
}

export function base64Url(bytes) {
  let s = '';
  for (const x of bytes) s += String.fromCharCode(x);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Sets the document title to "<view> · <app>". */
export function title(text, t) {
  document.title = text + ' · ' + t('parts.app');
}
