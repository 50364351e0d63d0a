// The two cluster switches, big: open or paused, by whom, since when and why; each change confirmed first.
import {addStrings, dateTime} from '../i18n.js';
import {el} from '../dom.js';
import {confirmAction} from '../confirm.js';

addStrings({
  zh: {
    'switch.ADMISSIONS': '提取受理', 'switch.PAYOUTS': '银行出款',
    'switch.open': '运行中', 'switch.paused': '已暂停',
    'switch.pause': '暂停', 'switch.resume': '恢复',
    'switch.by': '{who} 于 {at}', 'switch.reason': '原因：{reason}', 'switch.never': '从未变更',
    'switch.pauseADMISSIONS.title': '暂停全集群的提取受理？',
    'switch.pauseADMISSIONS.text': '所有副本在一秒内拒绝新的提取申请（503，稍后重试）；已受理的提取照常出款。',
    'switch.resumeADMISSIONS.title': '恢复全集群的提取受理？',
    'switch.resumeADMISSIONS.text': '所有副本在一秒内重新受理提取申请。',
    'switch.pausePAYOUTS.title': '暂停全集群的银行出款？',
    'switch.pausePAYOUTS.text': '不再向银行发起新的出款，已发出的照常完成；已受理的提取排队等待，恢复后出款，不会丢失也不会重复。',
    'switch.resumePAYOUTS.title': '恢复全集群的银行出款？',
    'switch.resumePAYOUTS.text': '排队的提取会立即开始出款。',
    'switch.done': '{name}：{state}', 'switch.error': '操作未完成：{detail}',
  },
  en: {
    'switch.ADMISSIONS': 'Admissions', 'switch.PAYOUTS': 'Payouts',
    'switch.open': 'Open', 'switch.paused': 'Paused',
    'switch.pause': 'Pause', 'switch.resume': 'Resume',
    'switch.by': '{who} at {at}', 'switch.reason': 'Reason: {reason}', 'switch.never': 'Never changed',
    'switch.pauseADMISSIONS.title': 'Pause admissions on the whole cluster?',
    'switch.pauseADMISSIONS.text': 'Within a second every replica refuses new withdrawals (503, retry later); '
      + 'admitted ones are still paid.',
    'switch.resumeADMISSIONS.title': 'Resume admissions on the whole cluster?',
    'switch.resumeADMISSIONS.text': 'Within a second every replica admits withdrawals again.',
    'switch.pausePAYOUTS.title': 'Hold payouts on the whole cluster?',
    'switch.pausePAYOUTS.text': 'No new payment goes to the bank; those already sent finish. Admitted withdrawals '
      + 'wait and are paid after the resume: none lost, none paid twice.',
    'switch.resumePAYOUTS.title': 'Resume payouts on the whole cluster?',
    'switch.resumePAYOUTS.text': 'The waiting withdrawals are paid at once.',
    'switch.done': '{name}: {state}', 'switch.error': 'Not done: {detail}',
  },
});

const NAMES = ['ADMISSIONS', 'PAYOUTS'];

export default function switches(ctx) {
  const {api, t} = ctx;
  const message = el('p', {class: 'switch-message', role: 'status', id: 'switch-message'});
  const tiles = {};
  for (const name of NAMES) {
    const lower = name.toLowerCase();
    const state = el('p', {class: 'switch-state', id: `switch-${lower}-state`, text: '—'});
    const detail = el('p', {class: 'sub', id: `switch-${lower}-detail`});
    const button = el('button', {type: 'button', id: `switch-${lower}-button`, disabled: true, text: '…'});
    const node = el('section', {class: 'switch', id: `switch-${lower}`, 'aria-labelledby': `switch-${lower}-title`},
      el('h3', {id: `switch-${lower}-title`, text: t(`switch.${name}`)}), state, detail, button);
    tiles[name] = {node, state, detail, button, paused: null, changedAt: 0};
    button.addEventListener('click', () => toggle(name));
  }

  function show(name, paused, info) {
    const tile = tiles[name];
    // An answer read before the last change shown here (a slow GET overtaken by a POST) is not shown.
    const at = info && info.changedAt ? Date.parse(info.changedAt) : 0;
    if (at < tile.changedAt) {
      return;
    }
    tile.changedAt = at;
    tile.paused = paused;
    tile.node.dataset.paused = String(paused);
    tile.node.classList.toggle('paused', paused);
    tile.state.textContent = paused ? `⏸ ${t('switch.paused')}` : `▶ ${t('switch.open')}`;
    tile.button.textContent = t(paused ? 'switch.resume' : 'switch.pause');
    tile.button.className = paused ? 'resume' : 'danger';
    tile.button.setAttribute('aria-label', `${t(paused ? 'switch.resume' : 'switch.pause')} ${t(`switch.${name}`)}`);
    tile.button.disabled = false;
    {
      const lines = [];
      if (info.changedAt) {
        lines.push(t('switch.by', {who: info.changedBy || '—', at: dateTime(info.changedAt)}));
        if (info.reason) {
          lines.push(t('switch.reason', {reason: info.reason}));
        }
      } else {
        lines.push(t('switch.never'));
      }
      tile.detail.textContent = lines.join(' · ');
    }
  }

  let reading = null;

  function refresh() {
    if (!reading) {
      reading = read().finally(() => {
        reading = null;
      });
    }
    return reading;
  }

  async function read() {
    try {
      const all = await api.get('/v1/ops/switches');
      show('ADMISSIONS', all.admissions.paused, all.admissions);
      show('PAYOUTS', all.payouts.paused, all.payouts);
    } catch (e) {
      message.textContent = t('switch.error', {detail: e.detail || e.message});
    }
  }

  async function toggle(name) {
    const pause = !tiles[name].paused;
    const verb = pause ? 'pause' : 'resume';
    const answer = await confirmAction({title: t(`switch.${verb}${name}.title`), text: t(`switch.${verb}${name}.text`),
      action: `${t(`switch.${verb}`)} ${t(`switch.${name}`)}`, withReason: true});
    tiles[name].button.focus();
    if (!answer.ok) {
      return;
    }
    tiles[name].button.disabled = true;
    try {
      const state = await api.post(`/v1/ops/${name.toLowerCase()}/${verb}`,
        answer.reason ? {reason: answer.reason} : {});
      show(name, state.paused, state);
      message.textContent = t('switch.done', {name: t(`switch.${name}`),
        state: t(state.paused ? 'switch.paused' : 'switch.open')});
    } catch (e) {
      tiles[name].button.disabled = false;
      message.textContent = t('switch.error', {detail: e.detail || e.message});
    }
  }

  return {
    node: el('div', {class: 'switches'}, tiles.ADMISSIONS.node, tiles.PAYOUTS.node, message),
    refresh,
    /**
     * The live feed's flags. One that differs from a tile is not shown as it is (it may have been read just before
     * this operator's own change): the switches are read again, and what they say is shown.
     */
    live(figures) {
      if (tiles.ADMISSIONS.paused !== figures.admissionsPaused || tiles.PAYOUTS.paused !== figures.payoutsPaused) {
        refresh();
      }
    },
    cleanup() {},
  };
}
