// Lightning host emulator: DOM helpers shared by the views and the chrome (element builder, the
// page's own icons, the toast).
import { $ } from './core.js';

// Builds elements from data, never from HTML text: `h('a', {href, onclick}, child, [children])`.
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}
function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Small utility icons drawn for this page (SLDS sprites are not bundled). Keys follow the SLDS
// utility names that setSoftphonePanelIcon / setSoftphoneItemIcon take; unknown keys fall back
// to the handset and keep their name in the tooltip.
const HANDSET = 'M5 4h3.5l1.5 4.5-2.2 1.6a12 12 0 0 0 5.6 5.6l1.6-2.2 4.5 1.5v3.5a1.5 1.5 0 0 1-1.5 1.5A14 14 0 0 1 4 6a2 2 0 0 1 1-2z';
const ICONS = {
  call: [['path', { d: HANDSET }]],
  end_call: [['path', { d: HANDSET, transform: 'rotate(135 12 12)' }]],
  incoming_call: [['path', { d: HANDSET }], ['path', { d: 'M20.5 3.5 15 9m0-4.5V9h4.5', stroke: true }]],
  outbound_call: [['path', { d: HANDSET }], ['path', { d: 'M15 9l5.5-5.5M16 3.5h4.5V8', stroke: true }]],
  missed_call: [['path', { d: HANDSET }], ['path', { d: 'M15 3.5l5 5m0-5-5 5', stroke: true }]],
  phone_portrait: [['path', { d: 'M8 2h8a1.5 1.5 0 0 1 1.5 1.5v17A1.5 1.5 0 0 1 16 22H8a1.5 1.5 0 0 1-1.5-1.5v-17A1.5 1.5 0 0 1 8 2zm0 3v13h8V5zm4 14.2a1 1 0 1 0 0 2 1 1 0 0 0 0-2z', evenodd: true }]],
  search: [['path', { d: 'M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM15.2 15.2 20.5 20.5', stroke: true }]],
  minimize: [['path', { d: 'M5 19h14', stroke: true }]],
  close: [['path', { d: 'M6 6l12 12M18 6 6 18', stroke: true }]],
  home: [['path', { d: 'M3 11.5 12 4l9 7.5h-2.5V20h-4.5v-5h-4v5H5.5v-8.5z' }]],
  apps: [[
    'path', { d: 'M4 4h4v4H4zm6 0h4v4h-4zm6 0h4v4h-4zM4 10h4v4H4zm6 0h4v4h-4zm6 0h4v4h-4zM4 16h4v4H4zm6 0h4v4h-4zm6 0h4v4h-4z' },
  ]],
  cloud: [['path', { d: 'M7 19a5 5 0 0 1-.6-9.96A6.5 6.5 0 0 1 18.6 9.6 4.7 4.7 0 0 1 17.8 19z' }]],
  contact: [['path', { d: 'M12 4a4 4 0 1 1 0 8 4 4 0 0 1 0-8zM4.5 20c0-4 3.4-6.5 7.5-6.5s7.5 2.5 7.5 6.5z' }]],
  lead: [['path', { d: 'M10 4a4 4 0 1 1 0 8 4 4 0 0 1 0-8zM3 20c0-4 3.2-6.5 7-6.5 1.3 0 2.5.3 3.5.8V20zM18 12l1.2 2.6 2.8.3-2.1 1.9.6 2.8-2.5-1.4-2.5 1.4.6-2.8-2.1-1.9 2.8-.3z' }]],
  account: [['path', { d: 'M4 20V6l8-3v17zm10 0V9l6 2v9zM6.5 8v2h3V8zm0 4v2h3v-2zm0 4v2h3v-2zm9-3v2h2.5v-2zm0 3.5v2h2.5v-2z', evenodd: true }]],
  case: [['path', { d: 'M9 5.5V4a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v1.5h5A1 1 0 0 1 21 6.5v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-12a1 1 0 0 1 1-1zm1.5 0h3V4.5h-3z', evenodd: true }]],
  task: [['path', { d: 'M5 12.5l4.5 4.5L19.5 7', stroke: true }]],
  flow: [['path', { d: 'M6 3a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5zm0 13a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5zm12-6.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5z' }],
    ['path', { d: 'M6 8v8m0-4h5.5a4 4 0 0 0 4-3m-4 3a4 4 0 0 1 4 3', stroke: true }]],
  omni: [['path', { d: 'M12 9a3 3 0 1 1 0 6 3 3 0 0 1 0-6z' }], ['path', { d: 'M7 7a7 7 0 0 0 0 10M17 7a7 7 0 0 1 0 10M4.2 4.2a11 11 0 0 0 0 15.6M19.8 4.2a11 11 0 0 1 0 15.6', stroke: true }]],
  info: [['path', { d: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zm-1 7.5V17h2v-6.5zM12 6.5a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5z', evenodd: true }]],
  warning: [['path', { d: 'M12 3 22 20H2zm-1 6v5.5h2V9zm1 7.2a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4z', evenodd: true }]],
  success: [['path', { d: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zm-4.2 9.2-1.3 1.4 3.8 3.6 7.3-7.6-1.4-1.4-5.9 6.1z', evenodd: true }]],
};
const SVG = 'http://www.w3.org/2000/svg';
export function icon(key, className) {
  const shapes = ICONS[key] || ICONS.call;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `icon ${className || ''}`.trim());
  if (!ICONS[key]) svg.dataset.key = key;
  for (const [tag, attrs] of shapes) {
    const shape = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (name === 'stroke') {
        shape.setAttribute('fill', 'none');
        shape.setAttribute('stroke', 'currentColor');
        shape.setAttribute('stroke-width', '2');
        shape.setAttribute('stroke-linecap', 'round');
        shape.setAttribute('stroke-linejoin', 'round');
      } else if (name === 'evenodd') {
        shape.setAttribute('fill-rule', 'evenodd');
      } else {
        shape.setAttribute(name, value);
      }
    }
    if (!attrs.stroke) shape.setAttribute('fill', shape.getAttribute('fill') || 'currentColor');
    svg.append(shape);
  }
  return svg;
}

// The toast at the bottom of the page; a new one replaces the one showing.
let toastTimer = null;
export function toast(message, kind) {
  const node = $('toast');
  node.className = `toast ${kind || 'info'}`;
  node.replaceChildren(icon(kind === 'warning' ? 'warning' : kind === 'success' ? 'success' : 'info'), h('span', {}, message));
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { node.hidden = true; }, 3500);
}
