/** Checks of a screen's layout, evaluated in the page by the browser tests and the real-app tests. */

/**
 * Evaluated in the page (as text: this side is compiled without the DOM's types). Returns one line
 * per problem: text cut off by a box that hides what overflows, or two visible controls or text
 * lines that overlap; with `english`, also each text left in English (for the pseudo-locale).
 * Only what shows in the window is checked.
 */
export const layoutProblems = (options: { english: boolean }): string => `(() => {
  const problems = [];
  const describe = (el) => {
    const text = (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40);
    return el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '') + ' "' + text + '"';
  };
  // What of an element shows: its box cut by every ancestor that clips (scroll areas).
  const shown = (el) => {
    let r = el.getBoundingClientRect();
    let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    for (let up = el.parentElement; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const c = up.getBoundingClientRect();
      box = { left: Math.max(box.left, c.left), top: Math.max(box.top, c.top),
        right: Math.min(box.right, c.right), bottom: Math.min(box.bottom, c.bottom) };
    }
    return box.right - box.left > 1 && box.bottom - box.top > 1 ? box : undefined;
  };
  const visible = (el) => {
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none' &&
      !el.closest('.visually-hidden, [aria-hidden="true"]') && shown(el) !== undefined;
  };
  // With a dialog open, what is behind it is inert: only the dialog is checked.
  const scope = document.querySelector('dialog[open]') || document.body;
  // Names people gave (files, speakers) are data, shortened with an ellipsis by design.
  const data = '.job-name, .job-meta, .file-name, .lane-name-text, .speaker-name';
  for (const el of scope.querySelectorAll('*')) {
    if (!el.textContent.trim() || el.matches(data) || !visible(el)) continue;
    const style = getComputedStyle(el);
    const hides = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    if (hides && el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'auto')
      problems.push('cut off: ' + describe(el) + ' needs ' + el.scrollWidth + ' px, has ' + el.clientWidth);
  }
  const boxes = [...scope.querySelectorAll('button, input, select, textarea, label, h1, h2, h3, p, li > span, a')]
    .filter(visible);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.contains(b) || b.contains(a)) continue;
      const r = shown(a), s = shown(b);
      const w = Math.min(r.right, s.right) - Math.max(r.left, s.left);
      const h = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
      if (w > 2 && h > 2) problems.push('overlap: ' + describe(a) + ' and ' + describe(b));
    }
  }
  if (${options.english}) {
  // Words left in English: a text of two or more plain words with none of the pseudo-locale's
  // brackets around it (names and formats, which no language translates, are data).
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = node.textContent.trim();
    if (!el || !visible(el) || el.closest(data + ', h1, .turn-text, option, [data-untranslated]')) continue;
    // Pseudo words are accented; a plain word inside a pseudo sentence is part of it.
    if (/[áéíöüçñýÅÉÎØÜÇÑÝ]/.test(text) || el.textContent.includes('[')) continue;
    if ((text.match(/[A-Za-z]{2,}/g) || []).length >= 2) problems.push('English: ' + describe(el));
  }
  }
  return problems;
})()`;

/** What SCROLL_AREAS answers: the boxes that scroll up and down, and those wider than the window. */
export interface ScrollAreas {
  vertical: string[];
  wider: string[];
}

/**
 * Evaluated in the page: each box that scrolls up and down (its style lets it, and what it holds
 * is taller than it is), the page itself included; and each box wider than the window, so that
 * part of it is out of reach sideways. With a dialog open, only the dialog is looked at (what is
 * behind it is inert). Boxes as "tag.class".
 */
export const SCROLL_AREAS = `(() => {
  const name = (el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '');
  const dialog = document.querySelector('dialog[open]');
  const scope = dialog || document.body;
  const vertical = [];
  const page = document.scrollingElement;
  if (!dialog && page.scrollHeight > page.clientHeight + 1) vertical.push('the page');
  // What sticks out of a box on the right: the innermost boxes that do, three at most.
  const outside = (box) => {
    const edge = box.getBoundingClientRect().left + box.clientWidth + 1;
    const out = [...box.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > edge);
    return out.filter((el) => !out.some((other) => other !== el && el.contains(other)))
      .slice(0, 3).map(name).join(', ');
  };
  const wider = [];
  if (!dialog && page.scrollWidth > page.clientWidth + 1) wider.push('the page');
  for (const el of [scope, ...scope.querySelectorAll('*')]) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || el.closest('[hidden]')) continue;
    if (['auto', 'scroll'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1)
      vertical.push(name(el));
    // A timeline zoomed in scrolls sideways on purpose: it is the one box made to.
    const sideways = ['auto', 'scroll'].includes(style.overflowX) && !el.matches('.timeline-scroller');
    if (sideways && el.scrollWidth > el.clientWidth + 1) wider.push(name(el) + ' (' + outside(el) + ')');
  }
  return { vertical, wider };
})()`;
