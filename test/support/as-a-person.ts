import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page, type Request, type Response } from 'playwright-core';
import { expect } from 'vitest';

/**
 * What every browser test checks on every page a person sees (issue 16, point 8): Chromium started
 * with the Indonesian locale, no horizontal scroll on a phone, no English word and no JSON in a
 * visible text, and a screenshot of each page when PARAF_SCREENSHOTS names a folder.
 */

/** Debian's Chromium (.ci/run installs it), in Bahasa Indonesia, kept off the closed network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=id-ID',
    ],
    // Chromium takes its own controls' language (date fields, file buttons, form checks) from the
    // environment, not from --lang alone: an Indonesian desktop's, with chromium-l10n's pack.
    env: { ...process.env, LANG: 'id_ID.UTF-8', LANGUAGE: 'id' },
  });
}

export const PHONE = { width: 412, height: 915 };
export const DESK = { width: 1280, height: 900 };

/** A page as an Indonesian user's browser opens it: phone width, id-ID locale, WITA. */
export async function newPersonPage(browser: Browser, viewport = PHONE): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Makassar' });
  return context.newPage();
}

/**
 * English words a person must not meet on a page. Only words that are not also Indonesian (so not
 * "data", "status", "total", "no." for nomor), plus the cloud's names, which mean nothing to the office.
 */
const ENGLISH = new Set(
  (
    'the and of to is are was were be been this that these those with for from not yes please ' +
    'error errors invalid expected received required missing unknown undefined null nan true false json ' +
    'fill out field fields submit click here page pages file files download downloads upload uploads back next ' +
    'save cancel number string object array approve approved reject rejected return returned pending waiting done ' +
    'open close sign signed signature document documents link links login logout password user users ' +
    'name date time step steps case cases dashboard search home settings internal bad request ' +
    'forbidden unauthorized select choose list view show hide edit delete remove add new update ' +
    'created updated type value values valid health backup restore draft drafts outbox inbox queue task tasks ' +
    'review archive verify verification permit permits license receipt applicant office head staff deadline due ' +
    'late issued number found should must cannot could would your you our we they it its an at by on or in ' +
    'aws lambda dynamodb s3 ses kms cognito cloudwatch hash none'
  ).split(/\s+/),
);

/** Job titles the seeds themselves use ("Petugas Front Office"): names, not English sentences. */
const SEED_TITLES = [/front office/gi, /back office/gi];

/** The visible words of the page: text nodes shown on screen, button and input labels, placeholders. */
async function visibleTexts(page: Page): Promise<string[]> {
  // A string, run in the page: the project's TypeScript has no DOM types (they would change Node's own).
  return page.evaluate(VISIBLE_TEXTS) as Promise<string[]>;
}

const VISIBLE_TEXTS = `(() => {
  const texts = [];
  const shown = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden') return false;
    }
    return !!element && element.getClientRects().length > 0;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue;
    const text = node.textContent.trim();
    if (text && shown(parent)) texts.push(text);
  }
  for (const element of document.querySelectorAll('input, textarea, select, button, img, [aria-label], [title]')) {
    if (!shown(element)) continue;
    for (const attribute of ['placeholder', 'aria-label', 'title', 'alt'])
      if (element.getAttribute(attribute)) texts.push(element.getAttribute(attribute));
    if (element.tagName === 'INPUT' && ['submit', 'button'].includes(element.type)) texts.push(element.value);
    if (element.tagName === 'TEXTAREA' && element.value) texts.push(element.value);
  }
  return texts;
})()`;

/** A text shown to a person that is JSON, or carries a piece of it. */
const looksLikeJson = (text: string) =>
  /^\s*[{[]\s*["{[\]}]/.test(text) || /"[A-Za-z_][\w-]*"\s*:/.test(text) || /\{"error"/.test(text);

export interface PersonCheckOptions {
  /** Words allowed on this page besides Indonesian: proper names, a seed's own wording. Compared lower case. */
  allow?: string[];
  /** Text nodes that are not checked at all (a seed's quotation that carries English loanwords). */
  skipTextsContaining?: string[];
}

/**
 * The page as it stands: no horizontal scroll when the viewport is a phone's, no English word, no JSON.
 * Fails naming the word, the text it is in and the page's address.
 */
export async function expectPersonReadable(page: Page, options: PersonCheckOptions = {}) {
  const where = page.url();
  const width = page.viewportSize()?.width ?? 0;
  if (width <= PHONE.width) {
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
    expect(overflow, `${where}: scrolls sideways by ${overflow} px at ${width} px`).toBeLessThanOrEqual(0);
  }
  const allowed = new Set((options.allow ?? []).map((word) => word.toLowerCase()));
  for (const text of await visibleTexts(page)) {
    if (options.skipTextsContaining?.some((part) => text.includes(part))) continue;
    expect(looksLikeJson(text), `${where}: JSON shown to a person: ${text.slice(0, 200)}`).toBe(false);
    // An address shown (an e-mail's link) is no wording: a link id's random letters once read "it".
    const wording = text.toLowerCase().replace(/https?:\/\/\S+/g, ' ');
    const words = SEED_TITLES.reduce((rest, title) => rest.replace(title, ' '), wording);
    for (const word of words.split(/[^a-z0-9-]+/)) {
      if (!word || allowed.has(word)) continue;
      expect(ENGLISH.has(word), `${where}: English word "${word}" in "${text.slice(0, 200)}"`).toBe(false);
    }
  }
}

/** PARAF_SCREENSHOTS=<folder> keeps a full-page picture (none is committed). */
export async function screenshot(page: Page, name: string) {
  if (process.env.PARAF_SCREENSHOTS)
    await page.screenshot({ path: join(process.env.PARAF_SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The page at a phone's width and at a desk's, checked at both (the checks above) and pictured at both
 * when asked. The viewport is left at the width it was.
 */
export async function checkAtBothWidths(page: Page, name: string, options: PersonCheckOptions = {}) {
  const before = page.viewportSize() ?? PHONE;
  for (const viewport of [PHONE, DESK]) {
    await page.setViewportSize(viewport);
    await expectPersonReadable(page, options);
    await screenshot(page, `${name}-${viewport.width}`);
  }
  await page.setViewportSize(before);
}

/**
 * A page's HTML as the web app answers it, opened in Chromium at `path` of a stand-in origin, with the
 * stylesheet every page links (/stil.css) and nothing else: for a page whose case is costly to reach on
 * a live server (a departed official's link, a verification in years to come). Returns what was fetched.
 */
export async function openAnsweredHtml(page: Page, path: string, html: string): Promise<string[]> {
  const { STYLE } = await import('#web/page.ts');
  const fetched: string[] = [];
  await page.route('http://paraf.test/**', (route) => {
    const asked = new URL(route.request().url()).pathname;
    fetched.push(asked);
    if (asked === '/stil.css') return route.fulfill({ contentType: 'text/css', body: STYLE });
    if (asked === path) return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`http://paraf.test${path}`);
  return fetched;
}

/**
 * Clicks a form's submit button as a person would and waits for the page that answers it. A click
 * that sent nothing within ten seconds is clicked again, once: beside the PDF frames of a step's
 * page, Chromium's PDF viewer, still starting, has swallowed a first click under load (CI), and a
 * person seeing nothing happen clicks again. The request must then go out, or this fails.
 */
export async function submitByClick(page: Page, button: Locator): Promise<Response> {
  const posted = (timeout: number) => page.waitForRequest((r) => r.method() === 'POST', { timeout });
  let request: Request;
  try {
    [request] = await Promise.all([posted(10_000), button.click()]);
  } catch {
    [request] = await Promise.all([posted(30_000), button.click()]);
  }
  const response = await request.response();
  if (!response) throw new Error(`no answer to ${request.url()}`);
  await page.waitForLoadState('load');
  return response;
}

/**
 * One request as a browser sends it to Paraf at `baseUrl`, no redirect followed: the session cookie,
 * and for a form this site as its Origin (or the `origin` given); the session cookie it answered
 * with, if any (the last: a change first clears the old session's cookie, then sets the new one).
 */
export async function sendAsBrowser(
  baseUrl: string,
  path: string,
  cookie: string,
  init: { method?: string; form?: Record<string, string>; origin?: string } = {},
) {
  const answer = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? (init.form ? 'POST' : 'GET'),
    redirect: 'manual',
    headers: {
      accept: 'text/html',
      cookie,
      ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded', origin: init.origin ?? baseUrl } : {}),
    },
    ...(init.form ? { body: new URLSearchParams(init.form) } : {}),
  });
  const set = answer.headers
    .getSetCookie()
    .filter((header) => header.startsWith('paraf_sesi='))
    .at(-1);
  return {
    status: answer.status,
    location: answer.headers.get('location'),
    text: await answer.text(),
    cookie: set?.split(';')[0],
  };
}

/** The sign-in form, filled and sent as the official does, after asking `url` (a staff page sends them to it). */
export async function signInOnPage(
  page: Page,
  url: string,
  account: { official: string; password: string; code: string },
) {
  await page.goto(url);
  await page.selectOption('#pejabat', account.official);
  await page.fill('#kata-sandi', account.password);
  await page.fill('#kode', account.code);
  await submitByClick(page, page.getByRole('button', { name: 'Masuk' }));
}

/**
 * A select as a person reads it: inside the viewport, and each option's text as wide as the box
 * leaves for it (a closed select cuts its text without a sign). The text is measured in a span of
 * the select's own font; the arrow is allowed 24 px. Fails naming the option and both widths.
 */
export async function expectSelectReadable(page: Page, selector: string) {
  const where = `${page.url()} at ${page.viewportSize()?.width} px`;
  const measured = (await page.evaluate(`((selector) => {
    const select = document.querySelector(selector);
    const box = select.getBoundingClientRect();
    const style = getComputedStyle(select);
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24;
    const span = document.createElement('span');
    span.style.font = style.font;
    span.style.whiteSpace = 'pre';
    span.style.position = 'absolute';
    span.style.visibility = 'hidden';
    document.body.append(span);
    const options = [...select.options].map((option) => {
      span.textContent = option.text;
      return { text: option.text, width: span.getBoundingClientRect().width };
    });
    span.remove();
    return { left: box.left, right: box.right, viewport: document.documentElement.clientWidth, room, options };
  })(${JSON.stringify(selector)})`)) as {
    left: number;
    right: number;
    viewport: number;
    room: number;
    options: { text: string; width: number }[];
  };
  expect(measured.left, `${where}: ${selector} starts left of the page`).toBeGreaterThanOrEqual(0);
  expect(measured.right, `${where}: ${selector} ends right of the page`).toBeLessThanOrEqual(measured.viewport);
  expect(measured.options.length, `${where}: ${selector} has no option`).toBeGreaterThan(0);
  for (const option of measured.options)
    expect(option.width, `${where}: "${option.text}" is cut (room ${measured.room} px)`).toBeLessThanOrEqual(
      measured.room,
    );
}
