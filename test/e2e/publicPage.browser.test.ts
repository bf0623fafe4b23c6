import { writeFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateGuildSettings } from '../../src/db/repositories/guildSettings.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import {
  type SeededCommunity,
  seedCommunity,
  startWebServer,
  WEB_GUILD,
  WEB_NOW,
  type WebServer,
} from '../support/web.js';

/**
 * The public page in a real browser: Debian's Chromium driven by playwright-core (no browser download; .ci/run
 * installs it when missing). Screenshots go to docs/ for the README.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const DOCS = new URL('../../docs/', import.meta.url);

describe('the public page in Chromium', () => {
  let database: TestDatabase;
  let server: WebServer;
  let browser: Browser;
  let community: SeededCommunity;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    community = await seedCommunity(database.handle.db);
    await updateGuildSettings(database.handle.db, WEB_GUILD, { publicNames: true }, WEB_NOW);
    server = await startWebServer(database.handle.db);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.cleanup();
  });

  async function open(path: string, viewport = { width: 1100, height: 900 }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${server.url}${path}`);
    return page;
  }

  it('GIVEN the community page in French WHEN opened THEN the upcoming stops appear in date order with the guild’s times, and the map highlights their towns', async () => {
    const page = await open('/c/tech-bsl');
    expect(await page.locator('h1').textContent()).toBe('Rencontres de Tech Bas-Saint-Laurent');
    expect(await page.locator('.stop h3 a').allTextContents()).toEqual(['Matane', 'Rimouski', 'Dégelis']);
    expect(await page.locator('.stop time').allTextContents()).toEqual([
      'mercredi 2 décembre 2026, 18 h 30',
      'vendredi 4 décembre 2026, 12 h 00',
      'jeudi 10 décembre 2026, 12 h 00',
    ]);
    expect(await page.locator('.stop .host').first().textContent()).toBe('Organisée par Marie Tremblay');
    const highlighted = await page
      .locator('figure svg g[data-highlighted="true"]')
      .evaluateAll((groups) => groups.map((group) => group.getAttribute('data-town')));
    expect(highlighted.sort()).toEqual(['Dégelis', 'Matane', 'Rimouski']);
    expect(await page.locator('figure svg g[data-town]').count()).toBe(10);
    expect(await page.getByRole('img', { name: /Carte des villes/ }).count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    await page.screenshot({ path: new URL('public-page.png', DOCS).pathname, fullPage: true });
    await page.close();
  });

  it('GIVEN the town filter WHEN Rimouski is chosen THEN only its stops remain', async () => {
    const page = await open('/c/tech-bsl');
    await page.getByLabel('Ville').selectOption({ label: 'Rimouski' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/town=rimouski/);
    expect(await page.locator('.stop h3 a').allTextContents()).toEqual(['Rimouski']);
    await page.getByLabel('Ville').selectOption({ label: 'Amqui' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/town=amqui/);
    expect(await page.locator('.empty').textContent()).toBe('Aucune rencontre prévue à Amqui pour le moment.');
    await page.close();
  });

  it('GIVEN the French page WHEN the reader switches to English THEN the page and its times read in English', async () => {
    const page = await open('/c/tech-bsl');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    expect(await page.locator('h1').textContent()).toBe('Tech Bas-Saint-Laurent meetups');
    expect(await page.locator('.stop time').first().textContent()).toBe('Wednesday, December 2, 2026, 6:30 PM');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-CA');
    await page.close();
  });

  it('GIVEN the subscribe button WHEN its webcal link is followed THEN it returns a feed that parses', async () => {
    const page = await open('/c/tech-bsl');
    const href = await page.getByRole('link', { name: 'Toutes les rencontres' }).getAttribute('href');
    expect(href).toMatch(/^webcal:\/\/127\.0\.0\.1:\d+\/c\/tech-bsl\/calendar\.ics$/);
    const response = await page.request.get(String(href).replace(/^webcal:/, 'http:'));
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    const uids = calendar.getAllSubcomponents('vevent').map((event) => new ICAL.Event(event).uid);
    expect(uids).toContain(`trip-${community.trips.rimouski.id}@escale`);
    await page.close();
  });

  it('GIVEN a trip page WHEN its link is shared THEN it carries Open Graph tags and its map image renders', async () => {
    const page = await open(`/c/tech-bsl/t/${community.trips.rimouski.id}`);
    const og = async (property: string) => page.locator(`meta[property="og:${property}"]`).getAttribute('content');
    expect(await og('title')).toBe('Rencontre à Rimouski — IA en région');
    expect(await og('description')).toContain('vendredi 4 décembre 2026, 12 h 00');
    const image = String(await og('image'));
    expect(image).toMatch(/\/c\/tech-bsl\/t\/\d+\/map\.png$/);
    const png = await page.request.get(image);
    expect(png.headers()['content-type']).toBe('image/png');
    writeFileSync(new URL('announcement-map.png', DOCS), await png.body());
    await page.close();
  });

  it('GIVEN a phone-sized viewport WHEN the page is opened THEN nothing scrolls sideways', async () => {
    const page = await open('/c/tech-bsl', { width: 360, height: 740 });
    // Evaluated in the page: the document is wider than the viewport when something scrolls sideways.
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: new URL('public-page-phone.png', DOCS).pathname, fullPage: true });
    await page.close();
  });

  it('GIVEN every page opened above WHEN the browser enforced the Content-Security-Policy THEN nothing was blocked', () => {
    expect(cspViolations).toEqual([]);
  });
});
