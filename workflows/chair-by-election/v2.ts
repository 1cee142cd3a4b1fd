// P4 version 2: version 1's definition over the nested machine (chair-by-election.v2.machine.ts).
// The same events, roles, rules and deadlines; the deadlines and waits are declared on the states
// that hold them: the hard deadline and its reminders on `open.beforeTheVote` (a valid vote, the
// way out of it, ends them), the report's and the review's on the states after the vote.
import type { StateMeta, WorkflowDefinition } from '../types.ts';
import { machineV2 } from './chair-by-election.v2.machine.ts';
import { chairByElection, deadlinesOver } from './index.ts';

type State = keyof WorkflowDefinition<typeof machineV2>['states'];
const v1 = chairByElection.states;

const states: Record<State, StateMeta> = {
  open: { title: { zh: '补选进行中', en: 'By-election open' } },
  'open.beforeTheVote': { title: { zh: '选举前（三个月期限内）', en: 'Before the vote (within the three months)' } },
  'open.beforeTheVote.nomination': v1.nomination,
  'open.beforeTheVote.candidateReview': v1.candidateReview,
  'open.beforeTheVote.publicity': v1.publicity,
  'open.beforeTheVote.election': v1.election,
  'open.elected': v1.elected,
  'open.resultReview': v1.resultReview,
  chairRecorded: v1.chairRecorded,
  cancelled: v1.cancelled,
};

export const chairByElectionV2: WorkflowDefinition<typeof machineV2> = {
  ...chairByElection,
  version: 2,
  machine: machineV2,
  states,
  deadlines: deadlinesOver({
    beforeTheVote: ['open.beforeTheVote'], publicity: ['open.beforeTheVote.publicity'], elected: ['open.elected'], resultReview: ['open.resultReview'],
  }),
};
