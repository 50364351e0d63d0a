// Placeholder: the view is written by another helper.
import {addStrings} from '../i18n.js';
import {el} from '../dom.js';

addStrings({zh: {'appointments.title': '预约办理'}, en: {'appointments.title': 'Appointments'}});

export default async function render(root, ctx) {
  root.replaceChildren(el('h1', {}, ctx.t('appointments.title')));
}
