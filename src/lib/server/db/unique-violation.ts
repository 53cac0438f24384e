/**
 * Whether a database error is a unique constraint refusing a duplicate (SQLSTATE 23505),
 * optionally the named constraint. Both engines report it the same way.
 */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
	if (!e || typeof e !== 'object') return false;
	const err = e as { code?: unknown; constraint?: unknown };
	return err.code === '23505' && (constraint === undefined || err.constraint === constraint);
}
