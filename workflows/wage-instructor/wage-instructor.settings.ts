// 工资集体协商指导员's settings: the plan's per-station count (§3.1.2(3) "原则上确保…配备3名") and the review's days.
import { setting } from '../settings-decl.ts';
import { reviewDaysSetting } from '../appointments.ts';

const STATION = { rule: 'R-wi-station', clause: '§3.1.2(3)' };

export const settings = {
  wageInstructorsPerStation: setting<number>({
    default: 3, schema: { type: 'integer', minimum: 1, maximum: 20 }, rule: STATION, source: '§3.1.2(3) 各街道（乡镇）工会服务站配备3名',
    title: { zh: '每个街道（乡镇）工会服务站选聘的工资集体协商指导员人数', en: 'Wage instructors selected per street/town service station' },
  }),
  wageInstructorReviewWorkingDays: reviewDaysSetting(STATION, { zh: '工资集体协商指导员选聘审批', en: 'Wage-instructor selection review' }),
};
