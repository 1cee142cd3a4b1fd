// P4 主席补选, version 2: the same by-election as version 1 (same actions, guards, events, mail and
// rules, §3.1.1 R-chair-vacancy) with its open states nested, so what they share is said once:
//   open                      CANCEL: the parent union calls the by-election off, from any open state
//   ├─ beforeTheVote          REMIND, OVERDUE: the hard deadline and its reminders live here
//   │   └─ nomination → candidateReview → publicity → election   (a failed round returns inside)
//   ├─ elected                a valid vote meets the three months: the report has its own deadline
//   └─ resultReview           and so has the parent union's answer
// Cases started on version 1 keep running on version 1 (an instance keeps its definition version).
import {
  approveResult, byElection, cancellable, hardDeadlineEvents, HARD_DEADLINE_ID, initialContext, MAIL, notify, REPORT_DEADLINE_ID, REVIEW_DEADLINE_ID,
} from './chair-by-election.machine.ts';

const ID = 'chair-by-election';

export const machineV2 = byElection.createMachine({
  id: ID,
  context: initialContext,
  // Root entry runs once, at the start: the parent union learns of the vacancy and its deadline.
  entry: notify(MAIL.reported, 'parent', 'approver', HARD_DEADLINE_ID),
  initial: 'open',
  states: {
    open: {
      initial: 'beforeTheVote',
      on: cancellable(),
      states: {
        beforeTheVote: {
          initial: 'nomination',
          on: hardDeadlineEvents(),
          states: {
            nomination: {
              on: { NOMINATE: { guard: 'canNominate', target: 'candidateReview', actions: ['nominate', notify(MAIL.toDecide, 'parent', 'approver', HARD_DEADLINE_ID)] } },
            },
            candidateReview: {
              on: {
                APPROVE_CANDIDATE: { guard: 'canApproveCandidate', target: 'publicity', actions: ['approveCandidate', notify(MAIL.decided, 'own', 'requester')] },
                REJECT_CANDIDATE: { target: 'nomination', actions: ['rejectCandidate', notify(MAIL.decided, 'own', 'requester', HARD_DEADLINE_ID)] },
              },
            },
            publicity: {
              on: {
                PUBLICITY_ENDS: { target: 'election', actions: ['endPublicity', notify(MAIL.publicityEnded, 'own', 'requester', HARD_DEADLINE_ID)] },
                OBJECTION_UPHELD: { target: 'nomination', actions: ['upholdObjection', notify(MAIL.decided, 'own', 'requester', HARD_DEADLINE_ID)] },
              },
            },
            election: {
              on: {
                ELECTION_HELD: [
                  { guard: 'elected', target: `#${ID}.open.elected`, actions: 'recordAttempt' },
                  { guard: 'notElected', target: 'nomination', actions: 'recordAttempt' },
                ],
              },
            },
          },
        },
        elected: {
          on: {
            REPORT_RESULT: { guard: 'canReport', target: 'resultReview', actions: ['reportResult', notify(MAIL.toDecide, 'parent', 'approver', REVIEW_DEADLINE_ID)] },
            // The union has not reported the result in time: it and its parent are told.
            REPORT_OVERDUE: { actions: [notify(MAIL.reportOverdue, 'own', 'requester', REPORT_DEADLINE_ID), notify(MAIL.reportOverdue, 'parent', 'approver', REPORT_DEADLINE_ID)] },
          },
        },
        resultReview: {
          on: {
            APPROVE_RESULT: { target: `#${ID}.chairRecorded`, actions: approveResult },
            RETURN_RESULT: { target: 'elected', actions: ['returnResult', notify(MAIL.decided, 'own', 'requester', REPORT_DEADLINE_ID)] },
            // The parent union's own answer deadline: reminders to its approvers, then escalation to the grandparent union.
            REVIEW_REMIND: { actions: notify(MAIL.stillWaiting, 'parent', 'approver', REVIEW_DEADLINE_ID) },
            REVIEW_OVERDUE: { actions: [notify(MAIL.escalated, 'grandparent', 'approver', REVIEW_DEADLINE_ID), notify(MAIL.reviewOverdue, 'parent', 'approver', REVIEW_DEADLINE_ID)] },
          },
        },
      },
    },
    chairRecorded: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
