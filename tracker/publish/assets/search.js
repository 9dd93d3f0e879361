/* The search page's code (SITE/{ui}/search.html loads it after vendor/minisearch.min.js and
 * search-data.js, which sets window.WGT_SEARCH = {docs: [{id, kind, lang, title, text, url}, ...]}).
 *
 * The index is built in the browser from that script tag: no request of any kind, so the page works
 * from file:// and offline. The words are compared without accents and case ("aplicacion" finds
 * "aplicación", "AMERICA" finds "América"), by prefix and with light fuzziness. Every text shown comes
 * from the delegations' documents: it is put in the page as text nodes, never parsed as HTML.
 *
 * Plain ES2017, no framework.
 */
(function () {
  'use strict';

  const SHOWN = 50; // results listed; a line says how many more there are
  const SNIPPET_WORDS = 36; // words of context around the first hit
  const TYPING_PAUSE_MS = 250; // search while typing, once the reader pauses
  const WORD = /[^\n\r\p{Z}\p{P}]+/gu; // a word as MiniSearch's default tokenizer cuts them

  const form = document.querySelector('form.search-page-form');
  const input = document.getElementById('search-q');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  if (!form || !input || !status || !list) {
    return;
  }
  const strings = readStrings();
  const uiLang = document.documentElement.lang || '';

  /** The page's texts (#search-strings, written by the builder in the interface language). */
  function readStrings() {
    const element = document.getElementById('search-strings');
    try {
      const parsed = element ? JSON.parse(element.textContent) : {};
      return parsed && typeof parsed === 'object' ? parsed : {};
    } catch (e) {
      return {};
    }
  }

  /**
   * strings[key] with {q} (the words searched), {n} (a count) and {shown} (the results listed)
   * filled in; "" when the builder gave no such text.
   */
  function say(key, values) {
    const text = typeof strings[key] === 'string' ? strings[key] : '';
    return text.replace(/\{(q|n|shown)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values || {}, name) ? String(values[name]) : whole;
    });
  }

  /** A word as the index keeps it: accents (combining marks after NFD) dropped, lower case. */
  function fold(term) {
    const folded = term.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
    return folded || null;
  }

  /** The index over every document text, or null when the page's scripts did not all load. */
  function buildIndex() {
    const data = window.WGT_SEARCH;
    if (typeof window.MiniSearch !== 'function' || !data || !Array.isArray(data.docs)) {
      return null;
    }
    const index = new window.MiniSearch({
      fields: ['title', 'text'],
      storeFields: ['kind', 'lang', 'title', 'url', 'text'],
      processTerm: fold,
      searchOptions: { boost: { title: 2 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' },
    });
    index.addAll(data.docs);
    return index;
  }

  /** Every word first; when no text has them all, the texts with any of them, best first. */
  function find(index, query) {
    const all = index.search(query);
    return all.length ? all : index.search(query, { combineWith: 'OR' });
  }

  /** A few dozen words of `text` around its first hit, the hits (words in `terms`) in <mark>. */
  function snippet(text, terms) {
    const words = [];
    let match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      words.push({ start: match.index, end: match.index + match[0].length, hit: terms.has(fold(match[0])) });
    }
    const paragraph = document.createElement('p');
    if (!words.length) {
      paragraph.textContent = text;
      return paragraph;
    }
    let first = words.findIndex(function (word) { return word.hit; });
    if (first < 0) {
      first = 0;
    }
    const from = Math.max(0, first - Math.floor(SNIPPET_WORDS / 3));
    const to = Math.min(words.length, from + SNIPPET_WORDS);
    const start = from === 0 ? 0 : words[from].start;
    const end = to === words.length ? text.length : words[to - 1].end;
    if (start > 0) {
      paragraph.appendChild(document.createTextNode('… '));
    }
    let at = start;
    for (let i = from; i < to; i += 1) {
      if (!words[i].hit) {
        continue;
      }
      paragraph.appendChild(document.createTextNode(text.slice(at, words[i].start)));
      const mark = document.createElement('mark');
      mark.textContent = text.slice(words[i].start, words[i].end);
      paragraph.appendChild(mark);
      at = words[i].end;
    }
    paragraph.appendChild(document.createTextNode(text.slice(at, end)));
    if (end < text.length) {
      paragraph.appendChild(document.createTextNode(' …'));
    }
    return paragraph;
  }

  /** One <li class="search-result kind-…" lang="…"><a>title</a> <span class="kind">…</span><p>…</p></li>. */
  function resultItem(result) {
    const item = document.createElement('li');
    const kind = String(result.kind || '');
    item.className = 'search-result' + (/^[a-z_-]+$/.test(kind) ? ' kind-' + kind : '');
    if (result.lang) {
      item.lang = String(result.lang);
    }
    const link = document.createElement('a');
    const url = String(result.url || '');
    // the builder writes relative addresses; anything with a scheme (javascript:, data:) is refused
    link.href = /^[a-z][a-z0-9+.-]*:|^\/\//i.test(url) ? '#' : url;
    link.textContent = String(result.title || result.url || '');
    item.appendChild(link);
    const label = say(kind);
    if (label) {
      item.appendChild(document.createTextNode(' '));
      const tag = document.createElement('span');
      tag.className = 'kind';
      if (uiLang) {
        tag.lang = uiLang; // the kind's name is in the interface language, the text in its own
      }
      tag.textContent = label;
      item.appendChild(tag);
    }
    item.appendChild(snippet(String(result.text || ''), new Set(result.terms.map(fold))));
    return item;
  }

  function moreLine() {
    let line = document.getElementById('search-more');
    if (!line) {
      line = document.createElement('p');
      line.id = 'search-more';
      line.className = 'search-more';
      list.parentNode.insertBefore(line, list.nextSibling);
    }
    return line;
  }

  /** The page's address says what was searched, so a reload, a bookmark and "back" show it again. */
  function remember(query) {
    try {
      const url = new URL(window.location.href);
      if (query) {
        url.searchParams.set('q', query);
      } else {
        url.searchParams.delete('q');
      }
      window.history.replaceState(null, '', url.href);
    } catch (e) {
      // some browsers refuse replaceState on file:// pages: the search still shows
    }
  }

  let index = null;

  /** Search for `query`, list the results and say how many; returns the number found. */
  function run(query) {
    query = query.trim();
    list.textContent = '';
    moreLine().textContent = '';
    remember(query);
    if (!query) {
      status.textContent = say('empty', {});
      return 0;
    }
    if (!index) {
      status.textContent = say('unavailable', { q: query });
      return 0;
    }
    const results = find(index, query);
    const count = results.length;
    status.textContent = say(count === 0 ? 'none' : count === 1 ? 'one' : 'many', { q: query, n: count });
    const fragment = document.createDocumentFragment();
    results.slice(0, SHOWN).forEach(function (result) {
      fragment.appendChild(resultItem(result));
    });
    list.appendChild(fragment);
    if (count > SHOWN) {
      moreLine().textContent = say('more', { q: query, n: count - SHOWN, shown: SHOWN });
    }
    return count;
  }

  function queryInAddress() {
    try {
      return new URLSearchParams(window.location.search).get('q') || '';
    } catch (e) {
      return '';
    }
  }

  // The search page's own form, and the header's box on this same page, search without reloading.
  let typing = 0;
  function submitted(event) {
    event.preventDefault();
    window.clearTimeout(typing);
    const field = event.currentTarget.querySelector('input[name="q"]');
    const query = field ? field.value : input.value;
    input.value = query;
    if (run(query) > 0) {
      const first = list.querySelector('a');
      if (first) {
        first.focus(); // Enter means "take me to the results"; the count was announced by #search-status
      }
    } else {
      input.focus();
      input.select();
    }
  }
  form.addEventListener('submit', submitted);
  const headerForm = document.querySelector('form.search-form');
  if (headerForm) {
    headerForm.addEventListener('submit', submitted);
  }
  input.addEventListener('input', function () {
    window.clearTimeout(typing);
    typing = window.setTimeout(function () {
      run(input.value);
    }, TYPING_PAUSE_MS);
  });

  const initial = queryInAddress();
  input.value = initial;
  status.textContent = say('loading', { q: initial });
  // Let the "loading" line show before the index is built (a large site takes a moment).
  window.setTimeout(function () {
    try {
      index = buildIndex();
    } catch (e) {
      index = null; // damaged data: say the search is unavailable rather than fail silently
    }
    run(initial);
    if (!initial) {
      input.focus();
    }
  }, 0);
})();
