import { z } from 'zod';
import { linkTokenField } from '../invitations/index.js';
import { displayNameField, emailField, passwordField } from '../people/index.js';
import { timeZoneField } from '../rhythms/index.js';

/** `POST /api/v1/setup`. */
export const setupBody = z
  .object({
    token: linkTokenField,
    workspaceName: z.string().trim().min(1).max(100),
    email: emailField,
    displayName: displayNameField,
    password: passwordField,
    timeZone: timeZoneField
      .optional()
      .describe("The browser's time zone, for the default rhythm; UTC without it."),
  })
  .strict();
