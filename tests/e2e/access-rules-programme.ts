import type { RouteRule } from './access-kit';

// Access rules for the exercise programme's programme routes.
export const programmeRules: Record<string, RouteRule> = {};
