/** Picks which fault rules apply to a request, using a seeded PRNG so probabilistic faults repeat. */

import { pick, seededRandom } from './prng';
import type { Random } from './prng';
import type { FaultRule } from './types';

export interface FaultDecision {
  /** Sum of the delays of the `slow` rules that fired. */
  delayMs: number;
  /** The first non-`slow` rule that fired: it decides how the request ends. */
  rule?: Exclude<FaultRule, { kind: 'slow' }>;
}

function pathMatches(pattern: FaultRule['path'], pathname: string): boolean {
  if (pattern === undefined) return true;
  if (pattern instanceof RegExp) {
    pattern.lastIndex = 0; // a global regex would otherwise remember the previous match
    return pattern.test(pathname);
  }
  return pattern.endsWith('*') ? pathname.startsWith(pattern.slice(0, -1)) : pathname === pattern;
}

export class FaultInjector {
  private readonly random: Random;
  private readonly hits = new WeakMap<FaultRule, number>();

  constructor(seed: number) {
    this.random = seededRandom(`faults:${seed}`);
  }

  hitsOf(rule: FaultRule): number {
    return this.hits.get(rule) ?? 0;
  }

  decide(rules: readonly FaultRule[], method: string, pathname: string): FaultDecision {
    const decision: FaultDecision = { delayMs: 0 };
    for (const rule of rules) {
      if (rule.kind !== 'slow' && decision.rule) continue;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method) continue;
      if (!pathMatches(rule.path, pathname)) continue;
      if (rule.times !== undefined && this.hitsOf(rule) >= rule.times) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      this.hits.set(rule, this.hitsOf(rule) + 1);
      if (rule.kind === 'slow') decision.delayMs += rule.delayMs;
      else decision.rule = rule;
    }
    return decision;
  }

  /** The status code a `status` rule answers with. */
  statusOf(rule: Extract<FaultRule, { kind: 'status' }>): number {
    return Array.isArray(rule.status) ? pick(this.random, rule.status) : rule.status;
  }
}
