import type { RouteRule } from './access-kit';

// Access rules for the hot wash of a drill and real-incident reviews.
export const hotWashRules: Record<string, RouteRule> = {};
