import type { RouteRule } from './access-kit';

// Access rules for the exercise programme's async routes.
export const asyncRules: Record<string, RouteRule> = {};
