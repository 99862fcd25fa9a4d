/**
 * Linked recipients for benchmarks: one simulated phone and one `whatsapp_users` row per host
 * username, so alerts spread over many chats and the per-chat pacing (20/min) and burst rules of
 * SPEC §4.4 don't turn a throughput figure into a pacing figure.
 */
import { WhatsappUser, type Database } from '../../src/db/index.ts';
import type { SimPhone, WaSim } from '../../test/support/wa-sim/index.ts';

/** A recipient: its host username and its phone. */
export interface BenchRecipient {
  username: string;
  phone: SimPhone;
}

/** Creates `count` recipients `user0…` with phones `91700000xxxx`. */
export async function createRecipients(
  db: Database,
  sim: WaSim,
  count: number,
): Promise<BenchRecipient[]> {
  const recipients: BenchRecipient[] = [];
  const em = db.em();
  for (let i = 0; i < count; i += 1) {
    const phoneNumber = `91700000${String(i).padStart(4, '0')}`;
    const phone = await sim.createPhone({ phoneNumber });
    em.create(WhatsappUser, {
      whatsappJid: phone.pnJid,
      phoneNumber,
      openalgoUsername: `user${i}`,
      isActive: true,
      notificationsEnabled: true,
    });
    recipients.push({ username: `user${i}`, phone });
  }
  await em.flush();
  return recipients;
}
