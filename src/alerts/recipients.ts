/**
 * Who an event's alert is for (SPEC §4.4): the owner when `data.username` is the owner's host
 * username, otherwise the linked recipients of that username (active, notifications on). Each
 * target comes with its alert preferences; a linked recipient without a preferences row gets the
 * defaults.
 */
import {
  UniqueConstraintViolationException,
  WhatsappUser,
  WhatsappUserPreferences,
  type Database,
} from '../db/index.ts';
import { DEFAULT_TIME_ZONE } from '../presenters/alerts/index.ts';
import type { AlertPreferences, OwnerSettings } from '../settings/owner-settings.ts';
import { SELF_RECIPIENT } from './lanes.ts';
import { ALERT_PREFERENCE_DEFAULTS } from './topics.ts';

/** One recipient of an event's alert and the preferences that shape it. */
export interface RecipientTarget {
  /** {@link SELF_RECIPIENT} for the owner, else the recipient's JID. */
  recipientJid: string;
  preferences: AlertPreferences;
}

/** Looks up recipients and their preferences. */
export interface RecipientDirectory {
  /** Targets for a host username; empty when nobody should get its alerts. */
  targetsFor(username: string): Promise<RecipientTarget[]>;
  /** Preferences of a stored recipient (timezone of digests). */
  preferencesFor(recipientJid: string): Promise<AlertPreferences>;
}

/** What the directory reads. */
export interface RecipientDirectoryDeps {
  db: Database;
  settings: Pick<OwnerSettings, 'getOwnerUsername' | 'getOwnerPreferences'>;
}

/** Preferences of a recipient who never chose any. */
export function defaultPreferences(): AlertPreferences {
  return {
    orderNotifications: ALERT_PREFERENCE_DEFAULTS.order_notifications,
    tradeNotifications: ALERT_PREFERENCE_DEFAULTS.trade_notifications,
    pnlNotifications: true,
    dailySummary: true,
    summaryTime: '18:00',
    timezone: DEFAULT_TIME_ZONE,
    quietHoursStart: null,
    quietHoursEnd: null,
    mutedUntil: null,
  };
}

function fromRow(row: WhatsappUserPreferences | null): AlertPreferences {
  if (!row) return defaultPreferences();
  return {
    orderNotifications: row.orderNotifications,
    tradeNotifications: row.tradeNotifications,
    pnlNotifications: row.pnlNotifications,
    dailySummary: row.dailySummary,
    summaryTime: row.summaryTime,
    timezone: row.timezone,
    quietHoursStart: row.quietHoursStart ?? null,
    quietHoursEnd: row.quietHoursEnd ?? null,
    mutedUntil: row.mutedUntil ?? null,
  };
}

/**
 * The owner's preferences. The settings store creates the row on first read, so two webhooks
 * arriving together on a fresh install can race to insert it; the loser simply reads it again.
 */
async function ownerPreferences(deps: RecipientDirectoryDeps): Promise<AlertPreferences> {
  try {
    return await deps.settings.getOwnerPreferences();
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    return deps.settings.getOwnerPreferences();
  }
}

/** Creates the directory over the database and the owner settings. */
export function createRecipientDirectory(deps: RecipientDirectoryDeps): RecipientDirectory {
  const linkedPreferences = async (jid: string) =>
    fromRow(await deps.db.em().findOne(WhatsappUserPreferences, { whatsappJid: jid }));

  return {
    async targetsFor(username) {
      const owner = await deps.settings.getOwnerUsername();
      if (owner !== null && owner === username) {
        return [{ recipientJid: SELF_RECIPIENT, preferences: await ownerPreferences(deps) }];
      }
      const users = await deps.db
        .em()
        .find(
          WhatsappUser,
          { openalgoUsername: username, isActive: true, notificationsEnabled: true },
          { orderBy: { id: 'asc' } },
        );
      return Promise.all(
        users.map(async (user) => ({
          recipientJid: user.whatsappJid,
          preferences: await linkedPreferences(user.whatsappJid),
        })),
      );
    },
    async preferencesFor(recipientJid) {
      if (recipientJid === SELF_RECIPIENT) return ownerPreferences(deps);
      return linkedPreferences(recipientJid);
    },
  };
}
