// The withdrawal journey: what she can withdraw now and why (the personal checklist), category, amount and card,
// face verification, submission, then the payout's live status until the money is on her card (or why not).
//
// A submission keeps its Idempotency-Key (with its body) in sessionStorage until an answer comes back: when the
// answer is lost on the way (the connection dropped after the server got the request), "submit again" resends
// the same key and the server answers with the withdrawal it already made, never a second one.
import {addStrings, money, dateTime} from '../i18n.js';
import {el, field} from '../dom.js';
import {ProblemError, newKey} from '../api.js';

const PENDING_KEY = 'hpf.h5.withdraw.pending';
const NAME_KEY = 'hpf.h5.withdraw.name.';

addStrings({
  zh: {
    'withdraw.title': '提取公积金',
    'withdraw.checklist': '您现在可以办理的提取',
    'withdraw.checklistNote': '根据您的账户和共享数据逐项核对，实际以提交时的审核为准。',
    'withdraw.eligible': '可以提取',
    'withdraw.notEligible': '暂不能提取',
    'withdraw.upTo': '最多可提取 {amount}',
    'withdraw.centreChecks': '中心自动核查：{items}',
    'withdraw.choose': '选择',
    'withdraw.none': '目前没有可以在线办理的提取。',
    'withdraw.details': '填写提取信息',
    'withdraw.category': '提取类型',
    'withdraw.amount': '提取金额（元）',
    'withdraw.amountHint': '最多 {amount}',
    'withdraw.amountInvalid': '请输入 0.01 至 {amount} 之间的金额。',
    'withdraw.card': '收款银行卡',
    'withdraw.cardRealTime': '实时到账',
    'withdraw.noCard': '您还没有绑定本人银行卡，请先到柜台或 App 绑卡。',
    'withdraw.back': '返回选择',
    'withdraw.face': '刷脸认证',
    'withdraw.faceSandbox': '体验环境：不会打开摄像头。点击下面的按钮会调用沙箱刷脸服务的“完成认证”接口，模拟您本人刷脸通过。',
    'withdraw.faceSimulate': '模拟刷脸认证',
    'withdraw.faceWorking': '正在认证…',
    'withdraw.facePassed': '刷脸认证已通过',
    'withdraw.faceFailed': '刷脸认证没有通过，请重试。',
    'withdraw.submit': '提交提取申请',
    'withdraw.submitting': '正在提交…',
    'withdraw.noAnswer': '没有收到提交结果，您的申请可能已经送达。',
    'withdraw.retry': '重新提交',
    'withdraw.retryNote': '重新提交不会重复提取：同一笔申请只会办理一次。',
    'withdraw.startOver': '重新填写',
    'withdraw.statusTitle': '提取进度',
    'withdraw.amountLine': '{category} {amount}',
    'withdraw.paidAt': '到账时间：{time}',
    'withdraw.status.ACCEPTED': '已受理，正在安排付款',
    'withdraw.status.PAYING': '银行正在付款',
    'withdraw.status.PAID': '钱已到您的银行卡',
    'withdraw.status.FAILED': '付款没有成功',
    'withdraw.status.RETURNED': '银行退回了这笔款项',
    'withdraw.waiting': '请稍候，状态会自动更新。',
    'withdraw.reconnecting': '连接中断，正在重新获取进度…',
    'withdraw.failedWhy': '原因：{reason}',
    'withdraw.failedWhat': '这笔钱已经回到您的公积金可用余额。请确认银行卡状态正常（未挂失、未销户），然后重新申请，或换一张本人银行卡；仍有问题请拨打 12329。',
    'withdraw.returnedWhat': '款项已退回您的公积金账户。请确认银行卡状态后重新申请，或拨打 12329。',
    'withdraw.again': '再办一笔',
    'withdraw.home': '返回首页',
    'withdraw.failure.SANDBOX_REJECTED': '银行拒绝了这笔付款（体验环境模拟）',
    'withdraw.failure.default': '银行未能完成付款（{code}）',
    'withdraw.failure.CARD_CLOSED': '收款银行卡已销户',
    'withdraw.reason.ACCOUNT_NOT_ACTIVE': '账户不是正常缴存状态',
    'withdraw.reason.LOAN_OVERDUE': '公积金贷款有逾期',
    'withdraw.reason.NOT_ELIGIBLE': '不符合这项提取的条件',
    'withdraw.reason.OTHER_WITHDRAWAL_IN_FLIGHT': '另一笔提取正在办理中，请等它完成',
    'withdraw.reason.CATEGORY_CAP_EXCEEDED': '已达到这项提取的额度上限',
    'withdraw.reason.AMOUNT_ABOVE_SINGLE_PAYOUT_LIMIT': '超过单笔付款上限',
    'withdraw.reason.INSUFFICIENT_BALANCE': '可用余额不足',
    'withdraw.reason.DATA_SHARING_UNAVAILABLE': '暂时无法查询共享数据，请稍后再试',
    'withdraw.reason.NOT_ONLINE': '这项提取需要到柜台办理',
  },
  en: {
    'withdraw.title': 'Withdraw',
    'withdraw.checklist': 'What you can withdraw now',
    'withdraw.checklistNote': 'Checked against your account and shared records; the final check is made when you submit.',
    'withdraw.eligible': 'Available',
    'withdraw.notEligible': 'Not now',
    'withdraw.upTo': 'Up to {amount}',
    'withdraw.centreChecks': 'The centre checks: {items}',
    'withdraw.choose': 'Choose',
    'withdraw.none': 'Nothing can be withdrawn online just now.',
    'withdraw.details': 'Withdrawal details',
    'withdraw.category': 'Kind of withdrawal',
    'withdraw.amount': 'Amount (CNY)',
    'withdraw.amountHint': 'At most {amount}',
    'withdraw.amountInvalid': 'Enter an amount from 0.01 to {amount}.',
    'withdraw.card': 'Pay to card',
    'withdraw.cardRealTime': 'real-time',
    'withdraw.noCard': 'You have no bank card of your own on file; add one at a counter or in the app first.',
    'withdraw.back': 'Back to the list',
    'withdraw.face': 'Face verification',
    'withdraw.faceSandbox': 'Sandbox: no camera is used. The button below calls the sandbox face service\'s completion route, as if you had passed the face check.',
    'withdraw.faceSimulate': 'Simulate face verification',
    'withdraw.faceWorking': 'Verifying…',
    'withdraw.facePassed': 'Face verification passed',
    'withdraw.faceFailed': 'Face verification did not pass; please try again.',
    'withdraw.submit': 'Submit the withdrawal',
    'withdraw.submitting': 'Submitting…',
    'withdraw.noAnswer': 'No answer came back; your request may have arrived.',
    'withdraw.retry': 'Submit again',
    'withdraw.retryNote': 'Submitting again never withdraws twice: the same request is only ever made once.',
    'withdraw.startOver': 'Start over',
    'withdraw.statusTitle': 'Withdrawal status',
    'withdraw.amountLine': '{category} {amount}',
    'withdraw.paidAt': 'Paid at {time}',
    'withdraw.status.ACCEPTED': 'Accepted; the payment is being arranged',
    'withdraw.status.PAYING': 'The bank is paying',
    'withdraw.status.PAID': 'The money is on your card',
    'withdraw.status.FAILED': 'The payment did not go through',
    'withdraw.status.RETURNED': 'The bank sent the money back',
    'withdraw.waiting': 'Please wait; this updates by itself.',
    'withdraw.reconnecting': 'Connection lost; fetching the status again…',
    'withdraw.failedWhy': 'Reason: {reason}',
    'withdraw.failedWhat': 'The money is back in your available balance. Check that the card is in order (not reported lost or closed), then apply again or use another card of yours; for help call 12329.',
    'withdraw.returnedWhat': 'The money is back in your provident fund account. Check the card and apply again, or call 12329.',
    'withdraw.again': 'Make another withdrawal',
    'withdraw.home': 'Back to home',
    'withdraw.failure.SANDBOX_REJECTED': 'The bank refused the payment (sandbox simulation)',
    'withdraw.failure.default': 'The bank could not complete the payment ({code})',
    'withdraw.failure.CARD_CLOSED': 'The card has been closed',
    'withdraw.reason.ACCOUNT_NOT_ACTIVE': 'Your account is not active',
    'withdraw.reason.LOAN_OVERDUE': 'Your provident fund loan is overdue',
    'withdraw.reason.NOT_ELIGIBLE': 'You do not meet this withdrawal\'s conditions',
    'withdraw.reason.OTHER_WITHDRAWAL_IN_FLIGHT': 'Another withdrawal is under way; wait until it is done',
    'withdraw.reason.CATEGORY_CAP_EXCEEDED': 'The limit for this kind of withdrawal is used up',
    'withdraw.reason.AMOUNT_ABOVE_SINGLE_PAYOUT_LIMIT': 'Above the single-payment limit',
    'withdraw.reason.INSUFFICIENT_BALANCE': 'Not enough available balance',
    'withdraw.reason.DATA_SHARING_UNAVAILABLE': 'Shared records cannot be checked just now; try again later',
    'withdraw.reason.NOT_ONLINE': 'This withdrawal is made at a counter',
  },
});

const TERMINAL = new Set(['PAID', 'FAILED', 'RETURNED']);

function pending() {
  try {
    return JSON.parse(sessionStorage.getItem(PENDING_KEY));
  } catch {
    return null;
  }
}

function keepPending(p) {
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(p));
}

function dropPending() {
  sessionStorage.removeItem(PENDING_KEY);
}

/** "1234.5" → 123450 fen, by the digits (no binary fractions); null when not an amount. */
export function toFen(text) {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text.replace(/[,，]/g, ''));
  if (!m) {
    return null;
  }
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'));
}

function yuan(fen) {
  return (fen / 100).toFixed(2);
}

function problemText(e, t) {
  return e instanceof ProblemError ? e.detail : t('api.unexpected');
}

/** Outcome unknown or nothing done yet: the same key may (and must) be sent again. */
function retryable(e) {
  return !(e instanceof ProblemError) || e.status === 0 || e.status >= 500 || e.status === 409
    && e.code === 'IDEMPOTENCY_KEY_IN_FLIGHT';
}

function reasonsText(item, t) {
  return item.reasons.map((code, i) => {
    const key = 'withdraw.reason.' + code;
    const text = t(key);
    return text === key ? (item.details?.[i] || code) : text;
  });
}

export default async function render(root, ctx) {
  const {t, params} = ctx;
  const id = params.get('id');
  if (id) {
    return renderStatus(root, ctx, id);
  }
  const waiting = pending();
  if (waiting) {
    return renderUnanswered(root, ctx, waiting, null);
  }
  return renderChecklist(root, ctx);
}

async function renderChecklist(root, ctx) {
  const {t, api} = ctx;
  const {items} = await api.get('/v1/me/guide/withdrawal-categories');
  const list = el('ul', {class: 'choices', id: 'categories'});
  const eligible = items.filter(i => i.eligible && i.online);
  for (const item of items) {
    const ok = item.eligible && item.online;
    const head = el('strong', {}, item.name,
      el('span', {class: 'badge ' + (ok ? 'ok' : 'no')}, t(ok ? 'withdraw.eligible' : 'withdraw.notEligible')));
    const why = ok
      ? [el('span', {class: 'why'}, t('withdraw.upTo', {amount: money(item.maxAmountFen)})),
        item.checkedByCentre?.length
          ? el('span', {class: 'why secondary'}, t('withdraw.centreChecks', {items: item.checkedByCentre.join('、')}))
          : null]
      : reasonsText(item, t).map(r => el('span', {class: 'why'}, r));
    if (ok) {
      list.append(el('li', {},
        el('button', {type: 'button', class: 'choice', 'data-category': item.category,
          onclick: () => renderForm(root, ctx, item)}, head, ...why)));
    } else {
      list.append(el('li', {class: 'secondary'},
        el('div', {class: 'choice', 'aria-disabled': 'true', 'data-category': item.category}, head, ...why)));
    }
  }
  root.replaceChildren(
    el('h1', {}, t('withdraw.title')),
    el('h2', {}, t('withdraw.checklist')),
    el('p', {class: 'note'}, t('withdraw.checklistNote')),
    eligible.length ? null : el('p', {class: 'error', role: 'status'}, t('withdraw.none')),
    list);
}

async function renderForm(root, ctx, item) {
  const {t, api} = ctx;
  const needsCard = item.category !== 'LOAN_REPAYMENT';
  const cards = needsCard ? (await api.get('/v1/me/bank-cards')).items : [];
  const error = el('p', {class: 'error', role: 'alert', id: 'withdraw-error', hidden: true});
  const amount = el('input', {type: 'text', inputmode: 'decimal', autocomplete: 'off', required: true,
    value: yuan(item.maxAmountFen)});
  const card = el('select', {required: true},
    ...cards.map(c => el('option', {value: String(c.id)},
      `${c.bankName} ${c.maskedNumber}` + (c.realTimePayout ? ` · ${t('withdraw.cardRealTime')}` : ''))));
  let faceId = null;
  const faceState = el('p', {role: 'status', id: 'face-status', class: 'note'});
  const faceButton = el('button', {type: 'button', id: 'face-simulate'}, t('withdraw.faceSimulate'));
  const submit = el('button', {type: 'submit', class: 'primary', id: 'withdraw-submit', disabled: true},
    t('withdraw.submit'));

  faceButton.addEventListener('click', async () => {
    faceButton.disabled = true;
    faceState.textContent = t('withdraw.faceWorking');
    try {
      const started = await api.post('/v1/face-verifications', {purpose: 'WITHDRAWAL'});
      const done = await api.post(`/sandbox/face-provider/verifications/${started.id}/complete`, {outcome: 'PASS'});
      if (done.status !== 'PASSED') {
        throw new ProblemError({status: 422, code: 'FACE_FAILED', detail: t('withdraw.faceFailed')});
      }
      faceId = done.id;
      faceState.textContent = '✓ ' + t('withdraw.facePassed');
      faceState.className = 'success';
      submit.disabled = false;
    } catch (e) {
      faceState.textContent = problemText(e, t);
      faceState.className = 'error';
      faceButton.disabled = false;
    }
  });

  const form = el('form', {class: 'card', id: 'withdraw-form', novalidate: true},
    el('h2', {}, t('withdraw.details')),
    el('p', {}, t('withdraw.category') + '：', el('strong', {id: 'withdraw-category'}, item.name)),
    field('withdraw-amount', t('withdraw.amount'), amount, t('withdraw.amountHint', {amount: money(item.maxAmountFen)})),
    needsCard ? (cards.length ? field('withdraw-card', t('withdraw.card'), card)
      : el('p', {class: 'error'}, t('withdraw.noCard'))) : null,
    el('section', {'aria-labelledby': 'face-heading'},
      el('h3', {id: 'face-heading'}, t('withdraw.face')),
      el('p', {class: 'note', id: 'face-sandbox-note'}, t('withdraw.faceSandbox')),
      faceButton, faceState),
    error,
    el('p', {class: 'actions'}, submit,
      el('button', {type: 'button', onclick: () => renderChecklist(root, ctx)}, t('withdraw.back'))));

  form.addEventListener('submit', async e => {
    e.preventDefault();
    error.hidden = true;
    const fen = toFen(amount.value);
    if (fen === null || fen <= 0 || fen > item.maxAmountFen) {
      error.textContent = t('withdraw.amountInvalid', {amount: yuan(item.maxAmountFen)});
      error.hidden = false;
      amount.setAttribute('aria-invalid', 'true');
      amount.focus();
      return;
    }
    if (needsCard && !cards.length) {
      return;
    }
    amount.removeAttribute('aria-invalid');
    const body = {category: item.category, amountFen: fen, faceVerificationId: faceId};
    if (needsCard) {
      body.bankCardId = Number(card.value);
    }
    // Kept before sending: whatever happens to the answer, a retry reuses this key.
    const p = {key: newKey(), body, name: item.name};
    keepPending(p);
    submit.disabled = true;
    submit.textContent = t('withdraw.submitting');
    await send(root, ctx, p, error, () => {
      submit.disabled = false;
      submit.textContent = t('withdraw.submit');
    });
  });

  root.replaceChildren(el('h1', {}, t('withdraw.title')), form);
  amount.focus();
}

/** Sends the kept submission; on an answer forgets it, on no answer shows the retry. */
async function send(root, ctx, p, error, onRefused) {
  const {t, api, navigate} = ctx;
  try {
    const created = await api.post('/v1/withdrawals', p.body, {idempotencyKey: p.key});
    dropPending();
    sessionStorage.setItem(NAME_KEY + created.id, p.name || p.body.category);
    navigate('/h5/withdraw?id=' + encodeURIComponent(created.id), {replace: true});
  } catch (e) {
    if (retryable(e)) {
      renderUnanswered(root, ctx, p, e);
      return;
    }
    // A definite refusal: nothing was made, the key has served.
    dropPending();
    if (error) {
      error.textContent = problemText(e, t);
      error.hidden = false;
      error.focus?.();
      onRefused?.();
    } else {
      renderRefused(root, ctx, e);
    }
  }
}

function renderUnanswered(root, ctx, p, e) {
  const {t} = ctx;
  const retry = el('button', {type: 'button', class: 'primary', id: 'withdraw-retry'}, t('withdraw.retry'));
  retry.addEventListener('click', async () => {
    retry.disabled = true;
    retry.textContent = t('withdraw.submitting');
    await send(root, ctx, p, null);
  });
  root.replaceChildren(
    el('h1', {}, t('withdraw.title')),
    el('div', {class: 'error', role: 'alert', id: 'withdraw-error'},
      el('p', {}, e ? problemText(e, t) : t('withdraw.noAnswer')),
      e ? el('p', {}, t('withdraw.noAnswer')) : null),
    el('p', {}, t('withdraw.amountLine', {category: p.name || p.body.category, amount: money(p.body.amountFen)})),
    el('p', {class: 'note'}, t('withdraw.retryNote')),
    el('p', {class: 'actions'}, retry));
  root.querySelector('h1').focus?.();
}

function renderRefused(root, ctx, e) {
  const {t} = ctx;
  root.replaceChildren(
    el('h1', {}, t('withdraw.title')),
    el('p', {class: 'error', role: 'alert', id: 'withdraw-error'}, problemText(e, t)),
    el('p', {class: 'actions'},
      el('button', {type: 'button', class: 'primary', onclick: () => renderChecklist(root, ctx)}, t('withdraw.startOver'))));
}

function failureText(code, t) {
  const key = 'withdraw.failure.' + code;
  const text = t(key);
  return text === key ? t('withdraw.failure.default', {code}) : text;
}

async function renderStatus(root, ctx, id) {
  const {t, api} = ctx;
  const headline = el('p', {class: 'live', id: 'withdraw-status', role: 'status', 'aria-live': 'polite'});
  const line = el('p', {id: 'withdraw-amount'});
  const help = el('div', {id: 'withdraw-help'});
  const next = el('p', {class: 'actions', hidden: true},
    el('a', {class: 'button primary', href: '/h5/'}, t('withdraw.home')),
    el('a', {class: 'button', href: '/h5/withdraw'}, t('withdraw.again')));
  root.replaceChildren(el('h1', {}, t('withdraw.statusTitle')), headline, line, help, next);

  let rank = -1;
  const order = ['ACCEPTED', 'PAYING', 'PAID', 'FAILED', 'RETURNED'];
  const ranks = {ACCEPTED: 0, PAYING: 1, PAID: 2, FAILED: 2, RETURNED: 3};
  let finished = false;

  function show(w) {
    if (!order.includes(w.status) || ranks[w.status] < rank) {
      return; // a late or repeated event never takes the status back
    }
    rank = ranks[w.status];
    headline.textContent = t('withdraw.status.' + w.status);
    headline.className = 'live ' + (w.status === 'PAID' ? 'success' : w.status === 'FAILED' || w.status === 'RETURNED' ? 'error' : '');
    headline.dataset.status = w.status;
    const name = sessionStorage.getItem(NAME_KEY + w.id) || w.category;
    line.textContent = t('withdraw.amountLine', {category: name, amount: money(w.amountFen)});
    if (w.status === 'FAILED') {
      help.replaceChildren(
        el('p', {id: 'withdraw-reason'}, t('withdraw.failedWhy', {reason: failureText(w.failureCode, t)})),
        el('p', {}, t('withdraw.failedWhat')));
    } else if (w.status === 'RETURNED') {
      help.replaceChildren(el('p', {}, t('withdraw.returnedWhat')));
    } else if (!TERMINAL.has(w.status)) {
      help.replaceChildren(el('p', {class: 'note'}, t('withdraw.waiting')));
    } else if (w.status === 'PAID') {
      const at = w.paidAt || w.updatedAt;
      help.replaceChildren(at ? el('p', {id: 'withdraw-paid-at'}, t('withdraw.paidAt', {time: dateTime(at)})) : '');
    } else {
      help.replaceChildren();
    }
    if (TERMINAL.has(w.status)) {
      finished = true;
      next.hidden = false;
    }
  }

  show(await api.get('/v1/withdrawals/' + encodeURIComponent(id)));
  const abort = new AbortController();
  let timer = null;

  async function follow(attempt) {
    if (finished || abort.signal.aborted) {
      return;
    }
    try {
      await api.stream(`/v1/withdrawals/${encodeURIComponent(id)}/events`, ev => {
        if (ev.data && typeof ev.data === 'object') {
          show(ev.data);
        }
      }, abort.signal);
    } catch (e) {
      if (abort.signal.aborted) {
        return;
      }
      if (e instanceof ProblemError && e.status >= 400 && e.status < 500) {
        help.replaceChildren(el('p', {class: 'error', role: 'alert'}, problemText(e, t)));
        return;
      }
    }
    if (!finished && !abort.signal.aborted) {
      // The stream ended early (a proxy, a restart): come back to it, a little later each time.
      help.replaceChildren(el('p', {class: 'note'}, t('withdraw.reconnecting')));
      timer = setTimeout(() => follow(attempt + 1), Math.min(1000 * 2 ** attempt, 15000));
    }
  }
  follow(0);
  return () => {
    abort.abort();
    clearTimeout(timer);
  };
}
