// Every process definition, by type and version. An instance keeps the version it started on.
import type { WorkflowDefinition } from './types.ts';
import { lookup } from './engine/lookup.ts';
import { purchasedServiceHire } from './purchased-service-hire/index.ts';
import { chairByElection } from './chair-by-election/index.ts';
import { settings as purchasedServiceHireSettings } from './purchased-service-hire/purchased-service-hire.settings.ts';
import { settings as chairByElectionSettings } from './chair-by-election/chair-by-election.settings.ts';
import { chairByElectionV2 } from './chair-by-election/v2.ts';
import { recruitmentExam } from './recruitment-exam/index.ts';
import { recruitmentApplicant } from './recruitment-applicant/index.ts';
import { workerExit } from './worker-exit/index.ts';
import { contractRenewal } from './contract-renewal/index.ts';
import { settings as contractRenewalSettings } from './contract-renewal/contract-renewal.settings.ts';
import { settings as recruitmentExamSettings } from './recruitment-exam/recruitment-exam.settings.ts';
import { annualAssessment } from './annual-assessment/index.ts';
import { assessmentMember } from './assessment-member/index.ts';
import { settings as annualAssessmentSettings } from './annual-assessment/annual-assessment.settings.ts';
import { pipelineOver } from './recruitment-exam/recruitment-exam.pipeline.ts';
import { wageInstructor } from './wage-instructor/index.ts';
import { settings as wageInstructorSettings } from './wage-instructor/wage-instructor.settings.ts';
import { unionLawyer } from './union-lawyer/index.ts';
import { settings as unionLawyerSettings } from './union-lawyer/union-lawyer.settings.ts';
import { laborSupervisor } from './labor-supervisor/index.ts';
import { settings as laborSupervisorSettings } from './labor-supervisor/labor-supervisor.settings.ts';

// P4 v1 keeps the cases started on it; new ones start on v2 (its open states nested).
// The processes a process starts or looks up are bound here, by the names its machine uses, so
// no folder names another (engine: the startCase effect and gather read `links`).
const linked = <D extends WorkflowDefinition<any>>(def: D, links: Record<string, WorkflowDefinition<any>>): D =>
  ({ ...def, links: Object.fromEntries(Object.entries(links).map(([name, d]) => [name, d.type])) });
const all: WorkflowDefinition[] = [
  purchasedServiceHire, chairByElection, chairByElectionV2,
  { ...linked(recruitmentExam, { applicant: recruitmentApplicant }), pipeline: pipelineOver(recruitmentApplicant) }, recruitmentApplicant,
  linked(workerExit, { byElection: chairByElectionV2 }), linked(contractRenewal, { exit: workerExit }),
  linked(annualAssessment, { member: assessmentMember }), linked(assessmentMember, { exit: workerExit }),
  wageInstructor, unionLawyer, laborSupervisor,
];

/** Every version of every process: cases of older versions still run (and wait in inboxes). */
export const allDefinitions: readonly WorkflowDefinition[] = all;
export const definition = lookup(all);
/** One per process, its newest version: what new cases start on, and what the API describes. */
export const definitions = [...new Set(all.map((d) => d.type))].map((t) => definition(t)!);

/** Each process's own settings (its folder's `*.settings.ts`); workflows/settings.ts joins them with the generic ones. */
export const processSettings = [
  { owner: 'purchased-service-hire', settings: purchasedServiceHireSettings },
  { owner: 'chair-by-election', settings: chairByElectionSettings },
  { owner: 'recruitment-exam', settings: recruitmentExamSettings },
  { owner: 'contract-renewal', settings: contractRenewalSettings },
  { owner: 'annual-assessment', settings: annualAssessmentSettings },
  { owner: 'wage-instructor', settings: wageInstructorSettings },
  { owner: 'union-lawyer', settings: unionLawyerSettings },
  { owner: 'labor-supervisor', settings: laborSupervisorSettings },
] as const;
