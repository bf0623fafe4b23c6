import { createServer } from 'node:net';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { startBot } from '../../src/bot.js';
import { deployCommands } from '../../src/deploy-commands.js';
import { useWorld, type World } from '../support/e2e.js';
import { announceTrip } from '../support/reliability.js';

/** `/setup public_page …` and `/trip feed` through the emulator, with the real bot serving its HTTP port. */
const PUBLIC_URL = 'https://escale.example.org';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The world's bot restarted with PUBLIC_URL and an HTTP port; returns the local base URL of that port. */
async function withWebServer(world: World): Promise<string> {
  const port = await freePort();
  await world.bot.stop();
  world.bot = await startBot({
    config: world.config({ PUBLIC_URL, HTTP_PORT: String(port) }),
    clock: world.clock,
    logger: world.logger,
  });
  return `http://127.0.0.1:${port}`;
}

const local = (base: string, url: string) => url.replace(PUBLIC_URL, base);

describe.each([
  {
    name: 'French',
    locale: 'fr',
    saved: 'Page publique : https://escale.example.org/c/',
    title: 'Rencontres de',
    resetHint: '/rencontre calendrier `nouveau_lien:true`',
  },
  {
    name: 'English',
    locale: 'en-US',
    saved: 'Public page: https://escale.example.org/c/',
    title: 'meetups',
    resetHint: '/trip feed `reset:true`',
  },
])('the public page from Discord, in $name', ({ locale, saved, title, resetHint }) => {
  const context = useWorld({ preferredLocale: locale, guildName: 'Réseau Bas-Saint-Laurent' });
  const where = { locale };

  it('GIVEN PUBLIC_URL WHEN an admin turns the public page on THEN its address (from the server’s name) answers with the announced trip', async () => {
    const { world } = context;
    const base = await withWebServer(world);
    const before = await fetch(`${base}/c/reseau-bas-saint-laurent`);
    expect(before.status).toBe(404);

    await (await world.owner.runs('/town preset', { region: 'bas-saint-laurent' }, where)).settled();
    await announceTrip(world, world.owner, { town: 'Rimouski', when: '2026-12-04 12:00', topic: 'IA' }, where);
    const result = await world.owner.runs(
      '/setup',
      { public_page: true, invite: 'https://discord.gg/escale-bsl' },
      where,
    );
    expect(result.ephemeral).toBe(true);
    expect(result.text()).toContain(`${saved}reseau-bas-saint-laurent`);

    const page = await fetch(`${base}/c/reseau-bas-saint-laurent`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(title);
    expect(html).toContain('Réseau Bas-Saint-Laurent');
    expect([...html.matchAll(/<li class="stop" data-trip="\d+" data-town="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'Rimouski',
    ]);
    expect(html).toContain('href="https://discord.gg/escale-bsl"');
    // Hosts' names stay private until public_names is on.
    const hostLine = /<p class="host">(Organisée par|Hosted by) Owner<\/p>/;
    expect(html).not.toMatch(hostLine);
    await (await world.owner.runs('/setup', { public_names: true }, where)).settled();
    expect(await (await fetch(`${base}/c/reseau-bas-saint-laurent`)).text()).toMatch(hostLine);

    await (await world.owner.runs('/setup', { public_page: false }, where)).settled();
    expect((await fetch(`${base}/c/reseau-bas-saint-laurent`)).status).toBe(404);
  });

  it('GIVEN a member going to a trip WHEN they ask /trip feed THEN a private URL answers with that trip, shown once; reset replaces it', async () => {
    const { world } = context;
    world.createGuild({ preferredLocale: locale });
    await deployCommands(world.config());
    const base = await withWebServer(world);
    await (await world.owner.runs('/town preset', { region: 'bas-saint-laurent' }, where)).settled();
    const trip = await announceTrip(world, world.owner, { town: 'Matane', when: '2026-12-04 12:00' }, where);
    const alice = world.join('Alice', { locale });
    await alice.clicks(trip.message, 'going');

    const first = await alice.runs('/trip feed', {}, where);
    expect(first.ephemeral).toBe(true);
    const url = /https:\/\/escale\.example\.org\/feed\/[A-Za-z0-9_-]{43}\.ics/.exec(first.text())?.[0];
    expect(url).toBeDefined();
    const feed = await fetch(local(base, String(url)));
    expect(feed.status).toBe(200);
    const events = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents('vevent');
    // The trip's number is not the button's id (a stop's): the event is recognised by its town and time.
    const parsed = events.map((event) => new ICAL.Event(event));
    expect(parsed.map((event) => [event.summary, event.startDate.toJSDate().toISOString()])).toEqual([
      [expect.stringContaining('Matane'), '2026-12-04T17:00:00.000Z'],
    ]);
    expect(parsed[0]?.uid).toMatch(/^trip-\d+@escale$/);

    const again = await alice.runs('/trip feed', {}, where);
    expect(again.text()).not.toContain('/feed/');
    // The way to a new link, named in the reader's language (command and option).
    expect(again.text()).toContain(resetHint);

    const reset = await alice.runs('/trip feed', { reset: true }, where);
    const newUrl = /https:\/\/escale\.example\.org\/feed\/[A-Za-z0-9_-]{43}\.ics/.exec(reset.text())?.[0];
    expect(newUrl).toBeDefined();
    expect(newUrl).not.toBe(url);
    expect((await fetch(local(base, String(url)))).status).toBe(404);
    expect((await fetch(local(base, String(newUrl)))).status).toBe(200);
  });
});
