import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Every instant is stored in UTC as timestamptz; the guild's zone is only for parsing and display. */
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const guildSettings = pgTable(
  'guild_settings',
  {
    guildId: text('guild_id').primaryKey(),
    welcomeChannelId: text('welcome_channel_id'),
    tripsChannelId: text('trips_channel_id'),
    timeZone: text('time_zone').notNull().default('America/Toronto'),
    /** null: follow the guild's preferred locale (French when it is French, else English). */
    language: text('language'),
    nearbyMinutes: integer('nearby_minutes').notNull().default(60),
    recapDelayMinutes: integer('recap_delay_minutes').notNull().default(30),
    reminderOffsetsMinutes: integer('reminder_offsets_minutes').array().notNull().default(sql`'{1440,60}'::integer[]`),
    remindMaybe: boolean('remind_maybe').notNull().default(false),
    maxTripsPerDay: integer('max_trips_per_day').notNull().default(3),
    townPingCooldownMinutes: integer('town_ping_cooldown_minutes').notNull().default(60),
    /** The public page PUBLIC_URL/c/<slug> and its feeds: off until an admin opts in. */
    publicPage: boolean('public_page').notNull().default(false),
    /** Unique across guilds (see guild_settings_public_slug_unique); null until first set. */
    publicSlug: text('public_slug'),
    /** Show hosts' display names on the public page (off: no member's name leaves Discord). */
    publicNames: boolean('public_names').notNull().default(false),
    inviteUrl: text('invite_url'),
    /** The server's quiet hours for role pings, "22:00-07:00" in its time zone; null: none (src/app/quietPings.ts). */
    quietHours: text('quiet_hours'),
    /** Escale keeps a question of the server's native Onboarding listing the towns (src/app/onboarding.ts). */
    onboarding: boolean('onboarding').notNull().default(false),
    /** The id Discord gave Escale's onboarding question: merged by it, the server's other questions untouched. */
    onboardingPromptId: text('onboarding_prompt_id'),
    /** Why the last sync of the onboarding question failed (shown by /setup); null when it worked. */
    onboardingProblem: text('onboarding_problem'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('guild_settings_public_slug_unique').on(table.publicSlug)],
);

export const towns = pgTable(
  'towns',
  {
    id: serial('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    name: text('name').notNull(),
    /** lowercase, accents stripped: "riviere du loup" finds "Rivière-du-Loup". */
    normalizedName: text('normalized_name').notNull(),
    roleId: text('role_id').notNull(),
    /** true when Escale created the role: only then does removing the town delete the role too. */
    roleManaged: boolean('role_managed').notNull().default(false),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('towns_guild_name_unique').on(table.guildId, table.normalizedName),
    index('towns_guild_role_idx').on(table.guildId, table.roleId),
  ],
);

/** An admin's correction of the estimated drive time between two towns (stored once, lower id first). */
export const driveTimes = pgTable(
  'drive_times',
  {
    guildId: text('guild_id').notNull(),
    fromTownId: integer('from_town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    toTownId: integer('to_town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    minutes: integer('minutes').notNull(),
  },
  (table) => [primaryKey({ columns: [table.fromTownId, table.toTownId] })],
);

/**
 * A trip: who hosts it and where its one announcement (and its thread) lives. Where and when it happens are its
 * stops (trip_stops): 1 to 5 towns, in time order. A trip's number (its id) is its name: "Rencontre #12".
 */
export const trips = pgTable(
  'trips',
  {
    id: serial('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    hostId: text('host_id').notNull(),
    /** scheduled | cancelled (the whole trip; one stop cancelled is that stop's status). */
    status: text('status').notNull().default('scheduled'),
    channelId: text('channel_id'),
    messageId: text('message_id'),
    threadId: text('thread_id'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [index('trips_host_created_idx').on(table.guildId, table.hostId, table.createdAt)],
);

/**
 * One place and time of a trip. The stops of the trips that existed before itineraries kept their trip's id
 * (migration 0005), so old buttons (`rsvp:<id>:going`), job payloads and dedupe keys still name the right stop.
 */
export const tripStops = pgTable(
  'trip_stops',
  {
    id: serial('id').primaryKey(),
    tripId: integer('trip_id')
      .notNull()
      .references(() => trips.id, { onDelete: 'cascade' }),
    /** Kept equal to the trip's (guild-scoped queries without a join). */
    guildId: text('guild_id').notNull(),
    /** 1-based rank in the itinerary, by start time (renumbered when a stop is added or moved). */
    position: integer('position').notNull().default(1),
    townId: integer('town_id').references(() => towns.id, { onDelete: 'set null' }),
    /** Kept so history still reads right after a town is removed. */
    townName: text('town_name').notNull(),
    startsAt: instant('starts_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(90),
    topic: text('topic'),
    venue: text('venue'),
    capacity: integer('capacity'),
    reach: text('reach').notNull().default('town'),
    /** scheduled | cancelled */
    status: text('status').notNull().default('scheduled'),
    cancelReason: text('cancel_reason'),
    /** Roles pinged for this stop (its new towns only); empty when the ping budget held it back. */
    pingedRoleIds: text('pinged_role_ids').array().notNull().default(sql`'{}'::text[]`),
    /** The short reply to the announcement that pinged this stop's towns (stops added after the first). */
    pingMessageId: text('ping_message_id'),
    /**
     * When `pingedRoleIds` were pinged, if later than `createdAt`: pings held through the server's quiet hours
     * (src/app/quietPings.ts) count for the cooldowns and the budget from the moment they went out.
     */
    pingedAt: instant('pinged_at'),
    scheduledEventId: text('scheduled_event_id'),
    recapMessageId: text('recap_message_id'),
    recapNotes: text('recap_notes'),
    /**
     * Raised by a trigger (migration 0005) whenever what a calendar shows changes (time, duration, town, topic,
     * venue, status): the iCalendar SEQUENCE, and the key of the map image cache.
     */
    version: integer('version').notNull().default(0),
    /**
     * Raised by triggers (migration 0013) whenever what an answer to the stop is decided on changes: any of its
     * answers, its status, capacity, time or duration, its trip's status. `escale_rsvp_state` is this number: the
     * compare of the RSVP compare-and-set, in constant time however many members answered.
     */
    answersVersion: integer('answers_version').notNull().default(0),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    index('trip_stops_guild_starts_idx').on(table.guildId, table.startsAt),
    index('trip_stops_trip_idx').on(table.tripId, table.position),
  ],
);

export const rsvps = pgTable(
  'rsvps',
  {
    stopId: integer('stop_id')
      .notNull()
      .references(() => tripStops.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    /** going | maybe | no | waitlist */
    status: text('status').notNull(),
    guests: integer('guests').notNull().default(0),
    respondedAt: instant('responded_at').notNull(),
    waitlistedAt: instant('waitlisted_at'),
    /** "I was there", recorded privately after the meetup. */
    attendedAt: instant('attended_at'),
  },
  (table) => [
    primaryKey({ columns: [table.stopId, table.userId] }),
    index('rsvps_user_idx').on(table.userId),
    /** A member's meetups attended ("3rd meetup, welcome back" on a click) cost their own history, not the table's. */
    index('rsvps_user_attended_idx').on(table.userId, table.stopId).where(sql`${table.attendedAt} is not null`),
  ],
);

/**
 * One row per reminder a member got (or could not get): a retried reminder job skips those already reached, so
 * nobody is reminded twice. `channel` is 'dm', or 'thread' once the member whose DMs are closed was mentioned in the
 * announcement's thread ('unreachable' until then).
 */
export const reminderDeliveries = pgTable(
  'reminder_deliveries',
  {
    stopId: integer('stop_id')
      .notNull()
      .references(() => tripStops.id, { onDelete: 'cascade' }),
    offsetMinutes: integer('offset_minutes').notNull(),
    userId: text('user_id').notNull(),
    channel: text('channel').notNull(),
    deliveredAt: instant('delivered_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.stopId, table.offsetMinutes, table.userId] })],
);

/**
 * Durable jobs (reminders, recaps). Claimed with FOR UPDATE SKIP LOCKED and a lease; the unique dedupe key
 * makes scheduling idempotent. See src/jobs/queue.ts for why this rather than pg-boss or graphile-worker.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    /**
     * The dedupe key's group (`reminder:<stopId>:` for all of a stop's reminders; src/jobs/queue.ts jobGroup), found
     * by equality: a `LIKE 'prefix%'` on the dedupe key cannot use its index under a non-C collation.
     */
    subject: text('subject'),
    guildId: text('guild_id').notNull(),
    payload: jsonb('payload').notNull().default({}),
    runAt: instant('run_at').notNull(),
    /** pending | done | skipped | failed | cancelled */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lockedUntil: instant('locked_until'),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull().defaultNow(),
    finishedAt: instant('finished_at'),
  },
  (table) => [
    uniqueIndex('jobs_dedupe_unique').on(table.dedupeKey),
    index('jobs_due_idx').on(table.status, table.runAt),
    index('jobs_subject_idx').on(table.subject),
  ],
);

/** A member's private calendar feed (/trip feed): only the SHA-256 of the token is kept. */
export const feedTokens = pgTable(
  'feed_tokens',
  {
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.guildId, table.userId] }),
    uniqueIndex('feed_tokens_hash_unique').on(table.tokenHash),
  ],
);

/**
 * When each identify bucket (shard id % max_concurrency) last started a gateway session, on the database clock:
 * processes on several machines read and write it under an advisory lock so no bucket identifies twice in 5 s
 * (src/identifyThrottler.ts).
 */
export const gatewayIdentifies = pgTable('gateway_identifies', {
  bucket: integer('bucket').primaryKey(),
  identifiedAt: instant('identified_at').notNull(),
  shardId: integer('shard_id').notNull(),
});

// ---- rides (issue 13): offers and needs of seats to a stop, and the proposals between them ----

/** A member driving to a stop offers seats; one offer or one need per member and stop (checked in src/app/rides). */
export const rideOffers = pgTable(
  'ride_offers',
  {
    id: serial('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    stopId: integer('stop_id')
      .notNull()
      .references(() => tripStops.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    fromTownId: integer('from_town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    seats: integer('seats').notNull(),
    detourMinutes: integer('detour_minutes').notNull(),
    leavingAt: instant('leaving_at'),
    /** The ride party's private thread, once the driver accepted a first rider. */
    threadId: text('thread_id'),
    createdAt: instant('created_at').notNull(),
  },
  (table) => [uniqueIndex('ride_offers_stop_user_unique').on(table.stopId, table.userId)],
);

/** A member asks for a seat to a stop from a town. */
export const rideNeeds = pgTable(
  'ride_needs',
  {
    id: serial('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    stopId: integer('stop_id')
      .notNull()
      .references(() => tripStops.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    fromTownId: integer('from_town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull(),
  },
  (table) => [uniqueIndex('ride_needs_stop_user_unique').on(table.stopId, table.userId)],
);

/**
 * A need proposed to an offer's driver: proposed → accepted | declined. The accepted ones of an offer are its ride
 * party. Where the proposal was sent (DM or the trip's thread) is kept to close its buttons when it no longer applies.
 */
export const rideMatches = pgTable(
  'ride_matches',
  {
    id: serial('id').primaryKey(),
    offerId: integer('offer_id')
      .notNull()
      .references(() => rideOffers.id, { onDelete: 'cascade' }),
    needId: integer('need_id')
      .notNull()
      .references(() => rideNeeds.id, { onDelete: 'cascade' }),
    /** proposed | accepted | declined */
    status: text('status').notNull(),
    detourMinutes: integer('detour_minutes').notNull(),
    proposalChannelId: text('proposal_channel_id'),
    proposalMessageId: text('proposal_message_id'),
    createdAt: instant('created_at').notNull(),
    answeredAt: instant('answered_at'),
  },
  (table) => [
    uniqueIndex('ride_matches_offer_need_unique').on(table.offerId, table.needId),
    index('ride_matches_need_idx').on(table.needId),
  ],
);

/**
 * How a member wants to hear from Escale in one guild (/preferences). No row: the defaults (reminders by DM, no quiet
 * hours, the member's Discord language). Quiet hours are minutes of the day in the guild's zone, both null for none.
 */
export const memberPreferences = pgTable(
  'member_preferences',
  {
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    /** dm | thread | off */
    reminders: text('reminders').notNull().default('dm'),
    quietStartMinute: integer('quiet_start_minute'),
    quietEndMinute: integer('quiet_end_minute'),
    /** auto | fr | en */
    language: text('language').notNull().default('auto'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.guildId, table.userId] })],
);

/** A member who follows a town by weekly digest rather than by its role ping (/town join mode:digest). */
export const townDigestMembers = pgTable(
  'town_digest_members',
  {
    townId: integer('town_id')
      .notNull()
      .references(() => towns.id, { onDelete: 'cascade' }),
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    joinedAt: instant('joined_at').notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.townId, table.userId] }),
    index('town_digest_members_guild_user_idx').on(table.guildId, table.userId),
  ],
);

/**
 * Warnings already given to a guild's admins, so each is given once whatever the process (a town role that gained
 * permissions: `privileged-town-role:<roleId>:<permissions>`). Deleted with the guild's data.
 */
export const adminWarnings = pgTable(
  'admin_warnings',
  {
    guildId: text('guild_id').notNull(),
    subject: text('subject').notNull(),
    /** Where it went: log-channel | owner. */
    deliveredTo: text('delivered_to').notNull(),
    warnedAt: instant('warned_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.guildId, table.subject] })],
);
