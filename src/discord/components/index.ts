import type { ComponentHandler } from '../command.js';
import { headsUpButton, leaveButton } from './lifeButtons.js';
import { recapButtons } from './recapButtons.js';
import { recapHistoryPages } from './recapHistory.js';
import { rideButtons, ridePanel } from './rideButtons.js';
import { rsvpButtons } from './rsvpButtons.js';
import { townSelect } from './townSelect.js';
import { tripListPages } from './tripList.js';

/** Every button, select menu and modal handler, keyed by the first segment of its custom id. */
export const components: ComponentHandler[] = [
  townSelect,
  rsvpButtons,
  tripListPages,
  recapButtons,
  recapHistoryPages,
  rideButtons,
  ridePanel,
  leaveButton,
  headsUpButton,
];
