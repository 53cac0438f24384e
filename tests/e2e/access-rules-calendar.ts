import type { RouteRule } from './access-kit';

// Access rules for the exercise programme's calendar routes.
export const calendarRules: Record<string, RouteRule> = {};
