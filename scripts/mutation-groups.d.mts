export type MutationGroupName = 'jobs' | 'upload' | 'client' | 'engine';
export interface MutationGroup {
  mutate: string[];
  tests: string[];
}
export const MUTATION_GROUPS: Record<MutationGroupName, MutationGroup>;
export const GATED_GROUPS: MutationGroupName[];
export function mutationGroup(name?: string): MutationGroupName;
export function reportDir(group: MutationGroupName): string;
