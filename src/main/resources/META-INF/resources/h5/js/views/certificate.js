// Placeholder: the view is written by another helper.
import {addStrings} from '../i18n.js';
import {el} from '../dom.js';

addStrings({zh: {'certificate.title': '缴存证明'}, en: {'certificate.title': 'Deposit certificate'}});

export default async function render(root, ctx) {
  root.replaceChildren(el('h1', {}, ctx.t('certificate.title')));
}
