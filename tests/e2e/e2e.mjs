// e2e.mjs: browser end-to-end test of the zhengce web UI (web/), driven by
// playwright-core through Debian's chromium against a running `zhengce serve`
// that holds the sample notices and the script-injection notice of run.sh.
//
// usage: node e2e.mjs [BASE_URL]    (or ZC_BASE_URL; screenshots go to
//        ZC_ARTIFACTS, default tests/e2e/artifacts)
// Each step asserts something that can fail and saves a screenshot; the first
// failure stops the run with exit code 1 and says what was expected.
import {chromium} from 'playwright-core';
import {mkdirSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const base = (process.argv[2] || process.env.ZC_BASE_URL || '').replace(/\/$/, '');
const artifacts = process.env.ZC_ARTIFACTS || join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
const XSS_MARKER = '恶意脚本测试';

if (!base) {
  console.error('usage: node e2e.mjs BASE_URL (or set ZC_BASE_URL)');
  process.exit(2);
}
mkdirSync(artifacts, {recursive: true});

class Failure extends Error {}

function expect(cond, message) {
  if (!cond) throw new Failure(message);
}

/* ---------- console errors and CSP violations ---------- */

const problems = [];
let allowApiErrors = false; // set while a step provokes a 400 from the API on purpose

async function watch(page) {
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const url = msg.location()?.url || '';
    const expected = allowApiErrors && msg.text().startsWith('Failed to load resource') &&
      new URL(url, base).pathname.startsWith('/api/');
    if (!expected) problems.push(`console error: ${msg.text()} ${url}`);
  });
  // The init script runs before the page's own, outside its CSP, on every load.
  await page.exposeFunction('__zcCspViolation', (v) => problems.push(`CSP violation: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__zcCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
    });
  });
}

/* ---------- steps ---------- */

let stepNo = 0;

async function step(page, name, fn) {
  stepNo += 1;
  const shot = join(artifacts, `${String(stepNo).padStart(2, '0')}-${name}.png`);
  try {
    await fn();
    await page.screenshot({path: shot, fullPage: false});
    console.log(`ok ${stepNo} - ${name}`);
  } catch (err) {
    await page.screenshot({path: shot, fullPage: true}).catch(() => {});
    const why = err instanceof Failure ? err.message : `${err.name}: ${err.message}`;
    throw new Failure(`step ${stepNo} (${name}) failed: ${why}\n  screenshot: ${shot}`);
  }
}

async function totalShown(page) {
  const heading = page.locator('#results-heading[data-total]');
  await heading.waitFor();
  return Number(await heading.getAttribute('data-total'));
}

async function search(page, query) {
  await page.getByLabel('关键词', {exact: true}).fill(query);
  await page.getByLabel('关键词', {exact: true}).press('Enter');
  await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, query);
  await page.locator('#main[aria-busy]').waitFor({state: 'detached'});
}

async function apiJson(page, path) {
  const res = await page.request.get(base + path);
  expect(res.ok(), `GET ${path} answered ${res.status()}`);
  return res.json();
}

async function searchAndFacet(page) {
  let total = 0;
  await step(page, 'search', async () => {
    await page.goto(`${base}/`);
    await search(page, '申报');
    total = await totalShown(page);
    expect(total > 0, 'searching 申报 found nothing');
    const marks = page.locator('.result-list .result__snippet mark');
    expect(await marks.count() > 0, 'no <mark> in the result snippets');
    expect((await marks.first().textContent()) === '申报', `the first <mark> holds "${await marks.first().textContent()}", not 申报`);
    expect(await page.locator('.result-list .result').count() > 0, 'no result items');
  });
  await step(page, 'facet', async () => {
    const facets = page.locator('[data-facet="category"] .facet-list a.facet');
    const n = await facets.count();
    let chosen = -1;
    for (let i = 0; i < n && chosen < 0; i += 1) {
      if (Number(await facets.nth(i).getAttribute('data-count')) < total) chosen = i;
    }
    expect(chosen >= 0, 'no category facet narrower than the whole result');
    const want = Number(await facets.nth(chosen).getAttribute('data-count'));
    await facets.nth(chosen).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).has('category'));
    await page.locator(`#results-heading[data-total="${want}"]`).waitFor();
    expect(await page.locator('.chip').count() === 1, 'the chosen facet is not shown as a removable filter');
    await page.goBack();
    await page.locator(`#results-heading[data-total="${total}"]`).waitFor();
  });
  await step(page, 'bad-query', async () => {
    allowApiErrors = true;
    await search(page, '"未闭合');
    const alert = page.locator('.error-box[role="alert"]');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(/quote|引号|character|字符/.test(text), `the bad query error does not show the API's message: ${text}`);
    allowApiErrors = false;
  });
}

async function noticePage(page) {
  const found = await apiJson(page, `/api/notices?q=${encodeURIComponent('申报')}&limit=1000&facets=0`);
  const target = found.results.find((r) => r.doc_number && r.deadline);
  expect(target, 'no notice found by 申报 has both a 文号 and a deadline');
  await step(page, 'notice', async () => {
    await search(page, `doc:${target.doc_number}`);
    await page.locator(`.result-list a[href="/notice/${target.id}"]`).click();
    await page.locator('.notice-panel').waitFor();
    const panel = page.locator('.notice-panel');
    const fact = (label) => panel.locator(`dt:text-is("${label}") + dd`);
    expect((await fact('文号').textContent()).includes(target.doc_number), `the side panel does not show the 文号 ${target.doc_number}`);
    const deadline = await fact('截止').textContent();
    expect(deadline.includes(target.deadline), `the side panel does not show the deadline ${target.deadline}`);
    expect(/还剩 \d+ 天|已截止|今天截止/.test(deadline), `no countdown next to the deadline: ${deadline}`);
    const marks = page.locator('.notice-text__body mark[class^="k-"]');
    expect(await marks.count() > 0, 'the notice text has no marks');
    expect(await page.locator('.notice-text__body mark.k-doc_number, .notice-text__body mark.k-deadline, .notice-text__body mark.k-date').count() > 0,
      'no date, deadline or 文号 marked in the text');
  });
  await step(page, 'notice-reload', async () => {
    await page.reload();
    await page.locator('.notice-panel').waitFor();
    expect((await page.locator('h1').textContent()) === (target.title || '（无标题）'), 'a reloaded notice page shows another title');
  });
}

async function fillProfile(page, region) {
  await page.getByLabel('企业名称', {exact: true}).fill('昆明云岭智算科技有限公司');
  await page.getByLabel('注册地', {exact: true}).fill(region);
  await page.getByLabel('成立日期', {exact: true}).fill('2017-06-12');
  await page.getByLabel('企业类型', {exact: true}).fill('有限责任公司');
  await page.getByLabel('具有独立法人资格', {exact: true}).selectOption('true');
  await page.getByLabel('职工总数（人）', {exact: true}).fill('150');
  await page.getByLabel('研发人员（人）', {exact: true}).fill('24');
  await page.getByLabel('科技人员（人）', {exact: true}).fill('9');
  const year = page.locator('[data-year-row="0"]');
  await year.getByLabel('年度', {exact: true}).fill('2024');
  await year.getByLabel('营业收入（万元）', {exact: true}).fill('7100');
  await year.getByLabel('研发费用（万元）', {exact: true}).fill('150');
  await page.getByLabel('科技型中小企业', {exact: true}).check();
}

async function matchPage(page) {
  await step(page, 'match-errors', async () => {
    await page.getByRole('link', {name: '我能申报吗', exact: true}).click();
    await page.getByRole('heading', {level: 1, name: '我能申报吗', exact: true}).waitFor();
    allowApiErrors = true;
    await fillProfile(page, '火星');
    await page.getByRole('button', {name: '开始匹配', exact: true}).click();
    const error = page.locator('.field', {has: page.getByLabel('注册地', {exact: true})}).locator('.field-error');
    await error.waitFor();
    expect((await error.textContent()).length > 0, 'the profile error is not shown next to 注册地');
    expect(await page.getByLabel('注册地', {exact: true}).getAttribute('aria-invalid') === 'true', '注册地 is not marked aria-invalid');
    allowApiErrors = false;
  });
  await step(page, 'match', async () => {
    await page.getByLabel('注册地', {exact: true}).fill('昆明市');
    await page.getByRole('button', {name: '开始匹配', exact: true}).click();
    await page.locator('.match-list .match').first().waitFor();
    expect(await page.locator('.field-error:visible').count() === 0, 'field errors stay after a valid profile');
    const verdicts = await page.locator('.match-list .verdict').allTextContents();
    expect(verdicts.length > 0 && verdicts.every((v) => ['可申报', '需核实', '不符合'].includes(v)), `unexpected verdicts: ${verdicts.slice(0, 5)}`);
    const reasons = await page.locator('.match-list .cond__reason').allTextContents();
    expect(reasons.some((r) => r.trim().length > 0), 'no condition shows its reason');
    expect(await page.locator('.match-list .cond__text').count() > 0, 'no condition shows its source text');
  });
  await step(page, 'match-reload', async () => {
    await page.reload();
    await page.getByRole('heading', {level: 1, name: '我能申报吗', exact: true}).waitFor();
    expect(await page.getByLabel('企业名称', {exact: true}).inputValue() === '昆明云岭智算科技有限公司', 'the company name was not kept');
    expect(await page.getByLabel('注册地', {exact: true}).inputValue() === '昆明市', 'the region was not kept');
    expect(await page.getByLabel('职工总数（人）', {exact: true}).inputValue() === '150', 'the employee count was not kept');
    expect(await page.locator('[data-year-row="0"]').getByLabel('营业收入（万元）', {exact: true}).inputValue() === '7100', 'the revenue was not kept');
    expect(await page.getByLabel('科技型中小企业', {exact: true}).isChecked(), 'the qualification was not kept');
    await page.locator('.match-list .match').first().waitFor();
  });
}

async function expectIcs(page, label) {
  const href = await page.locator('#ics-link').getAttribute('href');
  const res = await page.request.get(new URL(href, base).href);
  expect(res.status() === 200, `${label}: ${href} answered ${res.status()}`);
  const body = await res.text();
  expect(body.startsWith('BEGIN:VCALENDAR'), `${label}: the ICS file does not start with BEGIN:VCALENDAR`);
  return href;
}

async function calendarPage(page) {
  await step(page, 'calendar', async () => {
    await page.getByRole('link', {name: '截止日历', exact: true}).click();
    await page.getByRole('heading', {level: 1, name: '截止日历', exact: true}).waitFor();
    await page.getByLabel('参照日期', {exact: true}).fill('2019-08-01');
    await page.getByRole('button', {name: '应用', exact: true}).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('today') === '2019-08-01');
    await page.locator('#calendar-summary').waitFor();
    expect(await page.locator('.event').count() > 0, 'no events on the calendar from 2019-08-01');
    const href = await expectIcs(page, 'calendar');
    expect(href.includes('today=2019-08-01'), `the ICS link does not carry the filters: ${href}`);
  });
  await step(page, 'calendar-mine', async () => {
    await page.getByLabel('只看我能申报的', {exact: true}).check();
    await page.getByRole('button', {name: '应用', exact: true}).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('mine') === '1');
    await page.locator('#calendar-summary').waitFor();
    const href = await expectIcs(page, 'calendar with the profile');
    expect(new URL(href, base).searchParams.has('profile'), `the ICS link does not carry the profile: ${href}`);
  });
}

async function scriptNotice(page) {
  await step(page, 'script-as-text', async () => {
    await page.getByRole('link', {name: '搜索', exact: true}).click();
    await search(page, XSS_MARKER);
    expect(await totalShown(page) > 0, `the notice holding ${XSS_MARKER} is not in the store`);
    expect((await page.locator('.result-list').textContent()).includes('<script>'), 'the snippet does not show <script> as text');
    await page.locator('.result-list .result__title a').first().click();
    await page.locator('.notice-text__body').waitFor();
    const text = await page.locator('.notice-text__body').textContent();
    expect(text.includes('<script>window.__xss=1</script>'), 'the notice text does not show the <script> markup as text');
    await page.getByText('<script>window.__xss=1</script>', {exact: false}).first().waitFor({state: 'visible'});
    expect(await page.evaluate(() => window.__xss) === undefined, 'window.__xss is set: notice markup ran');
    expect(await page.locator('main script, main img[src="x"]').count() === 0, 'notice markup became elements');
  });
}

async function chartsPage(page) {
  await step(page, 'charts', async () => {
    await page.getByRole('link', {name: '统计图表', exact: true}).click();
    await page.locator('svg.chart').first().waitFor();
    expect(await page.locator('svg.chart rect.chart__bar').count() > 0, 'the charts have no bars');
  });
}

async function mobileSearch(browser) {
  const page = await browser.newPage({viewport: {width: 375, height: 812}});
  page.setDefaultTimeout(15000);
  await watch(page);
  await step(page, 'mobile-search', async () => {
    await page.goto(`${base}/?q=${encodeURIComponent('申报')}`);
    expect(await totalShown(page) > 0, 'the search at 375px found nothing');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow <= 0, `the page is ${overflow}px wider than a 375px screen`);
    expect(await page.locator('.result-list .result').first().isVisible(), 'no result is visible at 375px');
  });
  await page.close();
}

async function main() {
  const browser = await chromium.launch({executablePath: '/usr/bin/chromium', args: ['--no-sandbox']});
  let status = 0;
  try {
    const page = await browser.newPage({viewport: {width: 1280, height: 900}, locale: 'zh-CN'});
    page.setDefaultTimeout(15000);
    await watch(page);
    await searchAndFacet(page);
    await noticePage(page);
    await matchPage(page);
    await calendarPage(page);
    await scriptNotice(page);
    await chartsPage(page);
    await mobileSearch(browser);
    expect(problems.length === 0, `console errors or CSP violations:\n  ${problems.join('\n  ')}`);
    console.log(`ok - no console errors, page errors or CSP violations; screenshots in ${artifacts}`);
  } catch (err) {
    console.error(`FAIL: ${err instanceof Failure ? err.message : err.stack}`);
    if (problems.length && !err.message.includes('console errors')) console.error(`also seen:\n  ${problems.join('\n  ')}`);
    status = 1;
  } finally {
    await browser.close();
  }
  return status;
}

process.exit(await main());
