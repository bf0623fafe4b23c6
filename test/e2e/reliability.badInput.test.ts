import { REST, Routes } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { CommandOptionInput, InteractionResult } from '../../src/emulator/index.js';
import { Permission } from '../../src/emulator/permissions.js';
import { type Language, type MessageKey, t } from '../../src/i18n/index.js';
import type { Actor, World } from '../../src/sandbox/world.js';
import { useWorld } from '../support/e2e.js';
import { announceTrip, freshGuildWithTown, snapshotTables } from '../support/reliability.js';

/**
 * Bad input, end to end: malformed dates, unknown or ambiguous towns, over-long text, mentions and markdown and
 * invisible characters in free text, numbers out of range, values outside the offered choices, forged custom ids,
 * commands from members without the permission (Discord's client-side hiding bypassed, as an admin override does),
 * commands from direct messages. Each must get the member's-language message for that mistake (never the generic
 * apology), write nothing to any table, and ping nobody.
 *
 * The emulator delivers what a forged client would: options outside their declared range, length or choices reach
 * the bot, and the bot has to say no itself.
 */

interface Fixture {
  alice: Actor;
  bob: Actor;
  /** A future trip (capacity 5) hosted by the owner. */
  future: number;
  cancelled: number;
  past: number;
  rimouskiId: number;
  /** A message posted as the bot whose components carry forged or stale custom ids. */
  forgedMessageId: string;
  /** A member who announced 12 trips in the last 24 hours, the guild's limit (max_trips_per_day:12). */
  hugo: Actor;
}

interface Row {
  given: string;
  when: string;
  /** The expected message: a catalog key (any parameters), in the language of the locale used. */
  key: MessageKey;
  /** What the message must say besides: the values that matter (the limit, the value refused, the trip). */
  says?: string[] | ((fixture: Fixture) => string[]);
  language?: Language;
  run(world: World, fixture: Fixture): Promise<InteractionResult>;
}

const LONG = 'x'.repeat(1_600);
const ZERO_WIDTH = '\u200B\u200C\u2060\uFEFF';
const RTL_OVERRIDE = '\u202E';

/**
 * A command named in a message (`/trip list`) reaches the member as a command mention, which the client shows in the
 * reader's language (`/rencontre liste`); without a known id the bot writes that name itself.
 */
function commandPathIn(path: string, language: Language): string {
  const [name, ...rest] = path.slice(1).split(' ');
  const command = commands.find((candidate) => candidate.data.name === name)?.data;
  if (!command) return path;
  const localized = (node: { name: string; name_localizations?: Record<string, string | null> | null }) =>
    language === 'fr' ? (node.name_localizations?.fr ?? node.name) : node.name;
  const parts = [localized(command)];
  for (const sub of rest) {
    const option = command.options?.find((candidate) => candidate.name === sub);
    parts.push(option ? localized(option) : sub);
  }
  return `/${parts.join(' ')}`;
}

/** A catalog template as a pattern: the text exactly, each `{param}` any text, each command as the reader sees it. */
function expected(key: MessageKey, language: Language): RegExp {
  const text = t(language, key).replace(
    /`(\/[a-z-]+(?: [a-z-]+)?)`/g,
    (_, path: string) => `\u{E000}${commandPathIn(path, language)}\u{E000}`,
  );
  const escaped = text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\{(\w+)\}/g, '[\\s\\S]*?').replace(/\u{E000}/gu, '`?')}$`);
}

function runInDm(world: World, actor: Actor, name: string, options: CommandOptionInput[]): Promise<InteractionResult> {
  return world.emulator.runCommand({
    channelId: world.emulator.dmChannel(actor.id).id,
    userId: actor.id,
    name,
    options,
    ignoreCommandPermissions: true,
  });
}

function click(world: World, fixture: Fixture, actor: Actor, customId: string, locale?: string) {
  return world.emulator.clickButton({
    messageId: fixture.forgedMessageId,
    customId,
    userId: actor.id,
    ...(locale ? { locale } : {}),
  });
}

const asMember = { ignoreCommandPermissions: true };

const ROWS: Row[] = [
  // ---- /trip new: the date ----
  {
    given: 'a date nobody can read',
    when: '/trip new when:"quand les poules auront des dents"',
    key: 'when.unparseable',
    says: ['« quand les poules auront des dents »'],
    run: (w) => w.owner.runs('/trip new', { town: 'Rimouski', when: 'quand les poules auront des dents' }),
  },
  {
    given: 'a date made only of spaces and invisible characters',
    when: '/trip new when:"<spaces and zero-width characters>"',
    key: 'when.empty',
    run: (w) => w.owner.runs('/trip new', { town: 'Rimouski', when: `  ${ZERO_WIDTH} ` }),
  },
  {
    given: 'a day without an hour',
    when: '/trip new when:"4 décembre"',
    key: 'when.noHour',
    says: ['vendredi 4 décembre 2026', '« 2026-12-04 12:00 »'],
    run: (w) => w.owner.runs('/trip new', { town: 'Rimouski', when: '4 décembre' }),
  },
  {
    given: 'an hour that could be morning or evening',
    when: '/trip new when:"demain 7"',
    key: 'when.hourGuessed',
    says: ['« demain 7 »', '« 7 h 00 »', '« 19 h 00 »'],
    run: (w) => w.owner.runs('/trip new', { town: 'Rimouski', when: 'demain 7' }),
  },
  {
    given: 'a date in the past',
    when: '/trip new when:"2026-01-05 12:00"',
    key: 'when.inPast',
    says: ['lundi 5 janvier 2026, 12 h 00'],
    run: (w) => w.owner.runs('/trip new', { town: 'Rimouski', when: '2026-01-05 12:00' }),
  },
  {
    given: 'a date more than a year ahead',
    when: '/trip new when:"2031-06-01 12:00"',
    key: 'when.tooFar',
    says: ['dimanche 1er juin 2031, 12 h 00', '365 jours'],
    run: (w) => w.owner.runs('/trip new', { town: 'Rimouski', when: '2031-06-01 12:00' }),
  },
  {
    given: 'an hour skipped by the spring DST change in Toronto',
    when: '/trip new when:"2027-03-14 02:30"',
    key: 'when.nonexistent',
    says: ['02:30 n’existe pas le 2027-03-14 (America/Toronto)', 'de 2 h à 3 h'],
    run: (w) => w.owner.runs('/trip new', { town: 'Rimouski', when: '2027-03-14 02:30' }),
  },
  {
    given: 'an hour repeated by the autumn DST change in Toronto, in English',
    when: '/trip new when:"2027-11-07 01:30" (en-US)',
    key: 'when.ambiguous',
    says: ['01:30 happens twice on 2027-11-07 (America/Toronto)'],
    language: 'en',
    run: (w) => w.owner.runs('/trip new', { town: 'Rimouski', when: '2027-11-07 01:30' }, { locale: 'en-US' }),
  },
  // ---- /trip new: the town ----
  {
    given: 'a town the server does not have',
    when: '/trip new town:Atlantis',
    key: 'town.notFound',
    says: ['« Atlantis »'],
    run: (w) => w.owner.runs('/trip new', { town: 'Atlantis', when: 'demain 12h' }),
  },
  {
    given: 'a town prefix matching two towns',
    when: '/trip new town:Sainte',
    key: 'town.ambiguous',
    says: ['« Sainte »', '2 villes : Sainte-Flavie, Sainte-Luce'],
    run: (w) => w.owner.runs('/trip new', { town: 'Sainte', when: 'demain 12h' }),
  },
  {
    given: '@everyone as the town',
    when: '/trip new town:"@everyone"',
    key: 'town.notFound',
    says: ['« @everyone »'],
    run: (w) => w.owner.runs('/trip new', { town: '@everyone', when: 'demain 12h' }),
  },
  {
    given: 'a role mention as the town',
    when: '/trip new town:"<@&role>"',
    key: 'town.notFound',
    says: ['« @Rimouski partout »'],
    run: (w) => w.owner.runs('/trip new', { town: `<@&${w.role('Rimouski')!.id}> partout`, when: 'demain 12h' }),
  },
  {
    given: 'a user mention and markdown as the town',
    when: '/trip new town:"**<@alice>** `x`"',
    key: 'town.notFound',
    run: (w, f) => w.owner.runs('/trip new', { town: `**${f.alice.mention}** \`x\` ||y||`, when: 'demain 12h' }),
  },
  {
    given: 'a town name hidden behind a right-to-left override',
    when: '/trip new town:"\\u202Eiksuomir"',
    key: 'town.notFound',
    says: ['« iksuomir »'],
    run: (w) => w.owner.runs('/trip new', { town: `${RTL_OVERRIDE}iksuomir`, when: 'demain 12h' }),
  },
  // ---- /trip new: free text and numbers ----
  {
    given: 'a topic of 1,600 characters with @everyone in it',
    when: '/trip new topic:<1,600 chars>',
    key: 'trip.topicTooLong',
    says: ['1610 caractères sur 200 permis'],
    run: (w) => w.owner.runs('/trip new', { town: 'Rimouski', when: 'demain 12h', topic: `@everyone ${LONG}` }),
  },
  {
    given: 'a venue of 1,600 characters with a role mention',
    when: '/trip new venue:<1,600 chars>',
    key: 'trip.venueTooLong',
    says: ['1624 caractères sur 100 permis'],
    run: (w) => w.owner.runs('/trip new', { town: 'Rimouski', when: 'demain 12h', venue: `<@&${w.guild.id}> ${LONG}` }),
  },
  {
    given: 'a negative duration',
    when: '/trip new duration:-30',
    key: 'trip.badDuration',
    says: ['entre 15 et 720 minutes (reçu : -30)'],
    run: (w) => w.owner.runs('/trip new', { town: 'Rimouski', when: 'demain 12h', duration: -30 }),
  },
  {
    given: 'a duration of a billion minutes',
    when: '/trip new duration:1000000000',
    key: 'trip.badDuration',
    says: ['entre 15 et 720 minutes (reçu : 1000000000)'],
    run: (w) => w.owner.runs('/trip new', { town: 'Rimouski', when: 'demain 12h', duration: 1_000_000_000 }),
  },
  {
    given: 'a negative capacity',
    when: '/trip new capacity:-3',
    key: 'trip.badCapacity',
    says: ['entre 1 et 500 (reçu : -3)'],
    run: (w) => w.owner.runs('/trip new', { town: 'Rimouski', when: 'demain 12h', capacity: -3 }),
  },
  {
    given: 'a capacity beyond any integer Discord allows',
    when: '/trip new capacity:9007199254740991',
    key: 'trip.badCapacity',
    says: ['entre 1 et 500 (reçu : 9007199254740991)'],
    run: (w) => w.owner.runs('/trip new', { town: 'Rimouski', when: 'demain 12h', capacity: Number.MAX_SAFE_INTEGER }),
  },
  {
    given: 'a reach outside the offered choices',
    when: '/trip new reach:galaxy',
    key: 'trip.badReach',
    says: ['« galaxy »', 'town, nearby, region'],
    run: (w) => w.owner.runs('/trip new', { town: 'Rimouski', when: 'demain 12h', reach: 'galaxy' }),
  },
  // ---- /trip show, edit, cancel, recap, history ----
  // ---- /trip add-stop ----
  {
    given: 'a member who is not the host',
    when: '/trip add-stop trip:<someone else’s> town:Rimouski',
    key: 'trip.notAllowed',
    says: (f) => [`rencontre #${f.future} (@Owner)`],
    run: (_w, f) =>
      f.alice.runs('/trip add-stop', { trip: String(f.future), town: 'Rimouski', when: 'dans 10 jours 12h' }),
  },
  {
    given: 'a stop in a town that does not exist',
    when: '/trip add-stop town:Atlantide',
    key: 'town.notFound',
    says: ['« Atlantide »'],
    run: (w, f) =>
      w.owner.runs('/trip add-stop', { trip: String(f.future), town: 'Atlantide', when: 'dans 10 jours 12h' }),
  },
  {
    given: 'a trip reference that is not one',
    when: '/trip show trip:"abc"',
    key: 'trip.notFound',
    says: ['« abc »'],
    run: (w) => w.owner.runs('/trip show', { trip: 'abc' }),
  },
  {
    given: 'a trip number that does not exist, in English',
    when: '/trip show trip:"#99999" (en-US)',
    key: 'trip.notFound',
    says: ['“#99999”'],
    language: 'en',
    run: (w) => w.owner.runs('/trip show', { trip: '#99999' }, { locale: 'en-US' }),
  },
  {
    given: 'a member who is neither the host nor allowed to manage events',
    when: '/trip edit venue:"chez moi"',
    key: 'trip.notAllowed',
    says: (f) => [`rencontre #${f.future} (@Owner)`],
    run: (_w, f) => f.alice.runs('/trip edit', { trip: String(f.future), venue: 'chez moi' }),
  },
  {
    given: 'the host asking to change nothing',
    when: '/trip edit trip only',
    key: 'trip.edit.nothing',
    says: ['au moins une option'],
    run: (w, f) => w.owner.runs('/trip edit', { trip: String(f.future) }),
  },
  {
    given: 'a negative capacity on edit',
    when: '/trip edit capacity:-1',
    key: 'trip.badCapacityEdit',
    says: ['entre 1 et 500, ou 0 pour ne pas limiter (reçu : -1)'],
    run: (w, f) => w.owner.runs('/trip edit', { trip: String(f.future), capacity: -1 }),
  },
  {
    given: 'a trip that is over',
    when: '/trip edit venue:"ailleurs" on the past trip',
    key: 'trip.isPast',
    says: (f) => [`La rencontre #${f.past} est terminée`],
    run: (w, f) => w.owner.runs('/trip edit', { trip: String(f.past), venue: 'ailleurs' }),
  },
  {
    given: 'a member cancelling someone else’s trip',
    when: '/trip cancel',
    key: 'trip.notAllowed',
    says: (f) => [`rencontre #${f.future} (@Owner)`],
    run: (_w, f) => f.alice.runs('/trip cancel', { trip: String(f.future) }),
  },
  {
    given: 'a trip already cancelled',
    when: '/trip cancel on the cancelled trip',
    key: 'trip.isCancelled',
    says: (f) => [`La rencontre #${f.cancelled} est annulée`],
    run: (w, f) => w.owner.runs('/trip cancel', { trip: String(f.cancelled) }),
  },
  {
    given: 'a cancellation reason of 1,600 characters',
    when: '/trip cancel reason:<1,600 chars>',
    key: 'trip.reasonTooLong',
    says: ['1600 caractères sur 200 permis'],
    run: (w, f) => w.owner.runs('/trip cancel', { trip: String(f.future), reason: LONG }),
  },
  {
    given: 'a member who did not host the meetup',
    when: '/trip recap notes:"…"',
    key: 'recap.notes.notHost',
    says: (f) => [`rencontre #${f.past} (@Owner)`],
    run: (_w, f) => f.alice.runs('/trip recap', { trip: String(f.past), notes: 'Super soirée @everyone' }),
  },
  {
    given: 'recap notes of 3,200 characters',
    when: '/trip recap notes:<3,200 chars>',
    key: 'recap.notes.tooLong',
    says: ['3200 caractères sur 1500 permis'],
    run: (w, f) => w.owner.runs('/trip recap', { trip: String(f.past), notes: LONG + LONG }),
  },
  {
    given: 'a town filter the server does not have',
    when: '/trip list town:Atlantis',
    key: 'town.notFound',
    says: ['« Atlantis »'],
    run: (_w, f) => f.alice.runs('/trip list', { town: 'Atlantis' }),
  },
  {
    given: 'a town filter the server does not have, in English',
    when: '/trip history town:Atlantis (en-US)',
    key: 'town.notFound',
    language: 'en',
    says: ['“Atlantis”'],
    run: (_w, f) => f.bob.runs('/trip history', { town: 'Atlantis' }, { locale: 'en-US' }),
  },
  // ---- /rsvp ----
  {
    given: 'a trip reference that is not a trip',
    when: '/rsvp trip:"demain"',
    key: 'rsvp.unknownTrip',
    run: (_w, f) => f.alice.runs('/rsvp', { trip: 'demain', response: 'going' }),
  },
  {
    given: 'an answer outside the offered choices',
    when: '/rsvp response:yes',
    key: 'rsvp.badResponse',
    run: (_w, f) => f.alice.runs('/rsvp', { trip: String(f.future), response: 'yes' }),
  },
  {
    given: 'a negative number of guests',
    when: '/rsvp guests:-1',
    key: 'rsvp.badGuests',
    says: ['entre 0 et 5 (reçu : -1)'],
    run: (_w, f) => f.alice.runs('/rsvp', { trip: String(f.future), response: 'going', guests: -1 }),
  },
  {
    given: 'a huge number of guests, in English',
    when: '/rsvp guests:100000 (en-US)',
    key: 'rsvp.badGuests',
    says: ['between 0 and 5 (got 100000)'],
    language: 'en',
    run: (_w, f) =>
      f.bob.runs('/rsvp', { trip: String(f.future), response: 'going', guests: 100_000 }, { locale: 'en-US' }),
  },
  {
    given: 'a cancelled trip',
    when: '/rsvp on it',
    key: 'rsvp.tripCancelled',
    says: (f) => [`La rencontre #${f.cancelled} est annulée`],
    run: (_w, f) => f.alice.runs('/rsvp', { trip: String(f.cancelled), response: 'going' }),
  },
  {
    given: 'a trip that is over',
    when: '/rsvp on it',
    key: 'rsvp.tripPast',
    says: (f) => [`La rencontre #${f.past} est terminée`],
    run: (_w, f) => f.alice.runs('/rsvp', { trip: String(f.past), response: 'going' }),
  },
  // ---- /preferences ----
  {
    given: 'quiet hours that are not a time range',
    when: '/preferences quiet_hours:tard',
    key: 'preferences.error.quietHours',
    says: ['« tard »'],
    run: (_w, f) => f.alice.runs('/preferences', { quiet_hours: 'tard' }),
  },
  {
    given: 'quiet hours of zero length',
    when: '/preferences quiet_hours:"22h à 22h"',
    key: 'preferences.error.quietHoursZero',
    says: ['« 22h à 22h »'],
    run: (_w, f) => f.alice.runs('/preferences', { quiet_hours: '22h à 22h' }),
  },
  {
    given: 'a language outside the offered choices, in English',
    when: '/preferences language:de (en-US)',
    key: 'preferences.error.language',
    language: 'en',
    says: ['“de”'],
    run: (_w, f) => f.bob.runs('/preferences', { language: 'de' }, { locale: 'en-US' }),
  },
  {
    given: 'a reminders choice outside the offered ones, with valid quiet hours beside it',
    when: '/preferences reminders:sms quiet_hours:22:00-07:00',
    key: 'preferences.error.reminders',
    says: ['« sms »'],
    run: (_w, f) => f.alice.runs('/preferences', { reminders: 'sms', quiet_hours: '22:00-07:00' }),
  },
  // ---- /town ----
  {
    given: 'a town that does not exist',
    when: '/town join town:Atlantis',
    key: 'town.notFound',
    says: ['« Atlantis »'],
    run: (_w, f) => f.alice.runs('/town join', { town: 'Atlantis' }),
  },
  {
    given: 'the Monday digest of a town that does not exist',
    when: '/town join town:Atlantis mode:digest',
    key: 'town.notFound',
    says: ['« Atlantis »'],
    run: (_w, f) => f.alice.runs('/town join', { town: 'Atlantis', mode: 'digest' }),
  },
  {
    given: 'a town mode outside the offered choices',
    when: '/town join town:Rimouski mode:weekly',
    key: 'town.error.mode',
    says: ['« weekly »'],
    run: (_w, f) => f.alice.runs('/town join', { town: 'Rimouski', mode: 'weekly' }),
  },
  {
    given: 'a town made of invisible characters only',
    when: '/town leave town:"<zero-width characters>"',
    key: 'town.notFound',
    run: (_w, f) => f.alice.runs('/town leave', { town: ZERO_WIDTH }),
  },
  {
    given: 'a member without Manage Roles',
    when: '/town add name:Amqui',
    key: 'error.missingPermission',
    says: ['« Gérer les rôles »'],
    run: (_w, f) => f.alice.runs('/town add', { name: 'Amqui' }, asMember),
  },
  // ---- issue 11: privilege and abuse ----
  {
    given: 'a role with Administrator',
    when: '/town add name:Staff role:@Staff',
    key: 'town.error.rolePrivileged',
    says: ['Administrator'],
    run: (w) => {
      const role = w.emulator.createRole(w.guild.id, { name: 'Staff', permissions: Permission.Administrator });
      return w.owner.runs('/town add', { name: 'Staff', role });
    },
  },
  {
    given: 'Manage Roles granted only by the channel’s overwrite',
    when: '/town add name:Amqui (channel-level permission)',
    key: 'error.missingPermission',
    says: ['« Gérer les rôles »'],
    run: async (w, f) => {
      const channelId = w.channel('#general').id;
      w.emulator.setChannelOverwrite(channelId, { id: f.alice.id, allow: Permission.ManageRoles });
      try {
        return await f.alice.runs('/town add', { name: 'Amqui' }, asMember);
      } finally {
        w.emulator.removeChannelOverwrite(channelId, f.alice.id);
      }
    },
  },
  {
    given: 'a member who announced 12 trips today (max_trips_per_day:12)',
    when: '/trip new (13th trip)',
    key: 'trip.error.tooManyTrips',
    says: ['12 rencontres'],
    run: (_w, f) => f.hugo.runs('/trip new', { town: 'Matane', when: '2026-12-22 12:00' }),
  },
  {
    given: 'a member without Manage Events',
    when: '/trip new reach:region',
    key: 'trip.error.regionNeedsManageEvents',
    run: (_w, f) => f.alice.runs('/trip new', { town: 'Matane', when: '2026-12-23 12:00', reach: 'region' }),
  },
  {
    given: 'a member without Manage Roles',
    when: '/town remove town:Rimouski',
    key: 'error.missingPermission',
    says: ['« Gérer les rôles »'],
    run: (_w, f) => f.alice.runs('/town remove', { town: 'Rimouski' }, asMember),
  },
  {
    given: 'a member without Manage Roles, in English',
    when: '/town preset (en-US)',
    key: 'error.missingPermission',
    says: ['“Manage Roles”'],
    language: 'en',
    run: (_w, f) => f.bob.runs('/town preset', { region: 'bas-saint-laurent' }, { ...asMember, locale: 'en-US' }),
  },
  {
    given: 'a town name that is a mention',
    when: '/town add name:"<@&role>"',
    key: 'town.badName',
    says: ['(< @ >)'],
    run: (w) => w.owner.runs('/town add', { name: `<@&${w.guild.id}>` }),
  },
  {
    given: 'a town that differs from an existing one only by case and accents',
    when: '/town add name:RIMOUSKÍ',
    key: 'town.error.alreadyExists',
    says: ['**Rimouski** existe déjà', '@Rimouski'],
    run: (w) => w.owner.runs('/town add', { name: 'RIMOUSKÍ' }),
  },
  {
    given: 'a latitude without a longitude',
    when: '/town add lat:48.4',
    key: 'town.error.coordinatesIncomplete',
    run: (w) => w.owner.runs('/town add', { name: 'Amqui', lat: 48.4 }),
  },
  {
    given: 'coordinates off the globe',
    when: '/town add lat:95 lon:-400',
    key: 'town.error.coordinatesOutOfRange',
    says: ['(95, -400)', 'la latitude va de -90 à 90 et la longitude de -180 à 180.'],
    run: (w) => w.owner.runs('/town add', { name: 'Amqui', lat: 95, lon: -400 }),
  },
  {
    given: '@everyone as the town’s role',
    when: '/town add role:@everyone',
    key: 'town.error.roleReserved',
    says: ['@everyone'],
    run: (w) => w.owner.runs('/town add', { name: 'Amqui', role: w.guild.id }),
  },
  {
    given: 'the same town twice',
    when: '/town drive-time town_a:Rimouski town_b:rimouski',
    key: 'town.error.sameTown',
    says: ['**Rimouski** deux fois'],
    run: (w) => w.owner.runs('/town drive-time', { town_a: 'Rimouski', town_b: 'rimouski', minutes: 30 }),
  },
  {
    given: 'a negative drive time',
    when: '/town drive-time minutes:-5',
    key: 'town.error.driveTimeOutOfRange',
    says: ['entre 1 et 600 minutes (reçu : -5)'],
    run: (w) => w.owner.runs('/town drive-time', { town_a: 'Rimouski', town_b: 'Matane', minutes: -5 }),
  },
  {
    given: 'a region outside the offered choices',
    when: '/town preset region:atlantide',
    key: 'town.error.unknownPreset',
    says: ['« atlantide »', 'bas-saint-laurent'],
    run: (w) => w.owner.runs('/town preset', { region: 'atlantide' }),
  },
  // ---- /setup ----
  {
    given: 'a member without Manage Server',
    when: '/setup language:en',
    key: 'error.missingPermission',
    says: ['« Gérer le serveur »'],
    run: (_w, f) => f.alice.runs('/setup', { language: 'en' }, asMember),
  },
  {
    given: 'a time zone that does not exist',
    when: '/setup timezone:Mars/Olympus_Mons',
    key: 'setup.error.unknownTimeZone',
    says: ['« Mars/Olympus_Mons »'],
    run: (w) => w.owner.runs('/setup', { timezone: 'Mars/Olympus_Mons' }),
  },
  {
    given: 'a public address made only of hyphens',
    when: '/setup public_slug:"---"',
    key: 'web.setup.badSlug',
    says: ['« --- »'],
    run: (w) => w.owner.runs('/setup', { public_slug: '---' }),
  },
  {
    given: 'an invite that is not a Discord invite',
    when: '/setup invite:"https://evil.example/discord.gg/x"',
    key: 'web.setup.badInvite',
    run: (w) => w.owner.runs('/setup', { invite: 'https://evil.example/discord.gg/x', public_names: true }),
  },
  {
    given: 'a bot hosted without PUBLIC_URL',
    when: '/setup public_page:true',
    key: 'web.setup.needsPublicUrl',
    run: (w) => w.owner.runs('/setup', { public_page: true }),
  },
  {
    given: 'a bot hosted without PUBLIC_URL',
    when: '/trip feed reset:true',
    key: 'web.feed.needsPublicUrl',
    run: (_w, f) => f.alice.runs('/trip feed', { reset: true }),
  },
  {
    given: 'reminders nobody can read',
    when: '/setup reminders:"souvent"',
    key: 'setup.badReminders',
    says: ['« souvent »', 'de 1 minute à 7 jours,'],
    run: (w) => w.owner.runs('/setup', { reminders: 'souvent' }),
  },
  {
    given: 'too many reminders',
    when: '/setup reminders:"1m,2m,3m,4m,5m,6m,7m,8m"',
    key: 'setup.tooManyReminders',
    says: ['Au plus 5 rappels, s’il te plaît (8 demandés)'],
    run: (w) => w.owner.runs('/setup', { reminders: '1m,2m,3m,4m,5m,6m,7m,8m' }),
  },
  {
    given: 'a negative radius',
    when: '/setup nearby_minutes:-5',
    key: 'setup.error.outOfRange',
    says: ['La valeur -5 doit être entre 10 et 240.'],
    run: (w) => w.owner.runs('/setup', { nearby_minutes: -5 }),
  },
  {
    given: 'a huge recap delay, in English',
    when: '/setup recap_delay:99999999 (en-US)',
    key: 'setup.error.outOfRange',
    says: ['The value 99999999 must be between 0 and 1440.'],
    language: 'en',
    run: (w) => w.owner.runs('/setup', { recap_delay: 99_999_999 }, { locale: 'en-US' }),
  },
  {
    given: 'quiet hours nobody can read',
    when: '/setup quiet_hours:"tard"',
    key: 'setup.error.quietHoursUnparseable',
    says: ['« tard »', '« 22h à 7h »'],
    run: (w) => w.owner.runs('/setup', { quiet_hours: 'tard', nearby_minutes: 90 }),
  },
  {
    given: 'quiet hours of zero length, in English',
    when: '/setup quiet_hours:"22:00-22:00" (en-US)',
    key: 'setup.error.quietHoursZeroLength',
    says: ['“22:00-22:00”'],
    language: 'en',
    run: (w) => w.owner.runs('/setup', { quiet_hours: '22:00-22:00' }, { locale: 'en-US' }),
  },
  {
    given: 'a bot without Manage Server',
    when: '/setup onboarding:true',
    key: 'onboarding.error.botNeedsPermissions',
    says: ['« Gérer le serveur »', '« Gérer les rôles »'],
    run: (w) => w.owner.runs('/setup', { onboarding: true, quiet_hours: '22h à 7h' }),
  },
  // ---- forged and stale components ----
  {
    given: 'a button for a trip that does not exist',
    when: 'click rsvp:999999:going',
    key: 'rsvp.unknownTrip',
    run: (w, f) => click(w, f, f.alice, 'rsvp:999999:going'),
  },
  {
    given: 'a button with an answer that does not exist',
    when: 'click rsvp:<trip>:yes',
    key: 'rsvp.badResponse',
    run: (w, f) => click(w, f, f.alice, `rsvp:${f.future}:yes`),
  },
  {
    given: 'a button with an extra segment, in English',
    when: 'click rsvp:<trip>:going:all (en-US)',
    key: 'error.staleComponent',
    language: 'en',
    run: (w, f) => click(w, f, f.bob, `rsvp:${f.future}:going:all`, 'en-US'),
  },
  {
    given: 'a button no handler knows',
    when: 'click admin:drop-tables',
    key: 'error.staleComponent',
    run: (w, f) => click(w, f, f.alice, 'admin:drop-tables'),
  },
  {
    given: 'a list page button with a forged page',
    when: 'click trips:-1:all:next',
    key: 'error.staleComponent',
    run: (w, f) => click(w, f, f.alice, 'trips:-1:all:next'),
  },
  {
    given: '"I was there" on a meetup that has not happened',
    when: 'click recap:<future>:attended',
    key: 'recap.attended.tooEarly',
    says: (f) => [`La rencontre #${f.future} n’a pas encore eu lieu`],
    run: (w, f) => click(w, f, f.alice, `recap:${f.future}:attended`),
  },
  {
    given: '"I was there" on a cancelled meetup',
    when: 'click recap:<cancelled>:attended',
    key: 'recap.tripCancelled',
    says: (f) => [`La rencontre #${f.cancelled} a été annulée`],
    run: (w, f) => click(w, f, f.alice, `recap:${f.cancelled}:attended`),
  },
  {
    given: 'the welcome menu of another member',
    when: 'select towns:<bob> as Alice',
    key: 'error.notForYou',
    says: ['destiné à @Bob'],
    run: (w, f) =>
      w.emulator.selectMenu({
        messageId: f.forgedMessageId,
        customId: `towns:${f.bob.id}`,
        userId: f.alice.id,
        values: [String(f.rimouskiId)],
      }),
  },
  {
    given: 'the "next trip" form with a town that does not exist',
    when: 'submit recap:<past>:nextform town:Atlantis',
    key: 'town.notFound',
    says: ['« Atlantis »'],
    run: async (w, f) => {
      const opened = await click(w, f, f.alice, `recap:${f.past}:next`);
      return f.alice.submits(opened, { town: 'Atlantis', when: 'demain 12h', topic: '@everyone venez' });
    },
  },
  // ---- direct messages ----
  {
    given: 'a direct message to the bot',
    when: '/trip list in DM',
    key: 'error.guildOnly',
    run: (w, f) => runInDm(w, f.alice, 'trip', [{ name: 'list', options: [] }]),
  },
  {
    given: 'a direct message to the bot',
    when: '/rsvp in DM',
    key: 'error.guildOnly',
    run: (w, f) =>
      runInDm(w, f.alice, 'rsvp', [
        { name: 'trip', value: String(f.future) },
        { name: 'response', value: 'going' },
      ]),
  },
  {
    given: 'a direct message to the bot, in English',
    when: '/town join in DM (en-US)',
    key: 'error.guildOnly',
    language: 'en',
    run: (w, f) => runInDm(w, f.bob, 'town', [{ name: 'join', options: [{ name: 'town', value: 'Rimouski' }] }]),
  },
  {
    given: 'a direct message to the bot',
    when: '/setup in DM',
    key: 'error.guildOnly',
    run: (w, f) => runInDm(w, f.alice, 'setup', []),
  },
  // ---- /ride ----
  {
    given: 'nine seats',
    when: '/ride offer seats:9',
    key: 'ride.error.badSeats',
    says: ['entre 1 et 8 (reçu : 9)'],
    run: (_w, f) => f.alice.runs('/ride offer', { trip: String(f.future), from: 'Rimouski', seats: 9 }),
  },
  {
    given: 'a negative detour, in English',
    when: '/ride offer detour:-5 (en-US)',
    key: 'ride.error.badDetour',
    says: ['between 0 and 60 minutes (got -5)'],
    language: 'en',
    run: (_w, f) =>
      f.bob.runs(
        '/ride offer',
        { trip: String(f.future), from: 'Rimouski', seats: 2, detour: -5 },
        { locale: 'en-US' },
      ),
  },
  {
    given: 'a member not going to the trip',
    when: '/ride need',
    key: 'ride.error.notGoing',
    run: (_w, f) => f.alice.runs('/ride need', { trip: String(f.future), from: 'Rimouski' }),
  },
  {
    given: 'a stop the trip does not have',
    when: '/ride list stop:9',
    key: 'ride.error.whichStop',
    says: ['1 · Rimouski'],
    run: (_w, f) => f.alice.runs('/ride list', { trip: String(f.future), stop: '9' }),
  },
  {
    given: 'no ride offered nor asked',
    when: '/ride cancel',
    key: 'ride.error.nothingToCancel',
    run: (_w, f) => f.alice.runs('/ride cancel', { trip: String(f.future) }),
  },
  {
    given: 'a forged ride proposal',
    when: 'click ride:99999999:accept',
    key: 'ride.error.alreadyAnswered',
    run: (w, f) => click(w, f, f.alice, 'ride:99999999:accept'),
  },
  {
    given: 'a ride button of another shape',
    when: 'click ride:abc:explode',
    key: 'ride.error.badButton',
    run: (w, f) => click(w, f, f.alice, 'ride:abc:explode'),
  },
  // ---- the buttons of direct messages: reminders' "I can't come anymore", the host's heads-up ----
  {
    given: '"I can\'t come anymore" for a stop that does not exist',
    when: 'click leave:<guild>:999999',
    key: 'life.button.unknown',
    run: (w, f) => click(w, f, f.alice, `leave:${w.guild.id}:999999`),
  },
  {
    given: '"I can\'t come anymore" naming another guild',
    when: 'click leave:<another guild>:<future>',
    key: 'life.button.unknown',
    run: (w, f) => click(w, f, f.alice, `leave:${OTHER_GUILD}:${f.future}`),
  },
  {
    given: '"I can\'t come anymore" with a stop that is not a number, in English',
    when: 'click leave:<guild>:abc (en-US)',
    key: 'life.button.unknown',
    language: 'en',
    run: (w, f) => click(w, f, f.bob, `leave:${w.guild.id}:abc`, 'en-US'),
  },
  {
    given: '"I can\'t come anymore" for a meetup the member is not going to',
    when: 'click leave:<guild>:<future>',
    key: 'life.leave.notGoing',
    says: (f) => [`#${f.future}`, 'Rimouski'],
    run: (w, f) => click(w, f, f.alice, `leave:${w.guild.id}:${f.future}`),
  },
  {
    given: '"I can\'t come anymore" after the meetup started',
    when: 'click leave:<guild>:<past>',
    key: 'life.leave.started',
    says: (f) => [`#${f.past}`],
    run: (w, f) => click(w, f, f.alice, `leave:${w.guild.id}:${f.past}`),
  },
  {
    given: "the heads-up button of another member's meetup",
    when: 'click headsup:<guild>:<future> as Alice',
    key: 'life.widen.notHost',
    says: (f) => [`#${f.future}`],
    run: (w, f) => click(w, f, f.alice, `headsup:${w.guild.id}:${f.future}`),
  },
  {
    given: 'the heads-up button of a cancelled meetup',
    when: 'click headsup:<guild>:<cancelled> as its host',
    key: 'life.widen.cancelled',
    says: (f) => [`#${f.cancelled}`],
    run: (w, f) => click(w, f, w.owner, `headsup:${w.guild.id}:${f.cancelled}`),
  },
  {
    given: 'the heads-up button once the meetup started',
    when: 'click headsup:<guild>:<past> as its host',
    key: 'life.widen.started',
    says: (f) => [`#${f.past}`],
    run: (w, f) => click(w, f, w.owner, `headsup:${w.guild.id}:${f.past}`),
  },
];

/** A guild the bot is not in (a forged DM button's guild). */
const OTHER_GUILD = '1234567890123456789';

describe('bad input across commands and components', () => {
  const context = useWorld();
  let fixture: Fixture;

  beforeAll(async () => {
    const { world } = context;
    await freshGuildWithTown(world);
    for (const name of ['Matane', 'Sainte-Luce', 'Sainte-Flavie']) {
      await (await world.owner.runs('/town add', { name })).settled();
    }
    await (await world.owner.runs('/setup', { timezone: 'America/Toronto' })).settled();
    const alice = world.join('Alice');
    const bob = world.join('Bob', { locale: 'en-US' });
    const past = await announceTrip(world, world.owner, { town: 'Rimouski', when: 'demain 12h' });
    await alice.clicks(past.message, 'going');
    // Over, with its reminders and recap done: nothing is left due while the rows run.
    await world.advance('3d');
    await world.bot.services.announcements.idle();
    const future = await announceTrip(world, world.owner, { town: 'Rimouski', when: 'demain 12h', capacity: 5 });
    const cancelled = await announceTrip(world, world.owner, { town: 'Matane', when: 'après-demain 12h' });
    await (await world.owner.runs('/trip cancel', { trip: String(cancelled.tripId) })).settled();
    // A member at the daily limit of trips (issue 11): their 13th is refused.
    await (await world.owner.runs('/setup', { max_trips_per_day: 12 })).settled();
    const hugo = world.join('Hugo');
    for (let day = 10; day < 22; day++) {
      await announceTrip(world, hugo, { town: 'Sainte-Luce', when: `2026-12-${day} 12:00` });
    }
    await world.bot.services.announcements.idle();

    const rimouskiId = Number(
      /"value":"(\d+)"/.exec(JSON.stringify(await alice.autocompletes('/town join', { town: 'Rimou' }, 'town')))?.[1] ??
        Number.NaN,
    );
    const rest = new REST({ api: world.emulator.apiUrl }).setToken(world.emulator.botToken);
    const button = (custom_id: string) => ({ type: 2, style: 2, label: custom_id.slice(0, 80), custom_id });
    const posted = (await rest.post(Routes.channelMessages(world.channel('#general').id), {
      body: {
        content: 'Boutons d’une autre version (ids forgés ou périmés)',
        components: [
          {
            type: 1,
            components: [
              button('rsvp:999999:going'),
              button(`rsvp:${future.tripId}:yes`),
              button(`rsvp:${future.tripId}:going:all`),
              button('admin:drop-tables'),
              button('trips:-1:all:next'),
            ],
          },
          {
            type: 1,
            components: [
              button(`recap:${future.tripId}:attended`),
              button(`recap:${cancelled.tripId}:attended`),
              button(`recap:${past.tripId}:next`),
              button(`headsup:${world.guild.id}:${future.tripId}`),
              button(`headsup:${world.guild.id}:${cancelled.tripId}`),
            ],
          },
          {
            type: 1,
            components: [
              button(`leave:${world.guild.id}:999999`),
              button(`leave:${OTHER_GUILD}:${future.tripId}`),
              button(`leave:${world.guild.id}:abc`),
              button(`leave:${world.guild.id}:${future.tripId}`),
              button(`leave:${world.guild.id}:${past.tripId}`),
            ],
          },
          {
            type: 1,
            components: [
              button('ride:99999999:accept'),
              button('ride:abc:explode'),
              button(`headsup:${world.guild.id}:${past.tripId}`),
            ],
          },
          {
            type: 1,
            components: [
              {
                type: 3,
                custom_id: `towns:${bob.id}`,
                min_values: 0,
                max_values: 1,
                options: [{ label: 'Rimouski', value: String(rimouskiId) }],
              },
            ],
          },
        ],
      },
    })) as { id: string };
    fixture = {
      alice,
      bob,
      future: future.tripId,
      cancelled: cancelled.tripId,
      past: past.tripId,
      rimouskiId,
      forgedMessageId: posted.id,
      hugo,
    };
  }, 120_000);

  it('GIVEN every command and subcommand that takes options WHEN the table is read THEN each has at least one bad input of its own (a new command needs its rows here)', () => {
    const withOptions = commands.flatMap((command) => {
      const options = command.data.options ?? [];
      const subcommands = options.filter((option) => option.type === 1);
      if (subcommands.length === 0) return options.length > 0 ? [`/${command.data.name}`] : [];
      return subcommands
        .filter((sub) => 'options' in sub && (sub.options?.length ?? 0) > 0)
        .map((sub) => `/${command.data.name} ${sub.name}`);
    });
    expect(withOptions.length).toBeGreaterThan(10);
    const covered = (path: string) => ROWS.some((row) => row.when === path || row.when.startsWith(`${path} `));
    expect(withOptions.filter((path) => !covered(path))).toEqual([]);
  });

  for (const row of ROWS) {
    it(`GIVEN ${row.given} WHEN ${row.when} THEN the member reads "${row.key}" privately, nothing is written, nobody is pinged`, async () => {
      const { world } = context;
      const db = world.bot.deps.db;
      const before = await snapshotTables(db);
      const messagesBefore = new Set(world.emulator.state.messages.keys());

      const result = await (await row.run(world, fixture)).settled(10_000);

      expect(result.timedOut).toBe(false);
      expect(result.ephemeral).toBe(true);
      expect(result.texts()).toHaveLength(1);
      expect(result.text()).toMatch(expected(row.key, row.language ?? 'fr'));
      const says = typeof row.says === 'function' ? row.says(fixture) : (row.says ?? []);
      for (const fragment of says) expect(result.text()).toContain(fragment);
      expect(result.text()).not.toContain(RTL_OVERRIDE);
      await world.bot.services.announcements.idle();
      expect(await snapshotTables(db)).toEqual(before);
      const added = [...world.emulator.state.messages.values()].filter((message) => !messagesBefore.has(message.id));
      expect(added.filter((message) => !message.ephemeral)).toEqual([]);
      expect(
        added.filter(
          (message) => message.pinged.everyone || message.pinged.users.length > 0 || message.pinged.roles.length > 0,
        ),
      ).toEqual([]);
    });
  }

  it('GIVEN a town and a date pasted with zero-width and bidi characters WHEN a trip is announced THEN both are understood', async () => {
    const { world } = context;
    const result = await world.owner.runs('/trip new', {
      town: `Rimo${ZERO_WIDTH}uski`,
      when: `demain\u200B 12h${RTL_OVERRIDE}`,
    });
    await result.settled();
    expect(result.text()).toMatch(/^C’est annoncé ! Rencontre \*\*#\d+\*\* à \*\*Rimouski\*\*/);
  });
});
