import {addStrings} from '../i18n.js';
import {el} from '../dom.js';

addStrings({zh: {'statements.title': '明细'}, en: {'statements.title': 'Statements'}});

export default async function render(root, ctx) {
  root.replaceChildren(el('h1', {}, ctx.t('statements.title')));
}
