import { it } from 'vitest';
import { createTestWorld } from '/work/main/test/support/e2e.js';
import { advanceTo, announce, freshGuild, LANGUAGES, MEETUP_START, rimouskiMember, rsvp, recapMessages, dmsOf } from '/work/main/test/e2e/recapSupport.js';
it('dump', async () => {
  const world = await createTestWorld({ database: 'pglite' });
  for (const language of LANGUAGES) {
  await freshGuild(world, language);
  const host = world.join('Hélène', { locale: language.locale });
  const alice = rimouskiMember(world, 'Alice', language);
  const bob = rimouskiMember(world, 'Bob', language, true);
  const a = await announce(world, host, language);
  await rsvp(alice, a, 'going', language.locale);
  await rsvp(bob, a, 'going', language.locale);
  await advanceTo(world, new Date(MEETUP_START.getTime() + 2 * 3600_000));
  console.log(dmsOf(world, alice)[0]?.content);
  console.log(world.threadOf(a)!.render());
  const [r] = recapMessages(world, a);
  const res = await alice.clicks(r!, 'next', { locale: language.locale });
  console.log(JSON.stringify(res.modal));
  const h = await alice.runs('/trip history', {}, { locale: language.locale });
  console.log(h.text());
  }
  await world.stop();
}, 120000);
