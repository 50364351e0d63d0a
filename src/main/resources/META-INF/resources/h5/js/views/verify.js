// 证明核验 (public, no sign-in): what a lender's or landlord's phone shows after scanning a certificate's QR code
// (/h5/verify?code=…): whether the centre issued it, and what it states, to compare with the paper.
import {addStrings} from '../i18n.js';
import {el, fill, money, day, dateTime, facts, alertBox, field, problemText, title, lang} from './parts.js';

addStrings({
  zh: {
    'verify.title': '缴存证明核验',
    'verify.intro': '输入证明上的核验码，或用手机扫描证明上的二维码。',
    'verify.code': '核验码',
    'verify.check': '核验',
    'verify.authentic': '真实有效',
    'verify.authenticLine': '此证明由 {issuer} 出具，在有效期内。请核对纸面内容与下列信息一致。',
    'verify.notFound': '未找到有效证明',
    'verify.name': '姓名',
    'verify.idNumber': '证件号码',
    'verify.employer': '缴存单位',
    'verify.accountStatus': '账户状态',
    'verify.NORMAL': '正常缴存',
    'verify.SEALED': '封存',
    'verify.FROZEN': '冻结',
    'verify.CLOSED': '已销户',
    'verify.period': '证明期间',
    'verify.periodValue': '{from} 至 {to}',
    'verify.balance': '账户余额',
    'verify.balanceValue': '{amount}（截至 {date}）',
    'verify.issuedAt': '开具时间',
    'verify.validUntil': '有效期至',
    'verify.deposits': '逐月缴存',
    'verify.month': '月份',
    'verify.amount': '缴存额（元）',
    'verify.status': '状态',
    'verify.PAID': '已缴',
    'verify.NONE': '未缴',
    'verify.privacy': '为保护缴存人隐私，姓名与证件号码已部分隐去。',
    'verify.badCode': '核验码由字母、数字、“-”和“_”组成，至少 22 位。',
  },
  en: {
    'verify.title': 'Verify a deposit certificate',
    'verify.intro': 'Enter the verification code printed on the certificate, or scan its QR code with your phone.',
    'verify.code': 'Verification code',
    'verify.check': 'Verify',
    'verify.authentic': 'Genuine and valid',
    'verify.authenticLine': 'Issued by {issuer} and still valid. Check that the paper states what follows.',
    'verify.notFound': 'No valid certificate found',
    'verify.name': 'Name',
    'verify.idNumber': 'ID number',
    'verify.employer': 'Employer',
    'verify.accountStatus': 'Account status',
    'verify.NORMAL': 'Depositing',
    'verify.SEALED': 'Sealed',
    'verify.FROZEN': 'Frozen',
    'verify.CLOSED': 'Closed',
    'verify.period': 'Period',
    'verify.periodValue': '{from} to {to}',
    'verify.balance': 'Balance',
    'verify.balanceValue': '{amount} (on {date})',
    'verify.issuedAt': 'Issued',
    'verify.validUntil': 'Valid until',
    'verify.deposits': 'Monthly deposits',
    'verify.month': 'Month',
    'verify.amount': 'Deposit (CNY)',
    'verify.status': 'Status',
    'verify.PAID': 'Paid',
    'verify.NONE': 'None',
    'verify.privacy': 'To protect the member, the name and ID number are partly hidden.',
    'verify.badCode': 'A verification code is at least 22 letters, digits, "-" or "_".',
  },
});

const CODE = /^[A-Za-z0-9_-]{22,64}$/;

export default async function render(root, ctx) {
  const {api, t} = ctx;
  title(t('verify.title'), t);
  const alert = alertBox();
  const input = el('input', {type: 'text', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false',
    maxlength: '64'});
  const form = el('form', {class: 'card', novalidate: true},
    field('verify-code', t('verify.code'), input), el('button', {type: 'submit', text: t('verify.check')}));
  const result = el('div', {id: 'verify-result', 'aria-live': 'polite'});
  const code = (ctx.params && ctx.params.get ? ctx.params.get('code') : ctx.params && ctx.params.code)
    || new URLSearchParams(location.search).get('code') || '';
  root.replaceChildren(el('h1', {text: t('verify.title')}), alert.node, result, el('p', {class: 'hint secondary',
    text: t('verify.intro')}), form);

  form.addEventListener('submit', e => {
    e.preventDefault();
    check(input.value.trim());
  });
  input.value = code;
  if (code) await check(code);

  async function check(value) {
    alert.clear();
    result.replaceChildren();
    if (!CODE.test(value)) { alert.show(t('verify.badCode')); return; }
    try {
      const c = await api.get('/v1/certificates/verify/' + encodeURIComponent(value));
      result.replaceChildren(show(c, t));
    } catch (err) {
      result.replaceChildren(el('section', {class: 'card verdict invalid', id: 'verify-invalid',
        'aria-labelledby': 'verify-invalid-h'},
      el('h2', {id: 'verify-invalid-h', text: t('verify.notFound')}), el('p', {text: problemText(err, t)})));
    }
  }
}

function show(c, t) {
  const l = lang();
  const table = el('table', {class: 'schedule', id: 'verify-deposits'},
    el('caption', {text: t('verify.deposits')}),
    el('thead', {}, el('tr', {}, el('th', {scope: 'col', text: t('verify.month')}),
      el('th', {scope: 'col', text: t('verify.amount')}), el('th', {scope: 'col', text: t('verify.status')}))),
    el('tbody', {}, ...c.deposits.map(d => el('tr', {}, el('th', {scope: 'row', text: d.month}),
      el('td', {text: money(d.amountFen).slice(1)}), el('td', {text: t('verify.' + d.status)})))));
  return el('section', {class: 'card verdict authentic', id: 'verify-authentic', 'aria-labelledby': 'verify-ok-h'},
    el('h2', {id: 'verify-ok-h', text: '✓ ' + t('verify.authentic')}),
    el('p', {text: fill(t('verify.authenticLine'), {issuer: c.issuer})}),
    facts([
      [t('verify.name'), c.memberName],
      [t('verify.idNumber'), c.maskedIdNumber],
      [t('verify.employer'), c.employer],
      [t('verify.accountStatus'), t('verify.' + c.accountStatus)],
      [t('verify.period'), fill(t('verify.periodValue'), {from: c.periodFrom, to: c.periodTo})],
      [t('verify.balance'), fill(t('verify.balanceValue'), {amount: money(c.balanceFen), date: day(c.balanceDate, l)})],
      [t('verify.issuedAt'), dateTime(c.issuedAt, l)],
      [t('verify.validUntil'), dateTime(c.validUntil, l)],
    ]),
    el('div', {class: 'secondary'}, table),
    el('p', {class: 'hint', text: t('verify.privacy')}));
}
