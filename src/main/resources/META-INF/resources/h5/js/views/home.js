// The member's home: what she has and can use, big; the account's state and the last deposit.
import {addStrings, money} from '../i18n.js';
import {el} from '../dom.js';

addStrings({
  zh: {
    'home.title': '我的公积金',
    'home.hello': '{name}，您好',
    'home.balance': '账户余额',
    'home.available': '可用金额',
    'home.availableNote': '余额减去正在办理的提取',
    'home.status': '账户状态',
    'home.lastDeposit': '最近缴存',
    'home.lastDepositNone': '暂无缴存',
    'home.monthly': '月缴存额',
    'home.withdraw': '我要提取',
    'home.statements': '查看明细',
    'home.status.NORMAL': '正常',
    'home.status.SEALED': '封存',
    'home.status.FROZEN': '冻结',
    'home.status.CLOSED': '销户',
  },
  en: {
    'home.title': 'My provident fund',
    'home.hello': 'Hello, {name}',
    'home.balance': 'Balance',
    'home.available': 'Available',
    'home.availableNote': 'Balance minus withdrawals under way',
    'home.status': 'Account status',
    'home.lastDeposit': 'Last deposit',
    'home.lastDepositNone': 'No deposit yet',
    'home.monthly': 'Monthly deposit',
    'home.withdraw': 'Withdraw',
    'home.statements': 'Statements',
    'home.status.NORMAL': 'Active',
    'home.status.SEALED': 'Sealed (no current employer)',
    'home.status.FROZEN': 'Frozen',
    'home.status.CLOSED': 'Closed',
  },
});

function month(ym, t) {
  if (!ym) {
    return t('home.lastDepositNone');
  }
  const [y, m] = ym.split('-');
  return document.documentElement.lang === 'en' ? `${y}-${m}` : `${y}年${Number(m)}月`;
}

export default async function render(root, ctx) {
  const {t, api} = ctx;
  const account = await api.get('/v1/me/account');
  const statusText = t('home.status.' + account.status);
  root.replaceChildren(
    el('h1', {}, t('home.title')),
    el('p', {class: 'hello'}, t('home.hello', {name: account.name})),
    el('section', {class: 'card figures', 'aria-labelledby': 'home-balance'},
      el('h2', {id: 'home-balance', class: 'figure-label'}, t('home.balance')),
      el('p', {class: 'figure', id: 'balance'}, money(account.balanceFen)),
      el('h2', {class: 'figure-label'}, t('home.available')),
      el('p', {class: 'figure', id: 'available'}, money(account.availableFen)),
      el('p', {class: 'note secondary'}, t('home.availableNote'))),
    el('dl', {class: 'card facts'},
      el('dt', {}, t('home.status')),
      el('dd', {id: 'account-status', class: 'status-' + account.status.toLowerCase()}, statusText),
      el('dt', {}, t('home.lastDeposit')),
      el('dd', {id: 'last-deposit'}, month(account.lastDepositMonth, t)),
      el('dt', {class: 'secondary'}, t('home.monthly')),
      el('dd', {class: 'secondary'}, money(account.monthlyDepositFen))),
    el('p', {class: 'actions'},
      el('a', {class: 'button primary', href: '/h5/withdraw', id: 'go-withdraw'}, t('home.withdraw')),
      el('a', {class: 'button', href: '/h5/statements'}, t('home.statements'))));
}
