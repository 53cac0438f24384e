import { z } from 'zod';
import { roles } from '../../permissions';

export const roleField = z.enum(roles, { message: 'Choose one of the roles.' });

export const newUserSchema = z.object({
	email: z.string().trim().toLowerCase().email('Enter a valid email address.').max(320),
	displayName: z
		.string()
		.trim()
		.min(1, 'Enter the person’s name.')
		.max(120, 'Use at most 120 characters.'),
	role: roleField,
	method: z.enum(['invite', 'password'], { message: 'Choose how the person gets in.' })
});
