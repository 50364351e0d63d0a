// Placeholder: the view is written by another helper.
import {addStrings} from '../i18n.js';
import {el} from '../dom.js';

addStrings({zh: {'verify.title': '证明核验'}, en: {'verify.title': 'Verify a certificate'}});

export default async function render(root, ctx) {
  root.replaceChildren(el('h1', {}, ctx.t('verify.title')));
}
