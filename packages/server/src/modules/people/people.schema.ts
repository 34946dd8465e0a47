import { z } from 'zod';
import { passwordPolicy } from '../../shared/passwords.js';

/** A new account's e-mail address. */
export const emailField = z.string().trim().max(254).pipe(z.email());
/** A display name: 1 to 100 characters after trimming. */
export const displayNameField = z.string().trim().min(1).max(100);
/** A new password, per the password policy (10 to 1,000 characters). */
export const passwordField = z.string().min(passwordPolicy.minLength).max(passwordPolicy.maxLength);
