// 异地转入: the member's transfers in from another city's centre, each with its status in words (live while it
// moves), and a request for a new one (Idempotency-Key kept until answered).
import {addStrings} from '../i18n.js';
import {el, fill, money, dateTime, facts, alertBox, section, field, problemText, randomToken, title, lang}
  from './parts.js';

addStrings({
  zh: {
    'transfers.title': '异地转入',
    'transfers.intro': '把您在其他城市缴存的住房公积金转入本中心账户，全程线上办理。',
    'transfers.mine': '我的转入',
    'transfers.none': '您还没有转入申请。',
    'transfers.from': '从 {centre} 转入',
    'transfers.account': '原账号',
    'transfers.amount': '转入金额',
    'transfers.requested': '申请时间',
    'transfers.updated': '更新时间',
    'transfers.REQUESTED': '已提交，等待转出地中心确认',
    'transfers.CONFIRMED': '转出地中心已确认，资金划转中',
    'transfers.CREDITED': '已到账',
    'transfers.REJECTED': '未能转入',
    'transfers.new': '申请转入',
    'transfers.centre': '转出地中心',
    'transfers.choose': '请选择',
    'transfers.accountNo': '在转出地的个人账号',
    'transfers.accountHint': '1–32 位字母、数字或“-”',
    'transfers.submit': '提交申请',
    'transfers.submitted': '已提交转入申请。',
    'transfers.retry': '网络中断，结果未知。请再点“提交申请”，不会重复提交。',
    'transfers.incomplete': '请选择转出地中心并填写账号。',
  },
  en: {
    'transfers.title': 'Transfers in',
    'transfers.intro': 'Move the HPF balance you built up in another city into your account here, entirely online.',
    'transfers.mine': 'My transfers in',
    'transfers.none': 'You have no transfer in.',
    'transfers.from': 'From {centre}',
    'transfers.account': 'Account there',
    'transfers.amount': 'Amount',
    'transfers.requested': 'Requested',
    'transfers.updated': 'Updated',
    'transfers.REQUESTED': 'Requested: waiting for the other centre to confirm',
    'transfers.CONFIRMED': 'Confirmed by the other centre: the money is on its way',
    'transfers.CREDITED': 'Credited to your account',
    'transfers.REJECTED': 'Not transferred',
    'transfers.new': 'Request a transfer in',
    'transfers.centre': 'Centre you moved from',
    'transfers.choose': 'Choose',
    'transfers.accountNo': 'Your account number there',
    'transfers.accountHint': '1–32 letters, digits or "-"',
    'transfers.submit': 'Request',
    'transfers.submitted': 'Your transfer in is requested.',
    'transfers.retry': 'The connection dropped before the answer. Press "Request" again: it will not be sent twice.',
    'transfers.incomplete': 'Choose the centre and enter your account number.',
  },
});

const FINAL = new Set(['CREDITED', 'REJECTED']);

export default async function render(root, ctx) {
  const {api, t} = ctx;
  title(t('transfers.title'), t);
  const en = lang() === 'en';
  const alert = alertBox();
  const status = el('p', {role: 'status', class: 'notice'});
  const list = el('ul', {class: 'cards', id: 'transfers-list'});
  const centre = el('select', {required: true}, el('option', {value: '', text: t('transfers.choose')}));
  const account = el('input', {type: 'text', autocomplete: 'off', maxlength: '32', autocapitalize: 'characters'});
  const submit = el('button', {type: 'submit', class: 'primary', text: t('transfers.submit')});
  const form = el('form', {class: 'card', novalidate: true},
    field('transfers-centre', t('transfers.centre'), centre),
    field('transfers-account', t('transfers.accountNo'), account, t('transfers.accountHint')), submit);
  root.replaceChildren(el('h1', {text: t('transfers.title')}), el('p', {class: 'secondary', text: t('transfers.intro')}),
    status, alert.node, section('transfers-mine-h', t('transfers.mine'), list),
    section('transfers-new-h', t('transfers.new'), form));

  // Live status of the transfers still moving; closed when the view goes.
  const live = new AbortController();
  const watched = new Set();
  const names = new Map();

  try {
    const centres = await api.get('/v1/transfer-centres');
    for (const c of centres.items) {
      names.set(c.code, en && c.nameEn ? c.nameEn : c.name);
      if (!c.own) centre.append(el('option', {value: c.code, text: names.get(c.code)}));
    }
  } catch (err) {
    alert.show(problemText(err, t));
  }
  await load();

  let pending = null;
  form.addEventListener('submit', async e => {
    e.preventDefault();
    alert.clear();
    const body = {originCentreCode: centre.value, originAccountNo: account.value.trim().toUpperCase()};
    if (!body.originCentreCode || !body.originAccountNo) { alert.show(t('transfers.incomplete')); return; }
    if (!pending || JSON.stringify(pending.body) !== JSON.stringify(body)) pending = {body, key: randomToken(24)};
    submit.disabled = true;
    try {
      await api.post('/v1/me/transfers-in', body, {idempotencyKey: pending.key});
      pending = null;
      form.reset();
      status.textContent = t('transfers.submitted');
      await load();
    } catch (err) {
      if (err && err.status) {
        pending = null;
        alert.show(problemText(err, t));
      } else {
        alert.show(t('transfers.retry'));
      }
    } finally {
      submit.disabled = false;
    }
  });

  async function load() {
    let page;
    try {
      page = await api.get('/v1/me/transfers-in');
    } catch (err) {
      alert.show(problemText(err, t));
      return;
    }
    if (!page.items.length) {
      list.replaceChildren(el('li', {class: 'empty', text: t('transfers.none')}));
      return;
    }
    list.replaceChildren(...page.items.map(card));
    for (const tr of page.items) if (!FINAL.has(tr.status)) watch(tr.id);
  }

  function watch(id) {
    if (watched.has(id) || typeof api.stream !== 'function') return;
    watched.add(id);
    api.stream('/v1/me/transfers-in/' + encodeURIComponent(id) + '/events', ev => {
      const data = ev && typeof ev.data === 'string' ? safeJson(ev.data) : ev && ev.data;
      if (!data || !data.id) return;
      const old = list.querySelector(`[data-id="${CSS.escape(data.id)}"]`);
      if (old) old.replaceWith(card(data));
    }, live.signal).catch(() => {}).finally(() => watched.delete(id));
  }

  function card(tr) {
    const l = lang();
    return el('li', {class: 'card transfer transfer-' + tr.status.toLowerCase(), 'data-id': tr.id},
      el('p', {class: 'strong', text: fill(t('transfers.from'), {centre: names.get(tr.originCentreCode)
        || tr.originCentreName})}),
      el('p', {class: 'status', text: t('transfers.' + tr.status)}),
      tr.status === 'REJECTED' && tr.reason ? el('p', {class: 'error', text: tr.reason}) : null,
      facts([
        [t('transfers.amount'), tr.amountFen !== undefined && tr.amountFen !== null ? money(tr.amountFen) : ''],
        [t('transfers.account'), tr.originAccountNo, 'secondary'],
        [t('transfers.requested'), dateTime(tr.createdAt, l), 'secondary'],
        [t('transfers.updated'), dateTime(tr.updatedAt, l), 'secondary'],
      ]));
  }

  return () => live.abort();
}

function safeJson(text) {
  try { return JSON.parse(text); } catch { return null; }
}
