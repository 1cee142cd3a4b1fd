// P3's rules as pure functions: the 3-per-station selection (R-wi-station), the city quotas, the
// lawyers' contract dates, renewal and the reminder 60 days before the end, the supervision
// committees' quotas, and an appointment never before its approval.
import { expect } from 'chai';
import { pathwayProblems, retireeProblems, socialWorkerProblems, stationShortfalls, type Nominee } from '../../workflows/wage-instructor/wage-instructor.rules.ts';
import { endProblems, lawyerProblems, lawyersNeeded, periodProblems, releaseProblems, reminderDate, renewalProblems, type Lawyer } from '../../workflows/union-lawyer/union-lawyer.rules.ts';
import { agreementProblems, nomineeProblems } from '../../workflows/labor-supervisor/labor-supervisor.rules.ts';
import { startDateProblems } from '../../workflows/appointments.ts';
import { unionLawyer } from '../../workflows/union-lawyer/index.ts';
import { WorkingDayCalendar } from '../../workflows/rules/calendar.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';

const by = { id: '1', name: 'HR' };
const station = (id: number) => ({ id, name: `服务站${id}` });
const nominee = (n: number, stationId: number): Nominee => ({ key: `n${n}`, name: `社工${n}`, idNumber: '1101**********001X', socialWorkerId: 100 + n, unit: station(stationId), nominatedBy: by, nominatedAt: '2026-03-02T02:00:00Z' });
const sw = (n: number, stationId: number) => ({ name: `社工${n}`, idNumber: '1101**********001X', socialWorkerId: 100 + n, stationId, stationName: `服务站${stationId}` });
const retiree = (unitKind: 'industry_union' | 'district_federation', unitId: number) => ({
  name: '老周', idNumber: 'x', formerEmployer: '市人社局', employerKind: 'hr_social_security' as const, leaveStatus: 'retired' as const, knowsBargaining: true as const, unitKind, unitId, unitName: `单位${unitId}`,
});

describe('P3 rules', () => {
  describe('wage instructors (R-wi-station, R-wi-industry, R-wi-district §3.1.2(3))', () => {
    it('a station takes 3 of its social workers; the 4th is refused citing R-wi-station §3.1.2(3); another station still takes its own', () => {
      const three = [nominee(1, 7), nominee(2, 7), nominee(3, 7)];
      expect(socialWorkerProblems('district_selection', three.slice(0, 2), sw(3, 7), 3)).to.deep.equal([]);
      const [p] = socialWorkerProblems('district_selection', three, sw(4, 7), 3);
      expect(p.pointer).to.equal('/stationId');
      expect(p.message).to.contain('服务站7 已选聘 3 名').and.contain('R-wi-station §3.1.2(3)');
      expect(socialWorkerProblems('district_selection', three, sw(4, 8), 3)).to.deep.equal([]);
    });

    it('the count is the setting the case was started with, and a social worker is nominated once', () => {
      expect(socialWorkerProblems('district_selection', [nominee(1, 7), nominee(2, 7)], sw(3, 7), 2)).to.have.length(1);
      expect(socialWorkerProblems('district_selection', [nominee(1, 7)], sw(1, 8), 3).map((p) => p.pointer)).to.deep.equal(['/socialWorkerId']);
    });

    it('each pathway nominates its own people, only at its own kind of union', () => {
      expect(socialWorkerProblems('city_recruitment', [], sw(1, 7), 3)[0].pointer).to.equal('/type');
      expect(retireeProblems('district_selection', [], retiree('industry_union', 3))[0].pointer).to.equal('/type');
      expect(pathwayProblems('city_recruitment', 'city_federation')).to.deep.equal([]);
      expect(pathwayProblems('district_selection', 'district_federation')).to.deep.equal([]);
      expect(pathwayProblems('city_recruitment', 'district_federation')[0].message).to.contain('R-wi-district §2(四)');
      expect(pathwayProblems('district_selection', 'street_federation')[0].message).to.contain('R-wi-station');
    });

    it('the city gives an industry union 2 and a district federation at most 20', () => {
      const at = (unitId: number, n: number) => Array.from({ length: n }, (_, i): Nominee => ({ ...nominee(i, unitId), socialWorkerId: undefined }));
      expect(retireeProblems('city_recruitment', at(3, 1), retiree('industry_union', 3))).to.deep.equal([]);
      expect(retireeProblems('city_recruitment', at(3, 2), retiree('industry_union', 3))[0].message).to.contain('R-wi-industry §3.1.2(3)');
      expect(retireeProblems('city_recruitment', at(4, 19), retiree('district_federation', 4))).to.deep.equal([]);
      expect(retireeProblems('city_recruitment', at(4, 20), retiree('district_federation', 4))[0].message).to.contain('R-wi-district §3.1.2(3)');
    });

    it('stations short of the count are shown, not refused', () => {
      expect(stationShortfalls([nominee(1, 7), nominee(2, 7), nominee(3, 8), nominee(4, 8), nominee(5, 8)], 3)).to.deep.equal([{ unit: station(7), nominated: 2, short: 1 }]);
    });
  });

  describe('union lawyers (R-law-district §2(五), R-law-station §3.1.2(4))', () => {
    const period = { number: 'HT-1', startDate: '2026-03-16', endDate: '2027-03-15', feeYuan: 120000 };
    const contract = { firm: '京师', units: [station(7), station(8)] };
    const lawyer = (key: string, extra: Partial<Lawyer> = {}): Lawyer => ({ key, name: '律师', idNumber: 'x', licenceNo: '11101202010100001', unit: station(7), startDate: '2026-03-16', assignedBy: by, ...extra });

    it('the reminder day is N calendar days before the last day, across month and leap-year ends', () => {
      expect(reminderDate('2027-03-15', 60)).to.equal('2027-01-14');
      expect(reminderDate('2028-03-15', 60)).to.equal('2028-01-15'); // 2028 is a leap year
      expect(reminderDate('2026-03-01', 60)).to.equal('2025-12-31');
      expect(reminderDate('2027-03-15', 30)).to.equal('2027-02-13');
    });

    it('the contract-ending deadline is due at the reminder hour of that day, Beijing time, from the current period', () => {
      const decl = unionLawyer.deadlines.find((d) => d.id === 'contract-ending')!;
      const context = { periods: [period, { ...period, number: 'HT-2', startDate: '2027-03-16', endDate: '2028-03-15' }], terms: { reminderDays: [60, 30], reviewWorkingDays: [5, 10] } };
      const due = decl.due({ context: context as never, enteredAt: new Date('2027-03-01T00:00:00Z'), calendar: new WorkingDayCalendar(), settings: DEFAULT_SETTINGS });
      expect(due?.toISOString()).to.equal('2028-01-15T01:00:00.000Z');
      const second = unionLawyer.deadlines.find((d) => d.id === 'contract-ending-2')!;
      expect(second.due({ context: { ...context, terms: { reminderDays: [60], reviewWorkingDays: [5, 10] } } as never, enteredAt: new Date(), calendar: new WorkingDayCalendar(), settings: DEFAULT_SETTINGS })).to.equal(null);
    });

    it('a period ends after it starts and runs at most 3 years; a renewal starts the day after the current end', () => {
      expect(periodProblems(period)).to.deep.equal([]);
      expect(periodProblems({ ...period, endDate: '2026-03-16' })[0].pointer).to.equal('/endDate');
      expect(periodProblems({ ...period, endDate: '2029-06-30' })[0].message).to.contain('3 年');
      expect(renewalProblems(period, { ...period, startDate: '2027-03-16', endDate: '2028-03-15' })).to.deep.equal([]);
      expect(renewalProblems(period, { ...period, startDate: '2027-04-01', endDate: '2028-03-15' })[0].message).to.contain('2027-03-16');
    });

    it('1 lawyer per 3–5 stations: at least ⌈stations ÷ 5⌉', () => {
      expect([1, 5, 6, 10, 11].map(lawyersNeeded)).to.deep.equal([1, 1, 2, 2, 3]);
    });

    it('a lawyer goes to a covered station within the period, once; leaves and the contract ends within the period', () => {
      const e = { name: '律师', idNumber: 'x', licenceNo: '11101202010100001', unitId: 7, startDate: '2026-03-16' };
      expect(lawyerProblems(contract, period, [], e)).to.deep.equal([]);
      expect(lawyerProblems(contract, period, [], { ...e, unitId: 9 })[0].message).to.contain('R-law-station §3.1.2(4)');
      expect(lawyerProblems(contract, period, [], { ...e, startDate: '2027-03-16' })[0].pointer).to.equal('/startDate');
      expect(lawyerProblems(contract, period, [lawyer('l1')], e)[0].pointer).to.equal('/licenceNo');
      expect(lawyerProblems(contract, period, [lawyer('l1', { endDate: '2026-06-30' })], e)).to.deep.equal([]);
      expect(releaseProblems(period, [lawyer('l1')], { lawyer: 'l1', endDate: '2026-06-30' })).to.deep.equal([]);
      expect(releaseProblems(period, [lawyer('l1')], { lawyer: 'l2', endDate: '2026-06-30' })[0].pointer).to.equal('/lawyer');
      expect(releaseProblems(period, [lawyer('l1')], { lawyer: 'l1', endDate: '2026-03-01' })[0].pointer).to.equal('/endDate');
      expect(endProblems(period, { endDate: '2027-03-15' })).to.deep.equal([]);
      expect(endProblems(period, { endDate: '2027-03-16' })).to.have.length(1);
    });
  });

  describe('labour-law supervisors (R-ls-district, R-ls-street, R-ls-enterprise §3.1.2(5))', () => {
    const n = (k: number) => ({ key: `n${k}`, name: 'x', idNumber: 'x', knowsLabourLaw: true as const, mode: 'concurrent' as const, nominatedBy: by, nominatedAt: '' });
    const some = (k: number) => Array.from({ length: k }, (_, i) => n(i));

    it('a district committee takes 5, a street 1, an enterprise 2; the city is not capped by the plan', () => {
      expect(nomineeProblems('district', some(4), 'purchased', {})).to.deep.equal([]);
      expect(nomineeProblems('district', some(5), 'concurrent', {})[0].message).to.contain('R-ls-district §3.1.2(5)');
      expect(nomineeProblems('street', some(1), 'invited', {})[0].message).to.contain('R-ls-street §3.1.2(5)');
      expect(nomineeProblems('enterprise', some(2), 'concurrent', { unionCadre: true })[0].message).to.contain('R-ls-enterprise §3.1.2(5)');
      expect(nomineeProblems('city', some(30), 'purchased', {})).to.deep.equal([]);
    });

    it('an enterprise appoints only its own union cadres concurrently', () => {
      expect(nomineeProblems('enterprise', [], 'concurrent', { unionCadre: true })).to.deep.equal([]);
      expect(nomineeProblems('enterprise', [], 'concurrent', {})[0].pointer).to.equal('/unionCadre');
      expect(nomineeProblems('enterprise', [], 'purchased', {})[0].message).to.contain('本企业工会干部');
    });

    it('a bought-in supervisor\'s service agreement ends after it starts', () => {
      const a = { profession: 'legal' as const, provider: '京师', agreementNo: 'FW-1', agreementStart: '2026-03-16', agreementEnd: '2027-03-15' };
      expect(agreementProblems(a)).to.deep.equal([]);
      expect(agreementProblems({ ...a, agreementEnd: '2026-03-16' })[0].pointer).to.equal('/agreementEnd');
    });
  });

  it('nobody is appointed before the approval\'s day (Beijing)', () => {
    const rule = { rule: 'R-wi-station', clause: '§3.1.2(3)' };
    expect(startDateProblems('2026-03-02T17:00:00Z', '2026-03-03', rule)).to.deep.equal([]); // 01:00 on the 3rd in Beijing
    expect(startDateProblems('2026-03-02T17:00:00Z', '2026-03-02', rule)[0].message).to.contain('2026-03-03');
  });
});
