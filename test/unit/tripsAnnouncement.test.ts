import { describe, expect, it } from 'vitest';
import type { AnnouncementView } from '../../src/app/views.js';
import type { TripRow } from '../../src/db/repositories/trips.js';
import {
  buildIcs,
  foldIcsLine,
  googleCalendarUrl,
  renderAnnouncement,
  scheduledEventFields,
} from '../../src/discord/announcement.js';
import { renderReminderDmComponents } from '../../src/discord/recap.js';

const CREATED = new Date('2026-11-25T15:00:00Z');

function view(trip: Partial<TripRow> = {}, language: 'fr' | 'en' = 'fr'): AnnouncementView {
  const stop = {
    id: 12,
    tripId: 12,
    position: 1,
    pingMessageId: null,
    pingedAt: null,
    tripStatus: 'scheduled',
    guildId: '100000000000000001',
    hostId: '300000000000000001',
    townId: 7,
    townName: 'Rimouski',
    startsAt: new Date('2026-12-04T17:00:00Z'),
    durationMinutes: 90,
    topic: 'IA, PME; et \\ le reste',
    venue: 'Café du Port',
    capacity: 20,
    reach: 'town',
    status: 'scheduled',
    cancelReason: null,
    channelId: '110000000000000001',
    messageId: '120000000000000001',
    pingedRoleIds: ['200000000000000001'],
    scheduledEventId: null,
    threadId: null,
    recapMessageId: null,
    recapNotes: null,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...trip,
  } as TripRow;
  const counts = { going: 12, goingMembers: 10, maybe: 3, waitlist: 0, no: 1, seatsLeft: 8 };
  return { trip: stop, counts, stops: [{ stop, number: 1, counts }], language, timeZone: 'America/Toronto' };
}

describe('the .ics file of a trip', () => {
  it('GIVEN a trip with commas, semicolons and a backslash in its topic WHEN exported THEN the text is escaped, times are UTC and lines end in CRLF', () => {
    const ics = buildIcs(view());
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
    expect(ics).toContain('\r\nUID:trip-12@escale\r\n');
    expect(ics).toContain('\r\nDTSTART:20261204T170000Z\r\nDTEND:20261204T183000Z\r\n');
    expect(ics).toContain('SUMMARY:Rencontre à Rimouski : IA\\, PME\\; et \\\\ le reste');
    expect(ics).toContain('\r\nLOCATION:Café du Port\\, Rimouski\r\n');
    expect(ics).toContain('\r\nSTATUS:CONFIRMED\r\n');
  });

  it('GIVEN a long line of accented letters WHEN folded THEN no line exceeds 75 octets and unfolding gives the line back', () => {
    const line = `DESCRIPTION:${'é'.repeat(120)}`;
    const folded = foldIcsLine(line);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((part) => Buffer.byteLength(part, 'utf8') <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('GIVEN a cancelled trip WHEN exported THEN its status says so', () => {
    expect(buildIcs(view({ status: 'cancelled' }))).toContain('\r\nSTATUS:CANCELLED\r\n');
  });
});

describe('the Google Calendar link', () => {
  it('GIVEN a trip WHEN linked THEN the template carries the title, UTC dates, details and place', () => {
    const url = googleCalendarUrl(view({}, 'en'));
    expect(url).toMatch(/^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&text=/);
    expect(url).toContain('&dates=20261204T170000Z/20261204T183000Z');
    expect(url).toContain(`&text=${encodeURIComponent('Meetup in Rimouski: IA, PME; et \\ le reste')}`);
    expect(url).toContain(`&location=${encodeURIComponent('Café du Port, Rimouski')}`);
  });

  it('GIVEN a 200-character accented topic WHEN linked THEN the link stays within Discord’s 512 characters', () => {
    const url = googleCalendarUrl(view({ topic: 'é'.repeat(200), venue: 'à'.repeat(100) }));
    expect(url.length).toBeLessThanOrEqual(512);
    expect(url).toContain('&dates=20261204T170000Z/20261204T183000Z');
  });
});

describe('the announcement message', () => {
  it('GIVEN a trip that pinged one role WHEN rendered THEN the content mentions it, allowed_mentions lists exactly it, and the buttons carry the trip id', () => {
    const rendered = renderAnnouncement(view({ topic: '@everyone <@&1> <@2>' }));
    expect(rendered.content.startsWith('<@&200000000000000001> ')).toBe(true);
    expect(rendered.allowedMentions).toEqual({ parse: [], roles: ['200000000000000001'], users: [] });
    const ids = rendered.components.flatMap((row) =>
      row.components.map((button) =>
        'custom_id' in button ? button.custom_id : 'url' in button ? button.url : undefined,
      ),
    );
    expect(ids.slice(0, 3)).toEqual(['rsvp:12:going', 'rsvp:12:maybe', 'rsvp:12:no']);
    expect(ids.every((id) => id !== undefined && id.length <= 512)).toBe(true);
    expect(JSON.stringify(rendered.embeds)).not.toContain('@everyone');
    expect(rendered.embeds[0]?.fields?.find((field) => field.name === 'Je viens')?.value).toBe('12 / 20 places');
  });

  it('GIVEN a full trip with a waitlist WHEN rendered in English THEN the going count says full and how many wait', () => {
    const full = view({ capacity: 12 }, 'en');
    full.counts = { ...full.counts, waitlist: 4, seatsLeft: 0 };
    const going = renderAnnouncement(full).embeds[0]?.fields?.find((field) => field.name === 'Going');
    expect(going?.value).toBe('12 / 12 seats · full\n4 on the waitlist');
  });

  it('GIVEN a cancelled trip WHEN rendered THEN it pings nobody and keeps no button (no answer, no calendar link)', () => {
    const rendered = renderAnnouncement(view({ status: 'cancelled', cancelReason: 'Tempête' }));
    expect(rendered.allowedMentions).toEqual({ parse: [], roles: [], users: [] });
    expect(rendered.content).not.toContain('<@&');
    expect(rendered.components).toEqual([]);
    expect(rendered.embeds[0]?.title).toBe('❌ Annulée · Rimouski');
    expect(rendered.embeds[0]?.description).toContain('Tempête');
  });
});

describe('the Discord scheduled event', () => {
  it('GIVEN long texts with mentions WHEN mirrored THEN name, place and description fit Discord’s limits and mention nobody', () => {
    const fields = scheduledEventFields(view({ topic: `@everyone ${'x'.repeat(300)}`, venue: 'v'.repeat(150) }));
    expect(fields.name.length).toBeLessThanOrEqual(100);
    expect(fields.location.length).toBeLessThanOrEqual(100);
    expect(fields.description.length).toBeLessThanOrEqual(1_000);
    expect(`${fields.name}${fields.description}`).not.toMatch(/@everyone/);
    expect(fields.endsAt).toEqual(new Date('2026-12-04T18:30:00Z'));
  });
});

describe('an announcement once over, and the reminder DM’s buttons', () => {
  const over = (trip: Partial<TripRow>, language: 'fr' | 'en' = 'fr'): AnnouncementView => {
    const base = view(trip, language);
    return { ...base, stops: base.stops.map((standing) => ({ ...standing, over: true })) };
  };

  it('GIVEN an ended stop whose recap is not posted yet WHEN rendered THEN it reads over, keeps its counts, names no role and has no button', () => {
    const rendered = renderAnnouncement(over({}));
    expect(rendered.embeds[0]?.title).toBe('🏁 Terminée · Rimouski');
    expect(rendered.embeds[0]?.description).toContain('Le récap arrive bientôt');
    expect(rendered.embeds[0]?.fields?.find((field) => field.name === 'Avaient dit venir')?.value).toBe(
      '12 / 20 places',
    );
    expect(rendered.content).not.toContain('<@&');
    expect(rendered.allowedMentions.roles).toEqual([]);
    expect(rendered.components).toEqual([]);
  });

  it('GIVEN an ended stop whose recap is posted WHEN rendered in English THEN it links to the recap message in the thread', () => {
    const rendered = renderAnnouncement(
      over({ threadId: '120000000000000001', recapMessageId: '130000000000000001' }, 'en'),
    );
    expect(rendered.embeds[0]?.title).toBe('🏁 Over · Rimouski');
    expect(rendered.embeds[0]?.description).toContain(
      'The recap, photos and notes: https://discord.com/channels/100000000000000001/120000000000000001/130000000000000001',
    );
  });

  it('GIVEN a reminder WHEN its buttons are rendered THEN one links to the stop in Google Calendar and the other carries the guild and the stop', () => {
    const { trip } = view();
    const [row] = renderReminderDmComponents({ trip, language: 'fr', timeZone: 'America/Toronto', url: null });
    const [calendar, leave] = row?.components ?? [];
    expect(calendar).toMatchObject({ label: 'Ajouter à mon agenda' });
    expect((calendar as { url: string }).url).toContain('&dates=20261204T170000Z/20261204T183000Z');
    expect((calendar as { url: string }).url.length).toBeLessThanOrEqual(512);
    expect(leave).toMatchObject({ label: 'Je ne peux plus venir', custom_id: 'leave:100000000000000001:12' });
  });
});
