// 预约办理: pick a service, an outlet, a day and a free slot; book it (with an Idempotency-Key kept until the
// server answered, so a retry after a lost answer never books twice); see and cancel my appointments.
import {addStrings} from '../i18n.js';
import {el, fill, clock, day, shanghaiDate, alertBox, section, field, problemText, randomToken, title, lang}
  from './parts.js';

addStrings({
  zh: {
    'appt.title': '预约办理',
    'appt.mine': '我的预约',
    'appt.none': '您还没有预约。',
    'appt.book': '新建预约',
    'appt.service': '办理事项',
    'appt.outlet': '办理网点',
    'appt.day': '日期',
    'appt.choose': '请选择',
    'appt.find': '查看可约时段',
    'appt.slots': '可约时段',
    'appt.noSlots': '这一天没有可约时段，请换一天或换一个网点。',
    'appt.slot': '{from}–{to}，剩余 {n} 个名额',
    'appt.full': '{from}–{to}，已约满',
    'appt.confirm': '确认预约',
    'appt.booked': '预约成功：{when}，{outlet}。请携带身份证按时到达。',
    'appt.when': '{day} {from}–{to}',
    'appt.cancel': '取消预约',
    'appt.cancelConfirm': '确认取消',
    'appt.keep': '不取消',
    'appt.cancelled': '已取消预约。',
    'appt.BOOKED': '已预约',
    'appt.PAST': '已过期',
    'appt.CANCELLED': '已取消',
    'appt.CANCELLED_BY_CENTRE': '中心已取消',
    'appt.retry': '网络中断，预约结果未知。请点“确认预约”重试，不会重复预约。',
    'appt.pickSlot': '请先选择一个时段。',
    'appt.incomplete': '请选择办理事项、网点和日期。',
    'appt.hours': '营业时间：{hours}',
  },
  en: {
    'appt.title': 'Appointments',
    'appt.mine': 'My appointments',
    'appt.none': 'You have no appointment.',
    'appt.book': 'Book an appointment',
    'appt.service': 'Service',
    'appt.outlet': 'Service hall',
    'appt.day': 'Day',
    'appt.choose': 'Choose',
    'appt.find': 'Show free times',
    'appt.slots': 'Free times',
    'appt.noSlots': 'No free time that day. Try another day or another hall.',
    'appt.slot': '{from}–{to}, {n} place(s) left',
    'appt.full': '{from}–{to}, full',
    'appt.confirm': 'Book this time',
    'appt.booked': 'Booked: {when}, {outlet}. Please bring your ID card and come on time.',
    'appt.when': '{day} {from}–{to}',
    'appt.cancel': 'Cancel appointment',
    'appt.cancelConfirm': 'Yes, cancel it',
    'appt.keep': 'Keep it',
    'appt.cancelled': 'The appointment is cancelled.',
    'appt.BOOKED': 'Booked',
    'appt.PAST': 'Past',
    'appt.CANCELLED': 'Cancelled',
    'appt.CANCELLED_BY_CENTRE': 'Cancelled by the centre',
    'appt.retry': 'The connection dropped before the answer. Press "Book this time" again: it will not book twice.',
    'appt.pickSlot': 'Choose a time first.',
    'appt.incomplete': 'Choose a service, a hall and a day.',
    'appt.hours': 'Opening hours: {hours}',
  },
});

const DAYS_AHEAD = 30;

export default async function render(root, ctx) {
  const {api, t} = ctx;
  title(t('appt.title'), t);
  const en = lang() === 'en';
  const alert = alertBox();
  const status = el('p', {id: 'appt-status', class: 'notice', role: 'status'});
  const mine = el('div', {id: 'appt-mine'});
  const service = el('select', {required: true}, el('option', {value: '', text: t('appt.choose')}));
  const outlet = el('select', {required: true, disabled: true}, el('option', {value: '', text: t('appt.choose')}));
  const dayPick = el('select', {required: true});
  for (let i = 0; i <= DAYS_AHEAD; i++) {
    const d = shanghaiDate(i);
    const label = new Intl.DateTimeFormat(en ? 'en-GB' : 'zh-CN', {timeZone: 'Asia/Shanghai', month: 'long',
      day: 'numeric', weekday: 'short'}).format(new Date(d + 'T12:00:00+08:00'));
    dayPick.append(el('option', {value: d, text: label}));
  }
  const hours = el('p', {class: 'hint', id: 'appt-hours'});
  const slotsBox = el('div', {id: 'appt-slots', 'aria-live': 'polite'});
  const form = el('form', {class: 'card', novalidate: true},
    field('appt-service', t('appt.service'), service),
    field('appt-outlet', t('appt.outlet'), outlet),
    hours,
    field('appt-day', t('appt.day'), dayPick),
    el('button', {type: 'submit', id: 'appt-find', text: t('appt.find')}));
  root.replaceChildren(el('h1', {text: t('appt.title')}), status, alert.node,
    section('appt-mine-h', t('appt.mine'), mine),
    section('appt-book-h', t('appt.book'), form, slotsBox));

  const names = {services: new Map(), outlets: new Map()};
  const outletsById = new Map();
  try {
    const [guide, outlets] = await Promise.all([api.get('/v1/guide/services?audience=MEMBER'),
      api.get('/v1/outlets?limit=50')]);
    for (const s of guide.items.filter(s => s.mode !== 'ONLINE')) {
      names.services.set(s.code, en && s.nameEn ? s.nameEn : s.name);
      service.append(el('option', {value: s.code, text: names.services.get(s.code)}));
    }
    for (const o of outlets.items) { names.outlets.set(o.id, o.name); outletsById.set(o.id, o); }
  } catch (err) {
    alert.show(problemText(err, t));
  }
  await showMine();

  service.addEventListener('change', async () => {
    slotsBox.replaceChildren();
    outlet.replaceChildren(el('option', {value: '', text: t('appt.choose')}));
    outlet.disabled = !service.value;
    hours.textContent = '';
    if (!service.value) return;
    try {
      const list = await api.get('/v1/outlets?limit=50&service=' + encodeURIComponent(service.value));
      for (const o of list.items) outlet.append(el('option', {value: o.id, text: o.name}));
    } catch (err) {
      alert.show(problemText(err, t));
    }
  });
  outlet.addEventListener('change', () => {
    slotsBox.replaceChildren();
    const o = outletsById.get(outlet.value);
    hours.textContent = o && o.hours ? fill(t('appt.hours'), {hours: o.hours}) : '';
  });
  dayPick.addEventListener('change', () => slotsBox.replaceChildren());

  form.addEventListener('submit', async e => {
    e.preventDefault();
    alert.clear();
    if (!service.value || !outlet.value || !dayPick.value) { alert.show(t('appt.incomplete')); return; }
    const q = new URLSearchParams({outletId: outlet.value, service: service.value, date: dayPick.value});
    try {
      const slots = await api.get('/v1/appointments/slots?' + q);
      showSlots(slots.items, {outletId: outlet.value, service: service.value});
    } catch (err) {
      slotsBox.replaceChildren();
      alert.show(problemText(err, t));
    }
  });

  function showSlots(items, target) {
    if (!items.length) {
      slotsBox.replaceChildren(el('p', {class: 'empty', text: t('appt.noSlots')}));
      return;
    }
    const group = el('fieldset', {class: 'choices slots'}, el('legend', {text: t('appt.slots')}));
    items.forEach((s, i) => {
      const id = 'appt-slot-' + i;
      const vars = {from: clock(s.start), to: clock(s.end), n: s.remaining};
      group.append(el('div', {class: 'choice'},
        el('input', {type: 'radio', name: 'slot', id, value: s.start, disabled: s.remaining <= 0}),
        el('label', {for: id, text: fill(t(s.remaining > 0 ? 'appt.slot' : 'appt.full'), vars)})));
    });
    // One key per booking attempt: kept across retries of the same slot until the server has answered.
    let pending = null;
    const confirm = el('button', {type: 'button', class: 'primary', id: 'appt-confirm', text: t('appt.confirm')});
    confirm.addEventListener('click', async () => {
      alert.clear();
      const chosen = group.querySelector('input[name=slot]:checked');
      if (!chosen) { alert.show(t('appt.pickSlot')); return; }
      const body = {outletId: target.outletId, service: target.service, slotStart: chosen.value};
      if (!pending || JSON.stringify(pending.body) !== JSON.stringify(body)) pending = {body, key: randomToken(24)};
      confirm.disabled = true;
      try {
        const booked = await api.post('/v1/appointments', body, {idempotencyKey: pending.key});
        pending = null;
        slotsBox.replaceChildren();
        status.textContent = fill(t('appt.booked'), {when: when(booked), outlet: names.outlets.get(booked.outletId)
          || booked.outletId});
        await showMine();
      } catch (err) {
        if (err && err.status) {
          pending = null;
          alert.show(problemText(err, t));
        } else {
          alert.show(t('appt.retry'));
        }
      } finally {
        confirm.disabled = false;
      }
    });
    slotsBox.replaceChildren(group, confirm);
  }

  function when(a) {
    return fill(t('appt.when'), {day: day(a.start.slice(0, 10), lang()), from: clock(a.start), to: clock(a.end)});
  }

  async function showMine() {
    let list;
    try {
      list = await api.get('/v1/me/appointments');
    } catch (err) {
      alert.show(problemText(err, t));
      return;
    }
    if (!list.items.length) {
      mine.replaceChildren(el('p', {class: 'empty', text: t('appt.none')}));
      return;
    }
    const ul = el('ul', {class: 'cards'});
    for (const a of list.items) ul.append(item(a));
    mine.replaceChildren(ul);
  }

  function item(a) {
    const li = el('li', {class: 'card appt appt-' + a.status.toLowerCase(), 'data-id': a.id},
      el('p', {class: 'strong', text: names.services.get(a.service) || a.service}),
      el('p', {text: when(a)}),
      el('p', {text: names.outlets.get(a.outletId) || a.outletId}),
      el('p', {class: 'status', text: t('appt.' + a.status)}),
      a.cancelReason ? el('p', {class: 'hint', text: a.cancelReason}) : null);
    if (a.status === 'BOOKED') {
      const actions = el('div', {class: 'actions'});
      const cancel = el('button', {type: 'button', class: 'appt-cancel', text: t('appt.cancel')});
      cancel.addEventListener('click', () => {
        const yes = el('button', {type: 'button', class: 'danger appt-cancel-yes', text: t('appt.cancelConfirm')});
        const no = el('button', {type: 'button', text: t('appt.keep')});
        no.addEventListener('click', () => { actions.replaceChildren(cancel); cancel.focus(); });
        yes.addEventListener('click', async () => {
          yes.disabled = true;
          try {
            await api.del('/v1/appointments/' + encodeURIComponent(a.id));
            status.textContent = t('appt.cancelled');
            await showMine();
          } catch (err) {
            yes.disabled = false;
            alert.show(problemText(err, t));
          }
        });
        actions.replaceChildren(yes, no);
        yes.focus();
      });
      actions.append(cancel);
      li.append(actions);
    }
    return li;
  }
}
