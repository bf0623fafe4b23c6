import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  AddMemberInput,
  AutocompleteInput,
  ClickButtonInput,
  Emulator,
  EmulatorOptions,
  OnboardingPromptInput,
  OverwriteInput,
  ReaderOptions,
  RunCommandInput,
  SelectMenuInput,
  SubmitModalInput,
} from './api.js';
import { Gateway, type GatewaySession } from './gateway.js';
import { type FaultSpec, type RecordedRequest, RestServer } from './http.js';
import { InteractionResult, InteractionStore } from './interactions.js';
import { SimulatedMembers } from './members.js';
import {
  type EmuChannel,
  type EmuCommand,
  type EmuGuild,
  type EmuMember,
  type EmuMessage,
  type EmuRole,
  type EmuScheduledEvent,
  EmuState,
  type EmuThread,
  type EmuUser,
  type Onboarding,
  type OnboardingPrompt,
} from './model.js';
import { DEFAULT_BOT_PERMISSIONS } from './permissions.js';
import { type IdentifyRecord, type IdentifyViolation, identifyViolations, maxInWindow } from './rates.js';
import { renderChannel, renderMessage, visibleText } from './render.js';
import { registerRoutes } from './routes/index.js';
import { WorldBuilder } from './worldBuilding.js';

/** The emulator: one HTTP server for REST and the gateway, the state, and the test-facing API. */
export class EmulatorImpl implements Emulator {
  apiUrl = '';
  gatewayUrl = '';
  readonly botToken: string;
  readonly state: EmuState;
  private readonly rest: RestServer;
  private readonly server: Server;
  private readonly gateway: Gateway;
  private readonly interactionStore = new InteractionStore();
  private readonly deadlineMs: number;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly world: WorldBuilder;
  private readonly members: SimulatedMembers;

  constructor(readonly options: EmulatorOptions) {
    this.state = new EmuState({
      now: options.now ?? (() => new Date()),
      botUsername: options.botUsername ?? 'Escale',
      botPermissions: options.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
    });
    this.botToken =
      options.botToken ??
      `${Buffer.from(this.state.applicationId).toString('base64url')}.emulator.${randomBytes(20).toString('base64url')}`;
    this.deadlineMs = options.interactionDeadlineMs ?? 3_000;
    this.rest = new RestServer({
      token: () => this.botToken,
      rateLimits: { limit: options.rateLimits?.limit ?? 50, windowMs: options.rateLimits?.windowMs ?? 1_000 },
    });
    this.server = createServer((request, response) => {
      this.rest.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: `500: ${(error as Error).message}`, code: 0 }));
      });
    });
    this.gateway = new Gateway({
      state: this.state,
      server: this.server,
      token: () => this.botToken,
      maxConcurrency: options.maxConcurrency ?? 1,
    });
    this.world = new WorldBuilder(this.state);
    this.members = new SimulatedMembers(this.state, this.gateway, this.interactionStore, this.deadlineMs, this.timers);
    registerRoutes({
      state: this.state,
      rest: this.rest,
      gateway: this.gateway,
      interactions: this.interactionStore,
      recommendedShards: options.shards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 1,
      interactionDeadlineMs: this.deadlineMs,
      interactionTokenLifetimeMs: options.interactionTokenLifetimeMs ?? 15 * 60_000,
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    this.gateway.url = this.gatewayUrl;
  }

  get application() {
    return { id: this.state.applicationId };
  }

  get botUser() {
    return { id: this.state.botUser.id, username: this.state.botUser.username };
  }

  get requests(): RecordedRequest[] {
    return this.rest.requests;
  }

  get gatewayReceived() {
    return this.gateway.received;
  }

  get connected(): boolean {
    return this.gateway.connected;
  }

  // ---- scale-out checks ----

  identifies(): ReadonlyArray<Readonly<IdentifyRecord>> {
    return [...this.gateway.identifies];
  }

  identifyViolations(): IdentifyViolation[] {
    return identifyViolations(this.gateway.identifies);
  }

  maxRequestsPerSecond(options: { since?: number; includeInteractions?: boolean } = {}): number {
    const since = options.since ?? 0;
    const counted = this.rest.requests.filter(
      (request) => request.at >= since && (request.bot || options.includeInteractions),
    );
    return maxInWindow(counted.map((request) => request.at));
  }

  // ---- world building (see WorldBuilder) ----

  createUser(input: Parameters<Emulator['createUser']>[0]): EmuUser {
    return this.world.createUser(input);
  }

  createGuild(input: Parameters<Emulator['createGuild']>[0]): EmuGuild {
    return this.world.createGuild(input);
  }

  updateGuild(guildId: string, input: Parameters<Emulator['updateGuild']>[1]): EmuGuild {
    return this.world.updateGuild(guildId, input);
  }

  createChannel(guildId: string, input: Parameters<Emulator['createChannel']>[1]): EmuChannel {
    return this.world.createChannel(guildId, input);
  }

  createRole(guildId: string, input: Parameters<Emulator['createRole']>[1]): EmuRole {
    return this.world.createRole(guildId, input);
  }

  setRolePermissions(guildId: string, roleId: string, permissions: bigint | string): EmuRole {
    return this.world.setRolePermissions(guildId, roleId, permissions);
  }

  setChannelOverwrite(channelId: string, overwrite: OverwriteInput): EmuChannel {
    return this.world.setChannelOverwrite(channelId, overwrite);
  }

  removeChannelOverwrite(channelId: string, id: string): EmuChannel {
    return this.world.removeChannelOverwrite(channelId, id);
  }

  permissionsIn(channelId: string, userId: string): bigint {
    return this.state.channelPermissionsOf(this.world.requireChannel(channelId), userId);
  }

  seedOnboardingPrompt(guildId: string, prompt: OnboardingPromptInput): OnboardingPrompt {
    return this.world.seedOnboardingPrompt(guildId, prompt);
  }

  onboarding(guildId: string): Onboarding {
    return this.world.onboarding(guildId);
  }

  deleteRole(guildId: string, roleId: string): void {
    this.world.deleteRole(guildId, roleId);
  }

  addMember(guildId: string, input: AddMemberInput): EmuMember & { user: EmuUser } {
    return this.world.addMember(guildId, input);
  }

  removeMember(guildId: string, userId: string): void {
    this.world.removeMember(guildId, userId);
  }

  updateMember(guildId: string, userId: string, input: { roles?: string[]; nick?: string | null }): EmuMember {
    return this.world.updateMember(guildId, userId, input);
  }

  setDmClosed(userId: string, closed: boolean): void {
    this.world.setDmClosed(userId, closed);
  }

  deleteChannel(channelId: string): void {
    this.world.deleteChannel(channelId);
  }

  kickBot(guildId: string): void {
    this.world.kickBot(guildId);
  }

  dmChannel(userId: string): EmuChannel {
    return this.world.dmChannel(userId);
  }

  // ---- simulated members (see SimulatedMembers) ----

  postMessage(input: { channelId: string; userId: string; content: string; replyTo?: string }): EmuMessage {
    return this.members.postMessage(input);
  }

  runCommand(input: RunCommandInput): Promise<InteractionResult> {
    return this.members.runCommand(input);
  }

  autocomplete(input: AutocompleteInput): Promise<InteractionResult> {
    return this.members.autocomplete(input);
  }

  clickButton(input: ClickButtonInput): Promise<InteractionResult> {
    return this.members.clickButton(input);
  }

  selectMenu(input: SelectMenuInput): Promise<InteractionResult> {
    return this.members.selectMenu(input);
  }

  submitModal(input: SubmitModalInput): Promise<InteractionResult> {
    return this.members.submitModal(input);
  }

  // ---- faults and gateway control ----

  injectFault(fault: FaultSpec): void {
    this.rest.injectFault(fault);
  }

  clearFaults(): void {
    this.rest.clearFaults();
  }

  dropGateway(code = 4000): void {
    this.gateway.drop(code);
  }

  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  gatewaySessions(): ReadonlyArray<Readonly<GatewaySession>> {
    return [...this.gateway.sessions.values()];
  }

  onEvent(listener: (event: string, data: unknown, guildId: string | null) => void): () => void {
    return this.state.onDispatch(listener);
  }

  // ---- observation ----

  messages(channelId: string): EmuMessage[] {
    return this.state.channelMessages(channelId);
  }

  message(messageId: string): EmuMessage | undefined {
    return this.state.messages.get(messageId);
  }

  channel(channelId: string): EmuChannel | undefined {
    return this.state.channels.get(channelId);
  }

  guild(guildId: string): EmuGuild | undefined {
    return this.state.guilds.get(guildId);
  }

  member(guildId: string, userId: string): EmuMember | undefined {
    return this.state.member(guildId, userId);
  }

  user(userId: string): EmuUser | undefined {
    return this.state.users.get(userId);
  }

  role(roleId: string): EmuRole | undefined {
    const role = this.state.roles.get(roleId);
    return role && !role.deleted ? role : undefined;
  }

  roles(guildId: string): EmuRole[] {
    return this.state.guildRoles(guildId);
  }

  channels(guildId: string): EmuChannel[] {
    return this.state.guildChannels(guildId);
  }

  threads(parentChannelId?: string): EmuThread[] {
    return [...this.state.channels.values()].filter(
      (channel): channel is EmuThread =>
        channel.thread !== null &&
        !channel.deleted &&
        (parentChannelId === undefined || channel.parentId === parentChannelId),
    );
  }

  scheduledEvents(guildId: string): EmuScheduledEvent[] {
    return [...this.state.scheduledEvents.values()].filter((event) => event.guildId === guildId && !event.deleted);
  }

  commands(guildId?: string): EmuCommand[] {
    return [...this.state.commands.values()].filter((command) => command.guildId === (guildId ?? null));
  }

  dms(userId: string): EmuMessage[] {
    const channel = this.state.dmChannelOf(userId);
    return channel ? this.state.channelMessages(channel.id) : [];
  }

  render(channelId: string, options: ReaderOptions = {}): string {
    return options.locale === undefined
      ? renderChannel(this.state, channelId)
      : renderChannel(this.state, channelId, options.locale);
  }

  renderMessage(messageId: string, options: ReaderOptions = {}): string {
    const message = this.state.messages.get(messageId);
    if (!message) return `(unknown message ${messageId})`;
    return options.locale === undefined
      ? renderMessage(this.state, message)
      : renderMessage(this.state, message, options.locale);
  }

  text(messageId: string, options: ReaderOptions = {}): string {
    const message = this.state.messages.get(messageId);
    if (!message) return '';
    return options.locale === undefined
      ? visibleText(this.state, message)
      : visibleText(this.state, message, options.locale);
  }

  interactions(): InteractionResult[] {
    return this.interactionStore.all().map((record) => new InteractionResult(record, this.state));
  }

  async waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown = null;
    for (;;) {
      try {
        if (await predicate()) return;
        lastError = null;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() >= deadline) {
        if (lastError) throw lastError;
        throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
