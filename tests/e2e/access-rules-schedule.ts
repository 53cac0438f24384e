import type { RouteRule } from './access-kit';

// Access rules for the exercise programme's schedule routes.
export const scheduleRules: Record<string, RouteRule> = {};
