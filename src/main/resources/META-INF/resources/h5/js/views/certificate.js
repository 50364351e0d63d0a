// 缴存证明: request a deposit certificate (with an Idempotency-Key kept until answered), download its signed PDF,
// and open the public verification a third party sees from its QR code.
import {addStrings} from '../i18n.js';
import {ProblemError, session} from '../api.js';
import {el, day, facts, alertBox, section, field, problemText, randomToken, title, lang} from './parts.js';

addStrings({
  zh: {
    'cert.title': '缴存证明',
    'cert.intro': '开具住房公积金缴存证明，用于异地贷款、租房或签证。证明由中心电子签章，扫描其上的二维码即可核验真伪，90 天内有效。',
    'cert.from': '起始月份（可不填）',
    'cert.to': '截止月份（可不填）',
    'cert.rangeHint': '不填则为最近 12 个月；最多 36 个月。',
    'cert.request': '开具证明',
    'cert.issued': '证明已开具',
    'cert.code': '核验码',
    'cert.validUntil': '有效期至',
    'cert.download': '下载 PDF',
    'cert.downloaded': '已下载 PDF。',
    'cert.verify': '查看核验页面（他人扫码所见）',
    'cert.retry': '网络中断，结果未知。请再点“开具证明”，不会重复开具。',
  },
  en: {
    'cert.title': 'Deposit certificate',
    'cert.intro': 'A certificate of your HPF deposits, for a loan in another city, a landlord or a visa. It is signed by the centre; anyone can check it with its QR code for 90 days.',
    'cert.from': 'First month (optional)',
    'cert.to': 'Last month (optional)',
    'cert.rangeHint': 'Leave empty for the last 12 months; at most 36 months.',
    'cert.request': 'Issue certificate',
    'cert.issued': 'Certificate issued',
    'cert.code': 'Verification code',
    'cert.validUntil': 'Valid until',
    'cert.download': 'Download PDF',
    'cert.downloaded': 'The PDF is downloaded.',
    'cert.verify': 'See the verification page (what others see from the QR code)',
    'cert.retry': 'The connection dropped before the answer. Press "Issue certificate" again: it will not issue twice.',
  },
});

export default async function render(root, ctx) {
  const {api, t} = ctx;
  title(t('cert.title'), t);
  const alert = alertBox();
  const from = el('input', {type: 'month', autocomplete: 'off'});
  const to = el('input', {type: 'month', autocomplete: 'off'});
  const submit = el('button', {type: 'submit', class: 'primary', id: 'cert-request', text: t('cert.request')});
  const form = el('form', {class: 'card', novalidate: true},
    field('cert-from', t('cert.from'), from, t('cert.rangeHint')),
    field('cert-to', t('cert.to'), to),
    submit);
  const result = el('div', {id: 'cert-result', 'aria-live': 'polite'});
  root.replaceChildren(el('h1', {text: t('cert.title')}), el('p', {text: t('cert.intro')}), alert.node, form, result);

  let pending = null;
  form.addEventListener('submit', async e => {
    e.preventDefault();
    alert.clear();
    const body = {type: 'DEPOSIT'};
    if (from.value) body.from = from.value;
    if (to.value) body.to = to.value;
    if (!pending || JSON.stringify(pending.body) !== JSON.stringify(body)) pending = {body, key: randomToken(24)};
    submit.disabled = true;
    try {
      const issued = await api.post('/v1/me/certificates', body, {idempotencyKey: pending.key});
      pending = null;
      showIssued(issued);
    } catch (err) {
      if (err && err.status) {
        pending = null;
        alert.show(problemText(err, t));
      } else {
        alert.show(t('cert.retry'));
      }
    } finally {
      submit.disabled = false;
    }
  });

  function showIssued(issued) {
    const note = el('p', {role: 'status', class: 'notice'});
    const download = el('button', {type: 'button', class: 'primary', id: 'cert-download', text: t('cert.download')});
    download.addEventListener('click', async () => {
      alert.clear();
      download.disabled = true;
      try {
        const blob = await pdf(issued.id, t);
        const url = URL.createObjectURL(blob);
        const a = el('a', {href: url, download: 'deposit-certificate-' + issued.id + '.pdf', hidden: true});
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
        note.textContent = t('cert.downloaded');
      } catch (err) {
        alert.show(problemText(err, t));
      } finally {
        download.disabled = false;
      }
    });
    const verifyPath = '/h5/verify?code=' + encodeURIComponent(issued.verificationCode);
    const verify = el('a', {href: verifyPath, id: 'cert-verify-link', text: t('cert.verify')});
    verify.addEventListener('click', e => { e.preventDefault(); ctx.navigate(verifyPath); });
    result.replaceChildren(section('cert-issued-h', t('cert.issued'),
      facts([[t('cert.code'), el('code', {text: issued.verificationCode})],
        [t('cert.validUntil'), day(issued.validUntil, lang())]]),
      download, note, el('p', {}, verify)));
    download.focus();
  }
}

/** The signed PDF as a Blob: fetched with the bearer token (a plain link could not send it). */
async function pdf(id, t) {
  const token = session.data && session.data.accessToken;
  let r;
  try {
    r = await fetch('/v1/me/certificates/' + encodeURIComponent(id) + '/pdf', {cache: 'no-store',
      headers: {Accept: 'application/pdf, application/problem+json', Authorization: 'Bearer ' + token}});
  } catch {
    throw new ProblemError({status: 0, code: 'NETWORK', detail: t('api.network')});
  }
  if (!r.ok) {
    const body = await r.json().catch(() => ({}));
    throw new ProblemError({status: r.status, code: body.code, title: body.title, detail: body.detail});
  }
  return r.blob();
}
