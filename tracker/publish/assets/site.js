/* The publication site's script, defer-loaded on every page (SITE/assets/site.js).
 *
 * The language switch keeps the reader's place: on the way to the same page in the other language,
 * the link gets the id of the paragraph being read (the one the page was opened on while it is still
 * on screen, else the [data-unit] section at the top of the window), and the other page opens there.
 * Without this script the switch still works, at the top of the page. It also tells the stylesheet
 * the header's height, so that the sticky column names and a linked paragraph are not hidden under it,
 * and lets the keyboard scroll a table wider than the screen.
 *
 * Plain ES2017, no dependency, no network request; it does nothing on a page without what it serves.
 */
(function () {
  'use strict';

  /** A section counts as the one being read once this much of it (px, about a line) shows below the bars. */
  const LINE = 24;

  /** Is the element named by the page's current #fragment still (partly) in the window? */
  function hashTargetOnScreen() {
    const id = decodeHash(window.location.hash);
    if (!id) {
      return null;
    }
    const target = document.getElementById(id);
    if (!target) {
      return null;
    }
    const box = target.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight ? id : null;
  }

  /** "#op-4b118c" -> "op-4b118c" ("" when there is none or it is malformed). */
  function decodeHash(hash) {
    if (!hash || hash.length < 2) {
      return '';
    }
    try {
      return decodeURIComponent(hash.slice(1));
    } catch (e) {
      return '';
    }
  }

  /** The bottom of what covers the top of the window: the sticky header, the sticky column names. */
  function coveredTop() {
    let top = 0;
    ['.site-header', '.parallel-head'].forEach(function (selector) {
      const bar = document.querySelector(selector);
      if (!bar) {
        return;
      }
      const position = window.getComputedStyle(bar).position;
      const box = bar.getBoundingClientRect();
      if ((position === 'sticky' || position === 'fixed') && box.top <= top + 1 && box.bottom > top) {
        top = box.bottom;
      }
    });
    return top;
  }

  /**
   * The id of the unit the reader is at: the first of which more than a line shows below the sticky
   * bars; none while the reader is still above the units (the page's title, facts, downloads).
   */
  function unitAtTop() {
    const units = document.querySelectorAll('[data-unit][id]');
    const line = coveredTop() + LINE;
    for (let i = 0; i < units.length; i += 1) {
      const box = units[i].getBoundingClientRect();
      if (box.bottom > line) {
        return box.top < window.innerHeight / 2 ? units[i].id : null;
      }
    }
    return null;
  }

  /** The place to keep, or null (the link then leads to the top of the other page). */
  function placeToKeep() {
    const onScreen = hashTargetOnScreen();
    if (onScreen) {
      return onScreen;
    }
    const unit = unitAtTop();
    if (unit) {
      return unit;
    }
    // A page without units (an amendment, the history) keeps the place it was opened on.
    return document.querySelector('[data-unit]') ? null : decodeHash(window.location.hash) || null;
  }

  function keepPlace(event) {
    const link = event.currentTarget;
    const id = placeToKeep();
    link.hash = id ? '#' + encodeURIComponent(id) : '';
  }

  /**
   * The sticky header's height, as --header-h on <html>: the sticky column names sit under it and a
   * paragraph a link jumps to stops below both (site.css). It changes when the breadcrumbs wrap.
   */
  function measureHeader() {
    const header = document.querySelector('.site-header');
    if (!header) {
      return;
    }
    const sticky = window.getComputedStyle(header).position === 'sticky';
    // rounded down: the column names then tuck a fraction of a pixel under the header, no gap shows
    const height = sticky ? header.getBoundingClientRect().height : 0;
    document.documentElement.style.setProperty('--header-h', Math.floor(height) + 'px');
  }
  measureHeader();
  if (typeof window.ResizeObserver === 'function') {
    const header = document.querySelector('.site-header');
    if (header) {
      new window.ResizeObserver(measureHeader).observe(header);
    }
  }
  window.addEventListener('resize', measureHeader);

  /**
   * A table wider than the screen scrolls inside its wrapper (site.css): such a wrapper gets
   * tabindex="0", so a keyboard can scroll it too; one that fits again loses it.
   */
  function markScrollers() {
    const boxes = document.querySelectorAll('.table-wrap, .document table');
    for (let i = 0; i < boxes.length; i += 1) {
      const box = boxes[i];
      const scrolls = box.scrollWidth > box.clientWidth + 1 && window.getComputedStyle(box).overflowX === 'auto';
      if (scrolls && !box.hasAttribute('tabindex')) {
        box.setAttribute('tabindex', '0');
        box.setAttribute('data-scrolls', '');
      } else if (!scrolls && box.hasAttribute('data-scrolls')) {
        box.removeAttribute('tabindex');
        box.removeAttribute('data-scrolls');
      }
    }
  }
  let resizing = 0;
  markScrollers();
  window.addEventListener('resize', function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(markScrollers, 200);
  });

  const switches = document.querySelectorAll('a.lang-switch');
  for (let i = 0; i < switches.length; i += 1) {
    // click: the mouse and Enter on the keyboard; the others: a middle click, "open in new tab",
    // "copy link" and a keyboard user who tabs onto the link, so those get the place too.
    ['click', 'auxclick', 'contextmenu', 'focus', 'pointerenter'].forEach(function (type) {
      switches[i].addEventListener(type, keepPlace);
    });
  }
})();
