// Placeholder: the view is written by another helper.
import {addStrings} from '../i18n.js';
import {el} from '../dom.js';

addStrings({zh: {'transfers.title': '转移接续'}, en: {'transfers.title': 'Transfers'}});

export default async function render(root, ctx) {
  root.replaceChildren(el('h1', {}, ctx.t('transfers.title')));
}
