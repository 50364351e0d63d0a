// 授权确认: a partner app (a bank's or Alipay's web view) asks to act for the member. Shows who asks and for what,
// in words; approving asks the centre for a one-use code (bound to the app, the scopes, the redirectUri and the
// PKCE challenge) and sends her back to the app's registered redirectUri with code and state; refusing sends her
// back with error=access_denied. Never to any other address: an unregistered redirectUri is refused on screen.
import {addStrings} from '../i18n.js';
import {el, fill, alertBox, problemText, title} from './parts.js';

addStrings({
  zh: {
    'consent.title': '授权确认',
    'consent.asks': '{name} 申请获取以下授权：',
    'consent.scope.account': '查看您的公积金账户（余额、可用金额、账户状态）',
    'consent.scope.statements': '查看您的缴存、提取明细',
    'consent.scope.withdrawal': '代您办理提取：查看银行卡、发起刷脸核验与提取申请（每笔提取都需您本人刷脸）',
    'consent.scope.loans': '查看您的公积金贷款，代您试算和办理提前还款（需您本人刷脸）',
    'consent.scope.calculator': '使用贷款计算器（不涉及您的个人信息）',
    'consent.revocable': '授权后可随时在“我的授权”中撤销，撤销即时生效。中心不会向该应用提供您的身份证号或密码。',
    'consent.approve': '同意授权',
    'consent.deny': '拒绝',
    'consent.signIn': '登录后继续',
    'consent.signInFirst': '请先登录，再确认是否授权。',
    'consent.refused': '无法完成授权',
    'consent.missing': '授权链接不完整（缺少 {what}），请返回原应用重新发起。',
    'consent.unknownApp': '找不到该应用，或该应用已被中心停用。请返回原应用。',
    'consent.badRedirect': '该应用要求返回的地址与其在中心登记的地址不一致，为保护您的信息，本次授权已被拒绝。请勿继续操作，并返回原应用。',
    'consent.badScope': '该应用申请了它无权申请的授权（{what}），本次授权无法继续。',
    'consent.badChallenge': '授权链接无效（PKCE 校验值格式不正确），请返回原应用重新发起。',
    'consent.back': '返回 {name}',
    'consent.redirecting': '正在返回 {name}…',
  },
  en: {
    'consent.title': 'Authorize an app',
    'consent.asks': '{name} asks for:',
    'consent.scope.account': 'Your HPF account (balance, amount available, account status)',
    'consent.scope.statements': 'Your deposits and withdrawals',
    'consent.scope.withdrawal': 'Withdrawals for you: your bank cards, face checks and withdrawal requests (each withdrawal still needs your own face check)',
    'consent.scope.loans': 'Your HPF loans, prepayment quotes and prepayments (with your own face check)',
    'consent.scope.calculator': 'The loan calculator (none of your data)',
    'consent.revocable': 'You can take this back at any time under "My authorizations"; it stops at once. The centre never gives the app your ID number or password.',
    'consent.approve': 'Allow',
    'consent.deny': 'Deny',
    'consent.signIn': 'Sign in to continue',
    'consent.signInFirst': 'Please sign in first, then decide.',
    'consent.refused': 'This authorization cannot go on',
    'consent.missing': 'The link is incomplete ({what} missing). Go back to the app and start again.',
    'consent.unknownApp': 'No such app, or the centre has suspended it. Go back to the app.',
    'consent.badRedirect': 'The app asks to return to an address other than the one it registered with the centre. To protect your data, this authorization is refused. Do not go on; go back to the app.',
    'consent.badScope': 'The app asks for something it may not ask for ({what}); this authorization cannot go on.',
    'consent.badChallenge': 'The link is not valid (malformed PKCE challenge). Go back to the app and start again.',
    'consent.back': 'Back to {name}',
    'consent.redirecting': 'Returning to {name}…',
  },
});

const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** Reads a query parameter whatever ctx.params is (URLSearchParams or a plain object). */
function param(ctx, name) {
  const p = ctx.params;
  const v = p && typeof p.get === 'function' ? p.get(name) : p && p[name];
  return v === undefined || v === null ? new URLSearchParams(location.search).get(name) : v;
}

/** The registered redirectUri with the answer's parameters; only http(s) is ever followed. */
export function returnUrl(redirectUri, answer) {
  const u = new URL(redirectUri);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('not a web address');
  for (const [k, v] of Object.entries(answer)) if (v !== null && v !== undefined && v !== '') u.searchParams.set(k, v);
  return u.href;
}

export default async function render(root, ctx) {
  const {api, t} = ctx;
  title(t('consent.title'), t);
  const q = {appId: param(ctx, 'appId'), scopes: param(ctx, 'scopes'), state: param(ctx, 'state'),
    redirectUri: param(ctx, 'redirectUri'), codeChallenge: param(ctx, 'codeChallenge'),
    codeChallengeMethod: param(ctx, 'codeChallengeMethod') || 'S256'};
  const heading = el('h1', {text: t('consent.title')});
  const alert = alertBox();
  root.replaceChildren(heading, alert.node);

  const refuse = (text, back) => {
    root.replaceChildren(heading, el('section', {class: 'card refused', id: 'consent-refused',
      'aria-labelledby': 'consent-refused-h'},
    el('h2', {id: 'consent-refused-h', text: t('consent.refused')}), el('p', {role: 'alert', text}),
    back || null));
  };

  const missing = ['appId', 'redirectUri', 'scopes', 'codeChallenge'].filter(k => !q[k]);
  if (missing.length) { refuse(fill(t('consent.missing'), {what: missing.join(', ')})); return; }

  let app;
  try {
    app = await api.get('/v1/channels/' + encodeURIComponent(q.appId));
  } catch (err) {
    refuse(err && err.status === 404 ? t('consent.unknownApp') : problemText(err, t));
    return;
  }
  // The one address she may be sent back to, decided before anything else: never another one, not even to refuse.
  if (q.redirectUri !== app.redirectUri || app.status !== 'ACTIVE') { refuse(t('consent.badRedirect')); return; }
  const go = answer => {
    root.replaceChildren(heading, el('p', {role: 'status', text: fill(t('consent.redirecting'), {name: app.name})}));
    location.replace(returnUrl(app.redirectUri, {...answer, state: q.state}));
  };
  const backButton = error => el('button', {type: 'button', id: 'consent-back', text: fill(t('consent.back'),
    {name: app.name}), onclick: () => go({error})});

  const scopes = [...new Set(q.scopes.split(/[\s,]+/).filter(Boolean))];
  const beyond = scopes.filter(s => !app.allowedScopes.includes(s));
  if (beyond.length) { refuse(fill(t('consent.badScope'), {what: beyond.join(', ')}), backButton('invalid_scope')); return; }
  if (q.codeChallengeMethod !== 'S256' || !CHALLENGE.test(q.codeChallenge)) {
    refuse(t('consent.badChallenge'), backButton('invalid_request'));
    return;
  }

  const approve = el('button', {type: 'button', class: 'primary', id: 'consent-approve', text: t('consent.approve')});
  const deny = el('button', {type: 'button', id: 'consent-deny', text: t('consent.deny')});
  const signedIn = !!(ctx.session && ctx.session.signedIn);
  root.replaceChildren(heading,
    el('section', {class: 'card consent', 'aria-labelledby': 'consent-app'},
      el('h2', {id: 'consent-app', text: fill(t('consent.asks'), {name: app.name})}),
      el('ul', {class: 'scopes', id: 'consent-scopes'},
        ...scopes.map(s => el('li', {'data-scope': s, text: t('consent.scope.' + s)}))),
      el('p', {class: 'hint', text: t('consent.revocable')})),
    alert.node,
    signedIn ? el('div', {class: 'actions'}, approve, deny) : signInPrompt(ctx, t, deny));

  deny.addEventListener('click', () => go({error: 'access_denied'}));
  approve.addEventListener('click', async () => {
    alert.clear();
    approve.disabled = true;
    deny.disabled = true;
    try {
      const granted = await api.post('/v1/me/channel-authorizations', {appId: app.appId, scopes,
        redirectUri: app.redirectUri, state: q.state || undefined, codeChallenge: q.codeChallenge,
        codeChallengeMethod: 'S256'});
      go({code: granted.authCode});
    } catch (err) {
      approve.disabled = false;
      deny.disabled = false;
      alert.show(problemText(err, t));
    }
  });
}

function signInPrompt(ctx, t, deny) {
  const signIn = el('button', {type: 'button', class: 'primary', id: 'consent-sign-in', text: t('consent.signIn')});
  signIn.addEventListener('click', () => ctx.navigate('/h5/login?next='
    + encodeURIComponent(location.pathname + location.search)));
  return el('div', {class: 'actions'}, el('p', {text: t('consent.signInFirst')}), signIn, deny);
}
