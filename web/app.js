/* zhengce web UI: renders the search, notice, 我能申报吗, calendar and chart
 * views of `zhengce serve` from its JSON API (docs/api.md).
 *
 * Vanilla ES2020, no build step. The server's CSP forbids inline scripts and
 * styles, so every node is built with the DOM API and styled by class; notice
 * text only ever goes into text nodes (never innerHTML). Links are real
 * <a href>s: a click on one of our paths is routed with the History API, and
 * the same URL opened directly renders the same view. */
'use strict';

/* ---------- DOM helpers ---------- */

/** Appends children (nodes, strings, numbers, arrays; null and false skipped). */
function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Sets attributes; `on…` keys add listeners, null/false values are skipped. */
function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  return el;
}

/** Creates an HTML element: h('a', {href: '/'}, '首页'). */
function h(tag, attrs, ...children) {
  return append(setAttrs(document.createElement(tag), attrs), children);
}

/** Creates an SVG element the same way. */
function s(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  return append(setAttrs(el, attrs), children);
}

let idCounter = 0;
/** A fresh element id with a readable prefix. */
function uid(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Says something to screen readers through the page's live region. */
function announce(message) {
  const region = document.getElementById('announcer');
  region.textContent = '';
  setTimeout(() => { region.textContent = message; }, 50);
}

function setTitle(part) {
  document.title = part ? `${part} · 政策通` : '政策通 · zhengce';
}

/** A box that shows an error message to everyone, screen readers included. */
function errorBox(message) {
  return h('div', {class: 'error-box', role: 'alert'}, message);
}

/* ---------- text and dates ---------- */

const pad2 = (n) => String(n).padStart(2, '0');

/** Today in the browser's time zone, as YYYY-MM-DD. */
function todayISO() {
  const d = new Date();
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** Whole days from one YYYY-MM-DD date to another. */
function daysBetween(from, to) {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86400000);
}

/** A deadline's countdown ("还剩 N 天", "今天截止", "已截止"), coloured by urgency. */
function deadlineBadge(deadline) {
  const n = daysBetween(todayISO(), deadline);
  const tone = n < 0 ? 'is-past' : n <= 7 ? 'is-soon' : 'is-open';
  const text = n < 0 ? '已截止' : n === 0 ? '今天截止' : `还剩 ${n} 天`;
  return h('span', {class: `countdown ${tone}`}, text);
}

/** "2019-08" → "2019年8月". */
function monthLabel(ym) {
  const [y, m] = ym.split('-');
  return `${y}年${Number(m)}月`;
}

/** The characters of a string as code points: API offsets count these, not UTF-16 units. */
const codePoints = (str) => Array.from(str || '');

/** Appends text with [start, length] code-point ranges wrapped in <mark>. */
function appendHighlighted(parent, text, ranges) {
  const cps = codePoints(text);
  const sorted = (ranges || []).slice().sort((a, b) => a[0] - b[0]);
  let pos = 0;
  for (const [start, length] of sorted) {
    if (start < pos || start >= cps.length) continue;
    parent.append(cps.slice(pos, start).join(''));
    parent.append(h('mark', null, cps.slice(start, start + length).join('')));
    pos = start + length;
  }
  parent.append(cps.slice(pos).join(''));
  return parent;
}

/** A link for a URL found in a notice: http(s) only, a bare host gets http://. */
function safeExternalLink(raw) {
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `http://${raw}`;
  try {
    const url = new URL(candidate);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return h('a', {href: url.href, rel: 'noopener noreferrer external'}, raw);
    }
  } catch (e) { /* not a URL: shown as text below */ }
  return h('span', null, raw);
}

function telLink(phone) {
  return h('a', {href: `tel:${phone.replace(/[^0-9+-]/g, '')}`}, phone);
}

function mailLink(email) {
  return h('a', {href: `mailto:${email}`}, email);
}

function noticeHref(id) {
  return `/notice/${encodeURIComponent(id)}`;
}

/* ---------- API ---------- */

class ApiError extends Error {
  constructor(status, message, errors) {
    super(message);
    this.status = status;
    this.errors = errors || [];
  }
}

/** Calls the JSON API; throws ApiError with the server's message on failure. */
async function api(path, {method = 'GET', body, signal} = {}) {
  const init = {method, signal, headers: {Accept: 'application/json'}};
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, '无法连接服务器，请稍后重试。');
  }
  const data = await res.json().catch(() => null);
  if (signal?.aborted) throw new DOMException('navigated away', 'AbortError');
  if (!res.ok) {
    const message = data?.error?.message || `服务器错误（HTTP ${res.status}）`;
    throw new ApiError(res.status, message, data?.errors);
  }
  return data;
}

/* ---------- saved company profile ---------- */

const PROFILE_KEY = 'zhengce.profile';

function loadProfile() {
  try {
    const raw = localStorage.getItem(PROFILE_KEY);
    return raw ? JSON.parse(raw) : null;
  } catch (e) {
    return null;
  }
}

function saveProfile(profile) {
  try {
    if (profile) localStorage.setItem(PROFILE_KEY, JSON.stringify(profile));
    else localStorage.removeItem(PROFILE_KEY);
  } catch (e) { /* storage disabled: the form still works for this visit */ }
}

/* ---------- search view (/) ---------- */

const PAGE_SIZE = 20;

/** URL parameters the search view passes to GET /api/notices, with chip labels. */
const FILTER_LABELS = {
  region: '地区', category: '分类', issuer: '发文机关', open: '仅看未截止',
  issued_from: '发布自', issued_to: '发布至', deadline_within: '截止天数内',
  has_conditions: '有申报条件', doc_number: '文号', cites: '引用',
};

const FACETS = [
  {facet: 'category', param: 'category', label: '分类'},
  {facet: 'province', param: 'region', label: '省份'},
  {facet: 'issuer', param: 'issuer', label: '发文机关'},
];

const SORTS = [['', '默认'], ['relevance', '相关度'], ['date', '发布日期'], ['deadline', '截止日期']];

/** The search state of the URL: q, sort, offset and the filters, nothing else. */
function searchState(params) {
  const state = new URLSearchParams();
  for (const [k, v] of params) {
    if (v !== '' && (k === 'q' || k === 'sort' || k === 'offset' || k in FILTER_LABELS)) state.append(k, v);
  }
  return state;
}

/** The search page URL for a state, optionally changed by fn (offset reset). */
function searchHref(state, fn) {
  const next = new URLSearchParams(state);
  next.delete('offset');
  if (fn) fn(next);
  const qs = next.toString();
  return qs ? `/?${qs}` : '/';
}

/** Adds the value to a repeated parameter, or removes it when present. */
function toggleValue(params, key, value) {
  const values = params.getAll(key);
  params.delete(key);
  const kept = values.filter((v) => v !== value);
  for (const v of kept) params.append(key, v);
  if (kept.length === values.length) params.append(key, value);
}

function searchForm(state) {
  const input = h('input', {id: 'q', name: 'q', type: 'search', value: state.get('q') || '',
    placeholder: '如：高新技术企业 申报', autocomplete: 'off', enterkeyhint: 'search',
    'aria-describedby': 'q-hint'});
  const onsubmit = (e) => {
    e.preventDefault();
    navigate(searchHref(state, (p) => {
      p.delete('q');
      if (input.value.trim()) p.set('q', input.value.trim());
    }));
  };
  return h('form', {class: 'search-form', role: 'search', action: '/', method: 'get', onsubmit},
    h('label', {for: 'q', class: 'search-form__label'}, '关键词'),
    h('div', {class: 'search-form__row'}, input, h('button', {type: 'submit', class: 'button button--primary'}, '搜索')),
    h('p', {id: 'q-hint', class: 'hint'},
      '空格表示同时包含，OR 表示任一，-词 排除，"引号" 精确短语，doc:文号 查文号。'));
}

function facetLink(state, def, value, count) {
  const active = state.getAll(def.param).includes(value);
  return h('li', null, h('a', {
    href: searchHref(state, (p) => toggleValue(p, def.param, value)),
    class: active ? 'facet is-active' : 'facet', 'data-count': count,
  }, h('span', {class: 'facet__name'}, value),
  h('span', {class: 'facet__count'}, count, h('span', {class: 'visually-hidden'}, ' 条')),
  active ? h('span', {class: 'visually-hidden'}, '（已选，点击取消）') : null));
}

function facetGroup(state, def, counts) {
  const entries = Object.entries(counts || {}).filter(([v]) => v !== '');
  if (!entries.length) return null;
  const id = uid('facet');
  const items = entries.map(([v, n]) => facetLink(state, def, v, n));
  const more = items.slice(8);
  return h('section', {class: 'facet-group', 'aria-labelledby': id, 'data-facet': def.facet},
    h('h2', {id, class: 'facet-group__title'}, def.label),
    h('ul', {class: 'facet-list'}, items.slice(0, 8)),
    more.length ? h('details', {class: 'facet-more'},
      h('summary', null, `更多${def.label}（${more.length}）`), h('ul', {class: 'facet-list'}, more)) : null);
}

function openNowToggle(state) {
  const box = h('input', {type: 'checkbox', id: 'open-now', checked: state.get('open') === '1',
    onchange: (e) => navigate(searchHref(state, (p) => {
      p.delete('open');
      if (e.target.checked) p.set('open', '1');
    }))});
  return h('div', {class: 'check'}, box, h('label', {for: 'open-now'}, '只看正在申报（未截止）'));
}

/** The filters, folded away on narrow screens so the results come first. */
function facetSidebar(state, facets) {
  const wide = window.matchMedia('(min-width: 860px)').matches;
  const chosen = [...state.keys()].filter((k) => k in FILTER_LABELS).length;
  return h('aside', {class: 'facets', 'aria-label': '筛选'},
    h('details', {class: 'facets__fold', open: wide},
      h('summary', {class: 'facets__summary'}, chosen ? `筛选（已选 ${chosen} 项）` : '筛选'),
      openNowToggle(state),
      FACETS.map((def) => facetGroup(state, def, facets?.[def.facet]))));
}

/** Removable chips for the filters in force. */
function activeFilters(state) {
  const chips = [];
  for (const [k, v] of state) {
    if (!(k in FILTER_LABELS)) continue;
    const text = k === 'open' || k === 'has_conditions' ? FILTER_LABELS[k] : `${FILTER_LABELS[k]}：${v}`;
    chips.push(h('li', null, h('a', {class: 'chip', href: searchHref(state, (p) => toggleValue(p, k, v))},
      text, h('span', {'aria-hidden': 'true'}, ' ✕'), h('span', {class: 'visually-hidden'}, '（移除此筛选）'))));
  }
  if (!chips.length) return null;
  const clear = h('a', {href: searchHref(state, (p) => {
    for (const k of Object.keys(FILTER_LABELS)) p.delete(k);
  })}, '清除全部筛选');
  return h('div', {class: 'active-filters'},
    h('span', {class: 'active-filters__label'}, '已选：'), h('ul', {class: 'chips'}, chips), clear);
}

function resultMeta(r) {
  return h('p', {class: 'result__meta'},
    r.category ? h('span', {class: 'badge'}, r.category) : null,
    r.doc_number ? h('span', {class: 'doc-number'}, r.doc_number) : null,
    r.issuers?.length ? h('span', null, r.issuers.join('、')) : null,
    r.issued_on ? h('span', null, '发布 ', h('time', {datetime: r.issued_on}, r.issued_on)) : null,
    r.deadline ? h('span', {class: 'result__deadline'}, '截止 ', h('time', {datetime: r.deadline}, r.deadline),
      ' ', deadlineBadge(r.deadline)) : null);
}

function resultItem(r) {
  return h('li', {class: 'result'}, h('article', null,
    h('h3', {class: 'result__title'}, h('a', {href: noticeHref(r.id)}, r.title || '（无标题）')),
    resultMeta(r),
    r.snippet ? appendHighlighted(h('p', {class: 'result__snippet'}), r.snippet, r.highlights) : null));
}

function pager(state, data) {
  const offset = data.offset || 0;
  const limit = data.limit || PAGE_SIZE;
  if (data.total <= limit) return null;
  const page = (o) => searchHref(state, (p) => { if (o > 0) p.set('offset', String(o)); });
  const pages = Math.ceil(data.total / limit);
  const current = Math.floor(offset / limit) + 1;
  return h('nav', {class: 'pager', 'aria-label': '分页'},
    offset > 0 ? h('a', {href: page(Math.max(0, offset - limit)), rel: 'prev'}, '← 上一页') : h('span', {class: 'pager__gap'}),
    h('span', {class: 'pager__status'}, `第 ${current} / ${pages} 页`),
    offset + limit < data.total ? h('a', {href: page(offset + limit), rel: 'next'}, '下一页 →') : h('span', {class: 'pager__gap'}));
}

function sortSelect(state) {
  const select = h('select', {id: 'sort', onchange: (e) => navigate(searchHref(state, (p) => {
    p.delete('sort');
    if (e.target.value) p.set('sort', e.target.value);
  }))}, SORTS.map(([v, label]) => h('option', {value: v, selected: (state.get('sort') || '') === v}, label)));
  return h('div', {class: 'sort'}, h('label', {for: 'sort'}, '排序'), select);
}

function resultsSection(state, data) {
  const offset = data.offset || 0;
  const summary = data.total
    ? `共 ${data.total} 条，显示第 ${offset + 1}–${offset + data.results.length} 条`
    : '没有找到匹配的通知';
  const feedQuery = new URLSearchParams(state);
  feedQuery.delete('offset');
  feedQuery.delete('sort');
  const feed = `/feed.atom${feedQuery.toString() ? `?${feedQuery}` : ''}`;
  return h('section', {class: 'results', 'aria-labelledby': 'results-heading'},
    h('div', {class: 'results__bar'},
      h('h2', {id: 'results-heading', tabindex: '-1', 'data-total': data.total}, summary),
      sortSelect(state),
      h('a', {class: 'feed-link', href: feed}, '订阅此搜索（Atom）')),
    activeFilters(state),
    data.total ? h('ol', {class: 'result-list', start: offset + 1}, data.results.map(resultItem))
      : h('p', {class: 'empty'}, '试试更短的关键词，或去掉一些筛选条件。'),
    pager(state, data));
}

async function renderSearch(main, params, signal) {
  const state = searchState(params);
  const q = state.get('q') || '';
  setTitle(q ? `搜索：${q}` : '搜索');
  rememberSearch();
  const heading = h('h1', {class: 'visually-hidden'}, '搜索政策通知');
  const body = h('div', {class: 'search-layout'}, h('p', {class: 'loading'}, '正在搜索…'));
  main.replaceChildren(heading, searchForm(state), body);
  const query = new URLSearchParams(state);
  query.set('limit', String(PAGE_SIZE));
  try {
    const data = await api(`/api/notices?${query}`, {signal});
    body.replaceChildren(facetSidebar(state, data.facets), resultsSection(state, data));
    announce(data.total ? `找到 ${data.total} 条结果` : '没有找到匹配的通知');
    return body.querySelector('#results-heading');
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    body.replaceChildren(errorBox(`搜索出错：${err.message}`));
    return main.querySelector('#q');
  }
}

const LAST_SEARCH_KEY = 'zhengce.lastSearch';

/** Keeps the current search URL so a notice can link back to it. */
function rememberSearch() {
  try { sessionStorage.setItem(LAST_SEARCH_KEY, location.pathname + location.search); } catch (e) { /* ignore */ }
}

function lastSearch() {
  try { return sessionStorage.getItem(LAST_SEARCH_KEY) || '/'; } catch (e) { return '/'; }
}

/* ---------- notice view (/notice/{id}) ---------- */

const MARK_KINDS = {
  deadline: '截止', date: '日期', doc_number: '文号', phone: '电话', email: '邮箱', url: '网址',
  address: '地址', contact: '联系人', attachment: '附件', condition: '条件', cited: '引用',
};

/** Appends cps[from, to) with the marks (sorted, inside the range) nested as <mark>s. */
function appendMarked(parent, cps, from, to, marks) {
  let pos = from;
  let i = 0;
  while (i < marks.length) {
    const m = marks[i];
    if (m.start < pos) { i += 1; continue; } // crosses the previous mark: dropped
    let j = i + 1;
    while (j < marks.length && marks[j].start < m.end) j += 1;
    const inner = marks.slice(i + 1, j).map((n) => ({...n, end: Math.min(n.end, m.end)}));
    parent.append(cps.slice(pos, m.start).join(''));
    const kind = /^[a-z_]+$/.test(m.kind) ? m.kind : 'other';
    const el = h('mark', {class: `k-${kind}`, title: MARK_KINDS[kind] || kind});
    parent.append(appendMarked(el, cps, m.start, m.end, inner));
    pos = m.end;
    i = j;
  }
  parent.append(cps.slice(pos, to).join(''));
  return parent;
}

/** The notice text, one <p> per line, with its marks ([start, length, kind]). */
function markedText(text, marks) {
  const cps = codePoints(text);
  const all = (marks || [])
    .map(([start, length, kind]) => ({start, end: start + length, kind}))
    .filter((m) => m.end > m.start && m.start >= 0)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const box = h('div', {class: 'notice-text__body'});
  let lineStart = 0;
  for (let i = 0; i <= cps.length; i += 1) {
    if (i < cps.length && cps[i] !== '\n') continue;
    const inLine = all
      .filter((m) => m.start < i && m.end > lineStart)
      .map((m) => ({...m, start: Math.max(m.start, lineStart), end: Math.min(m.end, i)}));
    if (i > lineStart) box.append(appendMarked(h('p'), cps, lineStart, i, inLine));
    lineStart = i + 1;
  }
  return box;
}

function markLegend(marks) {
  const kinds = [...new Set((marks || []).map((m) => m[2]))].filter((k) => k in MARK_KINDS);
  if (!kinds.length) return null;
  return h('p', {class: 'legend'}, h('span', null, '标注：'),
    kinds.map((k) => h('mark', {class: `k-${k}`}, MARK_KINDS[k])));
}

/** One <dt>/<dd> pair of the side panel, or nothing when the value is empty. */
function panelRow(label, value) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return null;
  return [h('dt', null, label), h('dd', null, value)];
}

/** A list as <ul>, each item rendered by fn; null when empty. */
function listOf(items, fn, cls) {
  if (!items?.length) return null;
  return h('ul', {class: cls || 'plain-list'}, items.map((x, i) => h('li', null, fn(x, i))));
}

function contactLine(c) {
  return [
    [c.name, c.org].filter(Boolean).join('，'),
    c.phones?.length ? [' ', c.phones.map((p, i) => [i ? '、' : '', telLink(p)])] : null,
    c.emails?.length ? [' ', c.emails.map((m, i) => [i ? '、' : '', mailLink(m)])] : null,
  ];
}

function citeLine(c) {
  const label = [c.title ? `《${c.title}》` : '', c.doc_number || ''].join('') || '（未命名文件）';
  return c.id !== null && c.id !== undefined ? h('a', {href: noticeHref(c.id)}, label) : h('span', null, label);
}

function citedByLine(c) {
  return [h('a', {href: noticeHref(c.id)}, c.title || '（无标题）'),
    c.doc_number ? ` ${c.doc_number}` : '', c.issued_on ? `（${c.issued_on}）` : ''];
}

function sourceLine(src) {
  return /^https?:\/\//i.test(src.uri) ? safeExternalLink(src.uri) : h('span', {class: 'path'}, src.uri);
}

function deadlineValue(n) {
  return n.deadline ? [h('time', {datetime: n.deadline}, n.deadline), ' ', deadlineBadge(n.deadline)] : null;
}

function noticePanel(n) {
  const windows = (n.windows || []).map((w) => `${w.label ? `${w.label}：` : ''}${w.from || '?'} 至 ${w.to || '?'}`);
  // one sentence may carry several typed conditions: list each sentence once
  const sentences = [...new Set((n.conditions || []).map((c) => c.text))];
  const conditions = listOf(sentences, (t) => t, 'numbered-list');
  return h('aside', {class: 'notice-panel', 'aria-labelledby': 'panel-heading'},
    h('h2', {id: 'panel-heading'}, '关键要素'),
    h('dl', {class: 'facts'},
      panelRow('文号', n.doc_number ? h('span', {class: 'doc-number'}, n.doc_number) : null),
      panelRow('发文机关', n.issuers?.join('、')),
      panelRow('成文日期', n.issued_on),
      panelRow('主送', n.addressees?.join('、')),
      panelRow('截止', deadlineValue(n)),
      panelRow('时间窗口', listOf(windows, (w) => w)),
      panelRow('联系人', listOf(n.contacts, contactLine)),
      panelRow('电话', listOf(n.phones, telLink, 'inline-list')),
      panelRow('邮箱', listOf(n.emails, mailLink, 'inline-list')),
      panelRow('网址', listOf(n.urls, safeExternalLink)),
      panelRow('地址', listOf(n.addresses, (a) => a)),
      panelRow('邮编', n.postcodes?.join('、')),
      panelRow('附件', listOf(n.attachments, (a) => a)),
      panelRow('申报条件', conditions),
      panelRow('涉及地区', n.regions?.map((r) => r.name).join('、')),
      panelRow('引用文件', listOf(n.cites, citeLine)),
      panelRow('被引用', listOf(n.cited_by, citedByLine)),
      panelRow('来源', listOf(n.sources, sourceLine)),
      panelRow('历史版本', listOf(n.versions, (v) => `第 ${v.version} 版${v.replaced_at ? `（${v.replaced_at} 替换）` : ''}`)),
      panelRow('收录', n.added_at ? `${n.added_at}${n.version > 1 ? `，第 ${n.version} 版` : ''}` : null)));
}

function noticeHeader(n) {
  return h('header', {class: 'notice__header'},
    h('p', {class: 'notice__crumbs'}, h('a', {href: lastSearch()}, '← 返回搜索')),
    h('h1', {tabindex: '-1'}, n.title || '（无标题）'),
    h('p', {class: 'result__meta'},
      n.category ? h('span', {class: 'badge'}, n.category) : null,
      n.doc_number ? h('span', {class: 'doc-number'}, n.doc_number) : null,
      n.issuers?.length ? h('span', null, n.issuers.join('、')) : null,
      n.issued_on ? h('span', null, h('time', {datetime: n.issued_on}, n.issued_on)) : null,
      n.deadline ? h('span', null, '截止 ', n.deadline, ' ', deadlineBadge(n.deadline)) : null));
}

async function renderNotice(main, params, signal, path) {
  const id = decodeURIComponent(path.slice('/notice/'.length));
  setTitle('通知');
  main.replaceChildren(h('p', {class: 'loading'}, '正在载入通知…'));
  let n;
  try {
    n = await api(`/api/notices/${encodeURIComponent(id)}`, {signal});
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    const heading = h('h1', {tabindex: '-1'}, err.status === 404 ? '未找到该通知' : '载入出错');
    main.replaceChildren(heading, errorBox(err.message), h('p', null, h('a', {href: '/'}, '返回搜索')));
    return heading;
  }
  setTitle(n.title || '通知');
  const article = h('article', {class: 'notice'}, noticeHeader(n),
    h('div', {class: 'notice-layout'},
      noticePanel(n),
      h('section', {class: 'notice-text', 'aria-labelledby': 'text-heading'},
        h('h2', {id: 'text-heading'}, '正文'), markLegend(n.marks), markedText(n.text, n.marks))));
  main.replaceChildren(article);
  announce(`已打开：${n.title || '通知'}`);
  return article.querySelector('h1');
}

/* ---------- 我能申报吗 view (/match) ---------- */

const QUALIFICATIONS = ['高新技术企业', '科技型中小企业', '创新型中小企业', '专精特新中小企业',
  '专精特新"小巨人"', '绿色工厂', '企业技术中心', '技术先进型服务企业'];
const CREDIT_KINDS = ['行政处罚', '失信被执行人', '重大安全事故', '环境违法'];
const YEAR_FIGURES = [['revenue_wan', '营业收入'], ['rd_expense_wan', '研发费用'],
  ['tax_paid_wan', '纳税额'], ['exports_wan', '出口额']];
const VERDICTS = {eligible: '可申报', 'needs-check': '需核实', ineligible: '不符合'};
const STATUSES = {met: ['✓', '满足'], unmet: ['✗', '不满足'], unknown: ['?', '待核实']};

/** The plain fields of the form: profile path, label, input kind and extras. */
const PROFILE_SECTIONS = [
  ['企业基本信息', [
    {path: 'name', label: '企业名称', kind: 'text', autocomplete: 'organization'},
    {path: 'credit_code', label: '统一社会信用代码', kind: 'text', hint: '18 位，可不填'},
  ]],
  ['注册登记', [
    {path: 'registration.region', label: '注册地', kind: 'text', hint: '如 昆明市、河北、530100'},
    {path: 'registration.date', label: '成立日期', kind: 'date'},
    {path: 'registration.legal_form', label: '企业类型', kind: 'text', list: 'legal-forms',
      options: ['有限责任公司', '股份有限公司', '个人独资企业', '合伙企业', '个体工商户']},
    {path: 'registration.independent_legal_person', label: '具有独立法人资格', kind: 'bool'},
  ]],
  ['人员', [
    {path: 'people.employees', label: '职工总数（人）', kind: 'int'},
    {path: 'people.rd_staff', label: '研发人员（人）', kind: 'int'},
    {path: 'people.science_staff', label: '科技人员（人）', kind: 'int'},
  ]],
  ['知识产权', [
    {path: 'ip.invention_patents', label: '发明专利（件）', kind: 'int'},
    {path: 'ip.utility_models', label: '实用新型（件）', kind: 'int'},
    {path: 'ip.designs', label: '外观设计（件）', kind: 'int'},
    {path: 'ip.software_copyrights', label: '软件著作权（件）', kind: 'int'},
  ]],
  ['行业与上市', [
    {path: 'industries', label: '所属行业', kind: 'list', hint: '多个用逗号或顿号分隔，如 软件和信息技术服务业、I65'},
    {path: 'listing', label: '上市情况', kind: 'select', options: ['未上市', '新三板', '北交所', '科创板', '创业板', '主板']},
  ]],
  ['投资项目', [
    {path: 'projects[0].kind', label: '项目类型', kind: 'select', options: ['新建', '扩建', '技术改造']},
    {path: 'projects[0].location', label: '项目地点', kind: 'text'},
    {path: 'projects[0].investment_wan', label: '总投资（万元）', kind: 'number'},
    {path: 'projects[0].start_date', label: '开工日期', kind: 'date'},
    {path: 'projects[0].status', label: '建设状态', kind: 'select', options: ['拟建', '在建', '建成']},
  ]],
];

/** "a.b[0].c" → ['a', 'b', 0, 'c']. */
function pathKeys(path) {
  return path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '')
    .map((k) => (/^\d+$/.test(k) && path.includes(`[${k}]`) ? Number(k) : k));
}

function getPath(obj, path) {
  return pathKeys(path).reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);
}

function setPath(obj, path, value) {
  const keys = pathKeys(path);
  let o = obj;
  keys.slice(0, -1).forEach((k, i) => {
    if (o[k] === undefined) o[k] = typeof keys[i + 1] === 'number' ? [] : {};
    o = o[k];
  });
  o[keys[keys.length - 1]] = value;
}

/** A labelled form field with room for a hint and an error message. */
function formField({id, label, control, hint, wide}) {
  const hintId = hint ? `${id}-hint` : null;
  const errId = `${id}-error`;
  control.setAttribute('aria-describedby', [hintId, errId].filter(Boolean).join(' '));
  return h('div', {class: wide ? 'field field--wide' : 'field'},
    h('label', {for: id}, label), control,
    hint ? h('p', {class: 'hint', id: hintId}, hint) : null,
    h('p', {class: 'field-error', id: errId, hidden: true}));
}

function plainControl(f, id) {
  const attrs = {id, name: f.path, 'data-path': f.path, 'data-kind': f.kind};
  if (f.kind === 'bool') {
    return h('select', attrs, h('option', {value: ''}, '未填写'),
      h('option', {value: 'true'}, '是'), h('option', {value: 'false'}, '否'));
  }
  if (f.kind === 'select') {
    return h('select', attrs, h('option', {value: ''}, '未填写'), f.options.map((o) => h('option', {value: o}, o)));
  }
  const type = {date: 'date', int: 'number', number: 'number'}[f.kind] || 'text';
  const extra = f.kind === 'int' ? {min: 0, step: 1, inputmode: 'numeric'}
    : f.kind === 'number' ? {min: 0, step: 'any', inputmode: 'decimal'} : {};
  return h('input', {...attrs, ...extra, type, list: f.list, autocomplete: f.autocomplete || 'off'});
}

function plainSection(legend, fields) {
  return h('fieldset', {class: 'form-section'}, h('legend', null, legend),
    fields.map((f) => {
      const id = uid('pf');
      return formField({id, label: f.label, hint: f.hint, control: plainControl(f, id),
        wide: f.kind === 'list'});
    }),
    fields.filter((f) => f.list).map((f) => h('datalist', {id: f.list}, f.options.map((o) => h('option', {value: o})))));
}

function yearRow(index) {
  const year = new Date().getFullYear() - 1 - index;
  const yearId = uid('year');
  const fields = [formField({id: yearId, label: '年度', hint: `如 ${year}`, control: h('input',
    {id: yearId, type: 'number', min: 1940, max: 2100, step: 1, inputmode: 'numeric', 'data-year': '', autocomplete: 'off'})})];
  for (const [key, label] of YEAR_FIGURES) {
    const id = uid('fig');
    fields.push(formField({id, label: `${label}（万元）`, control: h('input',
      {id, type: 'number', min: 0, step: 'any', inputmode: 'decimal', 'data-figure': key, autocomplete: 'off'})}));
  }
  return h('fieldset', {class: 'year-row', 'data-year-row': index}, h('legend', null, `经营数据 · 年度${index ? '二' : '一'}`), fields);
}

function qualificationSection() {
  const boxes = QUALIFICATIONS.map((q) => {
    const id = uid('qual');
    return h('div', {class: 'check'}, h('input', {type: 'checkbox', id, value: q, 'data-qualification': ''}),
      h('label', {for: id}, q));
  });
  const otherId = uid('qual-other');
  const noneId = uid('qual-none');
  return h('fieldset', {class: 'form-section', 'data-path': 'qualifications'},
    h('legend', null, '已获资质'),
    h('div', {class: 'check-grid'}, boxes),
    formField({id: otherId, label: '其他资质', hint: '多个用逗号或顿号分隔', wide: true,
      control: h('input', {id: otherId, type: 'text', 'data-qualification-other': '', autocomplete: 'off'})}),
    h('div', {class: 'check'}, h('input', {type: 'checkbox', id: noneId, 'data-qualification-none': ''}),
      h('label', {for: noneId}, '以上资质均未获得（不勾选则视为未知）')),
    h('p', {class: 'field-error', hidden: true}));
}

function creditSection() {
  const kindId = uid('credit');
  const dateId = uid('credit-date');
  const kind = h('select', {id: kindId, 'data-credit-kind': ''},
    h('option', {value: ''}, '未填写'), h('option', {value: 'none'}, '无不良信用记录'),
    CREDIT_KINDS.map((k) => h('option', {value: k}, `有：${k}`)));
  return h('fieldset', {class: 'form-section', 'data-path': 'credit_events'},
    h('legend', null, '信用记录'),
    formField({id: kindId, label: '信用情况', control: kind}),
    formField({id: dateId, label: '不良记录日期', hint: '有不良记录时填写',
      control: h('input', {id: dateId, type: 'date', 'data-credit-date': ''})}),
    h('p', {class: 'field-error', hidden: true}));
}

function profileForm(onsubmit, onclear) {
  const sections = PROFILE_SECTIONS.map(([legend, fields]) => plainSection(legend, fields));
  return h('form', {class: 'profile-form', novalidate: true, onsubmit, 'aria-labelledby': 'profile-heading'},
    h('h2', {id: 'profile-heading'}, '企业情况'),
    h('div', {class: 'form-errors', role: 'alert', tabindex: '-1', hidden: true}),
    sections.slice(0, 3), yearRow(0), yearRow(1), qualificationSection(), creditSection(), sections.slice(3),
    h('div', {class: 'check'}, h('input', {type: 'checkbox', id: 'match-open', 'data-open': ''}),
      h('label', {for: 'match-open'}, '只看正在申报（未截止）的通知')),
    h('div', {class: 'form-actions'},
      h('button', {type: 'submit', class: 'button button--primary'}, '开始匹配'),
      h('button', {type: 'button', class: 'button', onclick: onclear}, '清空')));
}

/** A form value as its profile type; undefined when empty. */
function fieldValue(el) {
  const v = el.value.trim();
  if (v === '') return undefined;
  switch (el.dataset.kind) {
    case 'int': case 'number': return Number(v);
    case 'bool': return v === 'true';
    case 'list': return v.split(/[,，、;；\n]+/).map((x) => x.trim()).filter(Boolean);
    default: return v;
  }
}

function readYears(form, profile, problems) {
  for (const row of form.querySelectorAll('[data-year-row]')) {
    const yearEl = row.querySelector('[data-year]');
    const figures = {};
    for (const el of row.querySelectorAll('[data-figure]')) {
      el.removeAttribute('data-path');
      if (el.value.trim() !== '') figures[el.dataset.figure] = Number(el.value);
    }
    const year = yearEl.value.trim();
    yearEl.setAttribute('data-path', year ? `years.${year}` : 'years');
    if (!Object.keys(figures).length) continue;
    if (!year) { problems.push({el: yearEl, message: '请填写这组数据的年度'}); continue; }
    for (const el of row.querySelectorAll('[data-figure]')) el.setAttribute('data-path', `years.${year}.${el.dataset.figure}`);
    profile.years = profile.years || {};
    profile.years[year] = {...profile.years[year], ...figures};
  }
}

function readQualifications(form, profile) {
  const names = [...form.querySelectorAll('[data-qualification]:checked')].map((b) => b.value);
  const other = form.querySelector('[data-qualification-other]').value;
  names.push(...other.split(/[,，、;；]+/).map((x) => x.trim()).filter(Boolean));
  if (names.length) profile.qualifications = names.map((name) => ({name}));
  else if (form.querySelector('[data-qualification-none]').checked) profile.qualifications = [];
}

function readCredit(form, profile) {
  const kind = form.querySelector('[data-credit-kind]').value;
  const date = form.querySelector('[data-credit-date]').value;
  if (kind === 'none') profile.credit_events = [];
  else if (kind) profile.credit_events = [date ? {kind, date} : {kind}];
}

/** The profile the form describes, and problems found before sending it. */
function formToProfile(form) {
  const profile = {};
  const problems = [];
  for (const el of form.querySelectorAll('[data-kind]')) {
    const v = fieldValue(el);
    if (v !== undefined) setPath(profile, el.dataset.path, v);
  }
  readYears(form, profile, problems);
  readQualifications(form, profile);
  readCredit(form, profile);
  return {profile, problems};
}

function fillYears(form, years) {
  const rows = [...form.querySelectorAll('[data-year-row]')];
  const keys = Object.keys(years || {}).sort().reverse().slice(0, rows.length);
  keys.forEach((year, i) => {
    rows[i].querySelector('[data-year]').value = year;
    for (const el of rows[i].querySelectorAll('[data-figure]')) {
      const v = years[year][el.dataset.figure];
      el.value = v === undefined ? '' : String(v);
    }
  });
}

function fillQualifications(form, quals) {
  if (!Array.isArray(quals)) return;
  const names = quals.map((q) => q.name);
  for (const box of form.querySelectorAll('[data-qualification]')) box.checked = names.includes(box.value);
  form.querySelector('[data-qualification-other]').value = names.filter((n) => !QUALIFICATIONS.includes(n)).join('、');
  form.querySelector('[data-qualification-none]').checked = names.length === 0;
}

function fillCredit(form, events) {
  if (!Array.isArray(events)) return;
  const kindEl = form.querySelector('[data-credit-kind]');
  kindEl.value = events.length ? events[0].kind : 'none';
  form.querySelector('[data-credit-date]').value = events[0]?.date || '';
}

/** Fills the form from a saved profile (the inverse of formToProfile). */
function profileToForm(form, profile) {
  for (const el of form.querySelectorAll('[data-kind]')) {
    const v = getPath(profile, el.dataset.path);
    if (v === undefined || v === null) continue;
    el.value = Array.isArray(v) ? v.join('、') : String(v);
  }
  fillYears(form, profile.years);
  fillQualifications(form, profile.qualifications);
  fillCredit(form, profile.credit_events);
}

function clearErrors(form) {
  for (const p of form.querySelectorAll('.field-error')) { p.hidden = true; p.textContent = ''; }
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const summary = form.querySelector('.form-errors');
  summary.hidden = true;
  summary.replaceChildren();
}

/** The control (or fieldset) an API error's field names: exact path, else the longest prefix. */
function elementForField(form, field) {
  let best = null;
  for (const el of form.querySelectorAll('[data-path]')) {
    const p = el.dataset.path;
    const fits = field === p || field.startsWith(`${p}.`) || field.startsWith(`${p}[`);
    if (fits && (!best || p.length > best.dataset.path.length)) best = el;
  }
  return best;
}

/** Shows each problem next to its field and in a summary at the top of the form. */
function showErrors(form, problems) {
  const summary = form.querySelector('.form-errors');
  const items = problems.map(({el, field, message}) => {
    const target = el || (field ? elementForField(form, field) : null);
    const text = target ? message : `${field ? `${field}：` : ''}${message}`;
    if (!target) return h('li', null, text);
    const box = target.closest('.field') || target;
    const p = box.querySelector(':scope > .field-error');
    p.textContent = p.textContent ? `${p.textContent}；${message}` : message;
    p.hidden = false;
    if (target.matches('input, select')) target.setAttribute('aria-invalid', 'true');
    const focusable = target.matches('input, select') ? target : target.querySelector('input, select');
    return h('li', null, h('a', {href: `#${focusable.id}`, onclick: (e) => { e.preventDefault(); focusable.focus(); }},
      box.querySelector(':scope > label, :scope > legend')?.textContent || field || '', '：', message));
  });
  summary.replaceChildren(h('p', null, '企业情况有误，请修改后再试：'), h('ul', null, items));
  summary.hidden = false;
  summary.focus();
}

function conditionItem(c) {
  const [icon, label] = STATUSES[c.status] || ['?', c.status];
  return h('li', {class: `cond cond--${c.status}`},
    h('p', {class: 'cond__head'}, h('span', {class: 'cond__status', 'aria-hidden': 'true'}, icon),
      h('span', {class: 'cond__label'}, label), h('span', {class: 'cond__reason'}, c.reason || '')),
    c.value ? h('p', {class: 'cond__value'}, `企业数据：${c.value}`) : null,
    h('blockquote', {class: 'cond__text'}, h('span', {class: 'visually-hidden'}, '原文：'), c.text));
}

function matchItem(r) {
  const verdict = VERDICTS[r.verdict] || r.verdict;
  return h('li', {class: `match match--${r.verdict}`, 'data-verdict': r.verdict}, h('article', null,
    h('h3', {class: 'result__title'}, h('a', {href: noticeHref(r.notice_id)}, r.title || '（无标题）')),
    h('p', {class: 'result__meta'},
      h('span', {class: `verdict verdict--${r.verdict}`}, verdict),
      h('span', null, `满足 ${Math.round((r.score || 0) * 100)}% 条件`),
      r.deadline ? h('span', null, '截止 ', r.deadline, ' ', deadlineBadge(r.deadline)) : null),
    h('ul', {class: 'conditions', 'aria-label': '申报条件'}, (r.conditions || []).map(conditionItem))));
}

function verdictFilter(list, counts) {
  const name = uid('verdict');
  const options = [['all', `全部（${counts.all}）`], ...Object.entries(VERDICTS).map(([v, l]) => [v, `${l}（${counts[v]}）`])];
  const onchange = (e) => {
    for (const li of list.children) li.hidden = e.target.value !== 'all' && li.dataset.verdict !== e.target.value;
  };
  return h('fieldset', {class: 'segmented', onchange}, h('legend', {class: 'visually-hidden'}, '按结论筛选'),
    options.map(([v, label]) => {
      const id = uid('vf');
      return h('span', null, h('input', {type: 'radio', name, id, value: v, checked: v === 'all'}), h('label', {for: id}, label));
    }));
}

function matchHeading() {
  return h('h2', {id: 'match-heading', tabindex: '-1'}, '匹配结果');
}

function matchResults(data) {
  const results = data.results || [];
  const counts = {all: results.length, eligible: 0, 'needs-check': 0, ineligible: 0};
  for (const r of results) counts[r.verdict] = (counts[r.verdict] || 0) + 1;
  const list = h('ol', {class: 'match-list'}, results.map(matchItem));
  const summary = `可申报 ${counts.eligible} 条，需核实 ${counts['needs-check']} 条，不符合 ${counts.ineligible} 条`;
  return [matchHeading(), h('p', {class: 'match-summary'}, summary, data.today ? `（参照日期 ${data.today}）` : ''),
    results.length ? [verdictFilter(list, counts), list]
      : h('p', {class: 'empty'}, '没有带申报条件的通知可供匹配。')];
}

async function runMatch(form, out, signal) {
  clearErrors(form);
  const {profile, problems} = formToProfile(form);
  if (problems.length) { showErrors(form, problems); return; }
  saveProfile(profile);
  const qs = new URLSearchParams(location.search);
  const params = new URLSearchParams();
  if (form.querySelector('[data-open]').checked) params.set('open', '1');
  if (qs.get('today')) params.set('today', qs.get('today'));
  out.setAttribute('aria-busy', 'true');
  out.replaceChildren(matchHeading(), h('p', {class: 'loading'}, '正在匹配…'));
  try {
    const data = await api(`/api/match${params.toString() ? `?${params}` : ''}`, {method: 'POST', body: profile, signal});
    out.replaceChildren(...matchResults(data).flat());
    announce(out.querySelector('.match-summary').textContent);
  } catch (err) {
    if (err.name === 'AbortError') return;
    if (err.errors.length) {
      out.replaceChildren(matchHeading(), h('p', {class: 'empty'}, '企业情况有误，请按表单中的提示修改后再试。'));
      showErrors(form, err.errors);
    } else {
      out.replaceChildren(matchHeading(), errorBox(`匹配出错：${err.message}`));
    }
  } finally {
    out.removeAttribute('aria-busy');
  }
}

async function renderMatch(main, params, signal) {
  setTitle('我能申报吗');
  const placeholder = () => [matchHeading(), h('p', {class: 'empty'}, '填写企业情况后点击“开始匹配”。')];
  const out = h('section', {class: 'match-results', 'aria-labelledby': 'match-heading'}, placeholder());
  const form = profileForm((e) => { e.preventDefault(); runMatch(form, out, signal); }, () => {
    form.reset();
    clearErrors(form);
    saveProfile(null);
    out.replaceChildren(...placeholder());
    announce('已清空企业情况');
  });
  form.addEventListener('change', () => saveProfile(formToProfile(form).profile));
  const heading = h('h1', {tabindex: '-1'}, '我能申报吗');
  main.replaceChildren(heading,
    h('p', {class: 'lead'}, '填写企业情况，逐条核对各通知的申报条件。资料只保存在本浏览器中；未填写的项目按“未知”处理，不做猜测。'),
    h('div', {class: 'match-layout'}, form, out));
  const saved = loadProfile();
  if (saved) {
    profileToForm(form, saved);
    runMatch(form, out, signal);
  }
  return heading;
}

/* ---------- calendar view (/calendar) ---------- */

const CALENDAR_DAYS = [['', '全部'], ['30', '30 天内'], ['90', '90 天内'], ['365', '一年内']];

/** API parameters for the calendar from the page URL (mine=1 adds the saved profile). */
function calendarQuery(params) {
  const q = new URLSearchParams();
  for (const k of ['region', 'category', 'days', 'today']) {
    for (const v of params.getAll(k)) if (v) q.append(k, v);
  }
  const profile = params.get('mine') === '1' ? loadProfile() : null;
  if (profile) q.set('profile', JSON.stringify(profile));
  return q;
}

function calendarFilters(params) {
  const hasProfile = Boolean(loadProfile());
  const field = (label, control) => h('div', {class: 'field'}, h('label', {for: control.id}, label), control);
  const onsubmit = (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(e.target)) if (v) q.append(k, v);
    navigate(`/calendar${q.toString() ? `?${q}` : ''}`);
  };
  return h('form', {class: 'filter-bar', action: '/calendar', method: 'get', onsubmit, 'aria-label': '日历筛选'},
    field('地区', h('input', {id: 'cal-region', name: 'region', type: 'text', value: params.get('region') || '', placeholder: '如 广东省、京津冀'})),
    field('时间范围', h('select', {id: 'cal-days', name: 'days'},
      CALENDAR_DAYS.map(([v, l]) => h('option', {value: v, selected: (params.get('days') || '') === v}, l)))),
    field('参照日期', h('input', {id: 'cal-today', name: 'today', type: 'date', value: params.get('today') || ''})),
    h('div', {class: 'filter-bar__mine'},
      h('div', {class: 'check'}, h('input', {type: 'checkbox', id: 'cal-mine', name: 'mine', value: '1',
        checked: params.get('mine') === '1', disabled: !hasProfile, 'aria-describedby': 'cal-mine-hint'}),
      h('label', {for: 'cal-mine'}, '只看我能申报的')),
      h('p', {class: 'hint', id: 'cal-mine-hint'}, hasProfile ? '按“我能申报吗”中保存的企业情况'
        : ['先在', h('a', {href: '/match'}, '我能申报吗'), '填写企业情况'])),
    h('button', {type: 'submit', class: 'button'}, '应用'));
}

function eventItem(ev) {
  const sameYear = ev.to && ev.from.slice(0, 4) === ev.to.slice(0, 4);
  const when = ev.kind === 'window' ? `${ev.from} 至 ${sameYear ? ev.to.slice(5) : ev.to}` : ev.from;
  const kind = ev.kind === 'window' ? '申报期' : '截止';
  const label = ev.label && ev.label.length > 1 && ev.label !== kind ? ev.label : null;
  const left = ev.days_left < 0 ? '进行中' : ev.days_left === 0 ? '今天' : `还剩 ${ev.days_left} 天`;
  return h('li', {class: `event event--${ev.kind}`},
    h('div', {class: 'event__when'}, h('time', {datetime: ev.from}, when),
      h('span', {class: ev.days_left <= 7 ? 'countdown is-soon' : 'countdown is-open'}, left)),
    h('div', {class: 'event__body'},
      h('p', {class: 'event__title'}, h('span', {class: 'badge'}, kind), ' ',
        h('a', {href: noticeHref(ev.notice_id)}, ev.title || '（无标题）')),
      h('p', {class: 'result__meta'},
        label ? h('span', null, label) : null,
        ev.doc_number ? h('span', {class: 'doc-number'}, ev.doc_number) : null,
        ev.issuers?.length ? h('span', null, ev.issuers.join('、')) : null,
        ev.verdict ? h('span', {class: `verdict verdict--${ev.verdict}`}, VERDICTS[ev.verdict] || ev.verdict) : null,
        ev.phones?.length ? h('span', null, '电话 ', ev.phones.map((p, i) => [i ? '、' : '', telLink(p)])) : null)));
}

/** Events grouped by the month they start in, in the API's order. */
function timeline(events) {
  const months = new Map();
  for (const ev of events) {
    const key = (ev.from || '').slice(0, 7);
    if (!months.has(key)) months.set(key, []);
    months.get(key).push(ev);
  }
  return h('div', {class: 'timeline'}, [...months].map(([ym, evs]) => {
    const id = uid('month');
    return h('section', {class: 'timeline__month', 'aria-labelledby': id},
      h('h2', {id}, ym ? monthLabel(ym) : '日期未定', h('span', {class: 'timeline__count'}, ` ${evs.length} 项`)),
      h('ol', {class: 'event-list'}, evs.map(eventItem)));
  }));
}

async function renderCalendar(main, params, signal) {
  setTitle('截止日历');
  const query = calendarQuery(params);
  const ics = `/calendar.ics${query.toString() ? `?${query}` : ''}`;
  const heading = h('h1', {tabindex: '-1'}, '截止日历');
  const body = h('div', {class: 'calendar-body'}, h('p', {class: 'loading'}, '正在载入…'));
  main.replaceChildren(heading, calendarFilters(params),
    h('p', {class: 'calendar-actions'}, h('a', {class: 'button button--primary', href: ics, download: 'zhengce.ics', id: 'ics-link'}, '导出日历 (ICS)'),
      h('span', {class: 'hint'}, ' 导入 Outlook、苹果或手机日历，截止前 7 天和 1 天提醒')),
    body);
  try {
    const data = await api(`/api/calendar?${query}`, {signal});
    const events = data.events || [];
    body.replaceChildren(h('p', {class: 'calendar-summary', id: 'calendar-summary'},
      `以 ${data.today} 为准，共 ${events.length} 项截止或申报期`),
    events.length ? timeline(events) : h('p', {class: 'empty'}, '没有即将到来的截止日期。可以换个参照日期或地区试试。'));
    announce(`共 ${events.length} 项`);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    body.replaceChildren(errorBox(`载入日历出错：${err.message}`));
  }
  return heading;
}

/* ---------- charts view (/charts) ---------- */

/** A horizontal bar chart: one linked row per [label, count]. */
function barChart(rows, width, hrefFor, caption) {
  const rowH = 26;
  const labelW = Math.min(150, Math.round(width * 0.38));
  const countW = 44;
  const max = Math.max(1, ...rows.map(([, n]) => n));
  const barSpace = Math.max(40, width - labelW - countW - 8);
  const height = rows.length * rowH + 4;
  return s('svg', {class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': caption},
    s('title', null, caption),
    rows.map(([label, n], i) => {
      const y = i * rowH + 2;
      const w = Math.max(2, Math.round((n / max) * barSpace));
      return s('a', {href: hrefFor(label), 'aria-label': `${label}：${n} 条`},
        s('text', {class: 'chart__label', x: labelW - 8, y: y + rowH / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle'}, label),
        s('rect', {class: 'chart__bar', x: labelW, y: y + 4, width: w, height: rowH - 8, rx: 3}),
        s('text', {class: 'chart__value', x: labelW + w + 6, y: y + rowH / 2, 'dominant-baseline': 'middle'}, n));
    }));
}

/** A column chart of counts per month (the months given, gaps not filled), a year label where the year changes. */
function columnChart(rows, hrefFor, caption) {
  const colW = 18;
  const plotH = 180;
  const top = 18;
  const width = rows.length * colW + 40;
  const height = plotH + top + 34;
  const max = Math.max(1, ...rows.map(([, n]) => n));
  let lastYearX = -Infinity;
  const yearLabel = (i, x) => {
    const year = rows[i][0].slice(0, 4);
    if ((i > 0 && rows[i - 1][0].startsWith(year)) || x - lastYearX < 40) return null;
    lastYearX = x;
    return s('text', {class: 'chart__label', x, y: top + plotH + 18}, year);
  };
  return s('svg', {class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': caption},
    s('title', null, caption),
    s('line', {class: 'chart__axis', x1: 20, x2: width - 10, y1: top + plotH, y2: top + plotH}),
    rows.map(([ym, n], i) => {
      const x = 24 + i * colW;
      const barH = Math.max(2, Math.round((n / max) * plotH));
      return s('a', {href: hrefFor(ym), 'aria-label': `${monthLabel(ym)}：${n} 条`},
        s('rect', {class: 'chart__bar', x, y: top + plotH - barH, width: colW - 4, height: barH, rx: 2}),
        s('text', {class: 'chart__value chart__value--small', x: x + (colW - 4) / 2, y: top + plotH - barH - 4, 'text-anchor': 'middle'}, n),
        yearLabel(i, x),
        s('text', {class: 'chart__tick', x: x + (colW - 4) / 2, y: top + plotH + 30, 'text-anchor': 'middle'}, Number(ym.slice(5))));
    }));
}

/** The numbers behind a chart, as a table for screen readers and copying. */
function dataTable(rows, headers) {
  return h('details', {class: 'chart-data'}, h('summary', null, '查看数据表'),
    h('table', null, h('thead', null, h('tr', null, headers.map((t) => h('th', {scope: 'col'}, t)))),
      h('tbody', null, rows.map(([k, n]) => h('tr', null, h('th', {scope: 'row'}, k), h('td', null, n))))));
}

function lastDayOfMonth(ym) {
  const [y, m] = ym.split('-').map(Number);
  return `${ym}-${pad2(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

function chartSection(title, chart, table, scroll) {
  const id = uid('chart');
  return h('section', {class: 'chart-card', 'aria-labelledby': id}, h('h2', {id}, title),
    scroll ? h('div', {class: 'chart-scroll', tabindex: '0', role: 'group', 'aria-label': `${title}（可横向滚动）`}, chart)
      : h('div', {class: 'chart-box'}, chart),
    table);
}

function drawCharts(box, data) {
  const width = Math.max(300, Math.min(760, box.clientWidth - 32));
  const provinces = Object.entries(data.facets?.province || {}).sort((a, b) => b[1] - a[1]);
  const months = Object.entries(data.facets?.month || {}).filter(([m]) => /^\d{4}-\d{2}$/.test(m)).sort();
  const provinceHref = (p) => `/?region=${encodeURIComponent(p)}`;
  const monthHref = (ym) => `/?issued_from=${ym}-01&issued_to=${lastDayOfMonth(ym)}`;
  box.replaceChildren(
    h('p', {class: 'lead', id: 'charts-total'}, `共收录 ${data.total} 条通知。点击柱条查看对应通知。`),
    provinces.length ? chartSection('各省份通知数', barChart(provinces, width, provinceHref, '各省份通知数条形图'),
      dataTable(provinces, ['省份', '通知数'])) : null,
    months.length ? chartSection('各月份通知数（按发布日期，只列有通知的月份）', columnChart(months, monthHref, '各月份通知数柱状图'),
      dataTable(months.map(([m, n]) => [monthLabel(m), n]), ['月份', '通知数']), true) : null,
    !provinces.length && !months.length ? h('p', {class: 'empty'}, '还没有可统计的通知。') : null);
  const scroller = box.querySelector('.chart-scroll');
  if (scroller) scroller.scrollLeft = scroller.scrollWidth; // the latest months first in view
}

let chartResize = null;

async function renderCharts(main, params, signal) {
  setTitle('统计图表');
  const heading = h('h1', {tabindex: '-1'}, '统计图表');
  const box = h('div', {class: 'charts'}, h('p', {class: 'loading'}, '正在统计…'));
  main.replaceChildren(heading, box);
  try {
    const data = await api('/api/notices?limit=1', {signal});
    drawCharts(box, data);
    let timer = 0;
    chartResize = () => { clearTimeout(timer); timer = setTimeout(() => drawCharts(box, data), 150); };
    window.addEventListener('resize', chartResize);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    box.replaceChildren(errorBox(`统计出错：${err.message}`));
  }
  return heading;
}

/* ---------- router ---------- */

const ROUTES = [
  {test: (p) => p === '/', view: renderSearch, nav: 'search'},
  {test: (p) => /^\/notice\/[^/]+$/.test(p), view: renderNotice, nav: 'search'},
  {test: (p) => p === '/match', view: renderMatch, nav: 'match'},
  {test: (p) => p === '/calendar', view: renderCalendar, nav: 'calendar'},
  {test: (p) => p === '/charts', view: renderCharts, nav: 'charts'},
];

function routeFor(path) {
  return ROUTES.find((r) => r.test(path)) || null;
}

function updateNav(active) {
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === active) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function renderNotFound(main) {
  setTitle('页面不存在');
  const heading = h('h1', {tabindex: '-1'}, '页面不存在');
  main.replaceChildren(heading, h('p', null, h('a', {href: '/'}, '返回搜索')));
  return heading;
}

let inFlight = null;

/** Renders the view of the current URL; focuses its heading after a navigation. */
async function render({focus}) {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  if (chartResize) { window.removeEventListener('resize', chartResize); chartResize = null; }
  const route = routeFor(location.pathname);
  updateNav(route?.nav);
  const main = document.getElementById('main');
  main.setAttribute('aria-busy', 'true');
  try {
    const view = route ? route.view : renderNotFound;
    const target = await view(main, new URLSearchParams(location.search), controller.signal, location.pathname);
    if (focus && target && inFlight === controller) target.focus();
  } catch (err) {
    if (err.name !== 'AbortError') main.replaceChildren(errorBox(`页面出错：${err.message}`));
  } finally {
    if (inFlight === controller) main.removeAttribute('aria-busy');
  }
}

/** Goes to one of our URLs without reloading the page. */
function navigate(href, {replace = false} = {}) {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.scrollTo(0, 0);
  render({focus: true});
}

/** Routes plain left clicks on links to our own pages; others behave as usual. */
function onLinkClick(e) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest('a[href]');
  if (!a || a.hasAttribute('download') || (a.getAttribute('target') || '_self') !== '_self') return;
  const href = a.getAttribute('href');
  if (href.startsWith('#')) return;
  const url = new URL(href, location.href);
  if (url.origin !== location.origin || !routeFor(url.pathname)) return;
  e.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

document.addEventListener('click', onLinkClick);
window.addEventListener('popstate', () => render({focus: false}));
render({focus: false});
