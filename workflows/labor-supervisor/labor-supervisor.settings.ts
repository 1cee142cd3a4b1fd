// 工会劳动法律监督员's [default]: the leadership's review days.
import { reviewDaysSetting } from '../appointments.ts';

export const settings = {
  laborSupervisorReviewWorkingDays: reviewDaysSetting({ rule: 'R-ls-district', clause: '§3.1.2(5)' }, { zh: '劳动法律监督员选聘审批', en: 'Labour-law supervisor appointment review' }),
};
