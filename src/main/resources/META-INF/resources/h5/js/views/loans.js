// 我的贷款: each HPF loan with what is still owed and the next instalment (amount, due date, principal and interest).
import {addStrings} from '../i18n.js';
import {el, fill, money, percent, day, facts, alertBox, problemText, title, lang} from './parts.js';

addStrings({
  zh: {
    'loans.title': '我的贷款',
    'loans.none': '您目前没有公积金贷款。',
    'loans.contract': '合同号 {no}',
    'loans.ACTIVE': '还款中',
    'loans.CLOSED': '已结清',
    'loans.outstanding': '剩余本金',
    'loans.next': '下期还款',
    'loans.nextLine': '第 {period} 期，{date} 前',
    'loans.nextPrincipal': '其中本金',
    'loans.nextInterest': '其中利息',
    'loans.principal': '贷款金额',
    'loans.rate': '年利率',
    'loans.remaining': '剩余期数',
    'loans.months': '{n} 期',
    'loans.method': '还款方式',
    'loans.EQUAL_INSTALMENT': '等额本息',
    'loans.EQUAL_PRINCIPAL': '等额本金',
    'loans.bank': '委贷银行',
    'loans.auto': '按月转账（公积金还贷）',
    'loans.autoOn': '已开通，每月从公积金余额扣还',
    'loans.autoOff': '未开通',
    'loans.overdue': '已逾期 {n} 期，共 {amount}。请尽快还款，以免影响征信。',
    'loans.closed': '这笔贷款已结清。',
  },
  en: {
    'loans.title': 'My loans',
    'loans.none': 'You have no HPF loan.',
    'loans.contract': 'Contract {no}',
    'loans.ACTIVE': 'Repaying',
    'loans.CLOSED': 'Paid off',
    'loans.outstanding': 'Principal outstanding',
    'loans.next': 'Next instalment',
    'loans.nextLine': 'Instalment {period}, due by {date}',
    'loans.nextPrincipal': 'Principal',
    'loans.nextInterest': 'Interest',
    'loans.principal': 'Amount borrowed',
    'loans.rate': 'Annual rate',
    'loans.remaining': 'Instalments left',
    'loans.months': '{n}',
    'loans.method': 'Repayment method',
    'loans.EQUAL_INSTALMENT': 'Equal instalments',
    'loans.EQUAL_PRINCIPAL': 'Equal principal',
    'loans.bank': 'Lending bank',
    'loans.auto': 'Monthly auto-transfer from HPF',
    'loans.autoOn': 'On: each instalment is drawn from your HPF balance',
    'loans.autoOff': 'Off',
    'loans.overdue': '{n} instalment(s) overdue, {amount} in all. Please repay soon to protect your credit record.',
    'loans.closed': 'This loan is paid off.',
  },
});

export default async function render(root, ctx) {
  const {api, t} = ctx;
  title(t('loans.title'), t);
  const alert = alertBox();
  const list = el('div', {id: 'loans-list', 'aria-busy': 'true'});
  root.replaceChildren(el('h1', {text: t('loans.title')}), alert.node, list);
  let loans;
  try {
    loans = await api.get('/v1/me/loans');
  } catch (err) {
    list.removeAttribute('aria-busy');
    alert.show(problemText(err, t));
    return;
  }
  list.removeAttribute('aria-busy');
  if (!loans.length) {
    list.append(el('p', {class: 'empty', text: t('loans.none')}));
    return;
  }
  for (const loan of loans) list.append(card(loan, t));
}

function card(loan, t) {
  const l = lang();
  const headingId = 'loan-' + loan.id;
  const parts = [el('h2', {id: headingId, text: fill(t('loans.contract'), {no: loan.contractNo})}),
    el('p', {class: 'status status-' + loan.status.toLowerCase(), text: t('loans.' + loan.status)})];
  if (loan.overdue && loan.overdue.periods > 0) {
    parts.push(el('p', {class: 'error', role: 'alert', text: fill(t('loans.overdue'),
      {n: loan.overdue.periods, amount: money(loan.overdue.amountFen)})}));
  }
  const next = loan.nextInstalment;
  if (next) {
    parts.push(el('div', {class: 'next'},
      el('h3', {text: t('loans.next')}),
      el('p', {class: 'big', text: money(next.totalFen)}),
      el('p', {text: fill(t('loans.nextLine'), {period: next.period, date: day(next.dueDate, l)})}),
      facts([[t('loans.nextPrincipal'), money(next.principalFen)], [t('loans.nextInterest'), money(next.interestFen)]],
        'facts secondary')));
  } else if (loan.status === 'CLOSED') {
    parts.push(el('p', {text: t('loans.closed')}));
  }
  parts.push(facts([
    [t('loans.outstanding'), money(loan.outstandingPrincipalFen)],
    [t('loans.remaining'), fill(t('loans.months'), {n: loan.remainingMonths})],
    [t('loans.principal'), money(loan.principalFen), 'secondary'],
    [t('loans.rate'), percent(loan.annualRate), 'secondary'],
    [t('loans.method'), t('loans.' + loan.method), 'secondary'],
    [t('loans.bank'), loan.lendingBank, 'secondary'],
    [t('loans.auto'), loan.autoTransfer && loan.autoTransfer.enabled ? t('loans.autoOn') : t('loans.autoOff'),
      'secondary'],
  ]));
  return el('article', {class: 'card loan', 'aria-labelledby': headingId}, ...parts);
}
