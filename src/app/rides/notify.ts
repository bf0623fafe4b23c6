import { recordProposalMessage } from '../../db/repositories/rides.js';
import type { AppDeps } from '../context.js';
import { holdRideProposal } from '../dmTimingNotices.js';
import type { RidePort, RideProposalView } from './port.js';

/**
 * After the transaction that stored them: each proposal goes to its driver (DM, else the trip's thread), where it
 * went is stored (to close its buttons if it stops applying), and, when asked, the rider hears which driver was
 * asked. A proposal that could not be delivered (DMs closed and no
 * thread) stays proposed and holds its seat until the driver or the rider withdraws.
 */
export async function sendProposals(
  deps: AppDeps,
  port: RidePort,
  proposals: readonly RideProposalView[],
  options: { tellRiders: boolean; except?: string },
): Promise<void> {
  for (const proposal of proposals) {
    try {
      // A driver in quiet hours gets it when they end (src/app/dmTimingNotices.ts).
      const held = await holdRideProposal(deps, proposal);
      const sent = held ? null : await port.sendProposal(proposal);
      if (sent) await recordProposalMessage(deps.db, proposal.matchId, sent);
      if (options.tellRiders && proposal.riderId !== options.except) {
        await port.notify({
          stop: proposal.stop,
          userIds: [proposal.riderId],
          notice: { kind: 'matchedLater', driverId: proposal.driverId, from: proposal.riderFrom },
        });
      }
    } catch (error) {
      deps.logger.warn({ err: error, matchId: proposal.matchId }, 'could not send a ride proposal');
    }
  }
}
