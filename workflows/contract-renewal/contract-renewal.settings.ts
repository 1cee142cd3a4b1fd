// The contract-end decision's [default]s (PROCESSES.md P6 "Contracts", R-lifecycle §3.4.1).
import { setting } from '../settings-decl.ts';

export const settings = {
  contractDecisionDaysBefore: setting<number>({
    default: 60, schema: { type: 'integer', minimum: 1, maximum: 365 }, rule: { rule: 'R-lifecycle', clause: '§3.4.1' }, source: 'PROCESSES.md P6: 60 days before a contract ends',
    title: { zh: '合同到期前多少天请所在工会决定续签或退出（自然日）', en: 'Days before a contract ends that its union is asked to renew or exit (calendar days)' },
  }),
};
