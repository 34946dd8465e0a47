import { z } from 'zod';

/** A person's digest setting. */
export const digestSetting = z
  .object({ enabled: z.boolean().describe('Whether digest e-mails are sent to me.') })
  .strict();

/** The token of an unsubscribe link (base64url; anything else is simply not found). */
export const unsubscribeParams = z.object({ token: z.string().max(200) });
