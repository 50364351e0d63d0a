// Building markup without innerHTML: el('p', {class: 'x', onclick: f}, 'text', child). Strings become text nodes.
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k === 'class') {
      e.className = v;
    } else if (k.startsWith('on') && typeof v === 'function') {
      e.addEventListener(k.slice(2), v);
    } else {
      e.setAttribute(k, v === true ? '' : v);
    }
  }
  e.append(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
  return e;
}

/** A labelled form field: <div class="field"><label for=id>label</label>control</div>. */
export function field(id, label, control, hint) {
  control.id = id;
  const parts = [el('label', {for: id}, label), control];
  if (hint) {
    const hintId = id + '-hint';
    control.setAttribute('aria-describedby', hintId);
    parts.push(el('p', {class: 'hint', id: hintId}, hint));
  }
  return el('div', {class: 'field'}, ...parts);
}
