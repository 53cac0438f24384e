import type { RouteRule } from './access-kit';

// Access rules for the improvement plan, findings, corrective actions, my actions and their API.
export const improvementRules: Record<string, RouteRule> = {};
