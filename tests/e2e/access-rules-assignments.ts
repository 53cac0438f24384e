import type { RouteRule } from './access-kit';

// Access rules for the exercise programme's assignments routes.
export const assignmentsRules: Record<string, RouteRule> = {};
