// P2 applicant's mail, to the applicant's own address (zh-CN first, English beside). The note line
// carries the exam's time and place, or the reason given.
import type { MailTemplate } from '../types.ts';

const m = (zh: string, en: string, lead: string): MailTemplate => ({ subject: (d) => `【${zh} / ${en}】${d.orgName}`, lead: () => lead });
export const mail: Record<string, MailTemplate> = {
  applicant_qualified: m('资格审查通过', 'Qualified', '您的报名已通过资格审查，笔试安排另行通知。\nYour application passed the qualification review; the written exam follows.'),
  applicant_disqualified: m('资格审查未通过', 'Not qualified', '您的报名未通过资格审查，原因见下。\nYour application did not pass the qualification review; the reason is below.'),
  applicant_exam_invitation: m('笔试通知', 'Written exam', '请按下列时间、地点参加笔试，携带身份证。\nPlease sit the written exam at the time and place below; bring your ID card.'),
  applicant_interview_invitation: m('面试通知', 'Interview', '您已进入面试，请按下列时间、地点参加。\nYou are invited to the interview at the time and place below.'),
  applicant_selected: m('进入体检考察', 'Checks', '您已进入体检和考察环节，具体安排另行通知。\nYou go on to the physical and background checks.'),
  applicant_called_up: m('递补通知', 'Called up', '因有人员未通过体检考察或放弃，您已递补进入体检考察。\nA place fell free: you are called up to the checks (递补).'),
  applicant_result: m('招录结果', 'Result', '您在本次招录中的结果如下。\nYour result in this recruitment is below.'),
  applicant_hired: m('拟聘用通知', 'Hired', '公示期满，您已被聘用，请按通知办理入职。\nThe publicity ended: you are hired; report as instructed.'),
  applicant_post_cancelled: m('岗位取消', 'Post cancelled', '您报考的岗位因合格人数未达开考比例被取消。\nYour post was cancelled: too few qualified applicants.'),
  applicant_campaign_cancelled: m('招录取消', 'Recruitment cancelled', '本次招录已取消，原因见下。\nThis recruitment was cancelled; the reason is below.'),
};
