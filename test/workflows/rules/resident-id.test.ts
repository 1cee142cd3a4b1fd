// Resident ID numbers (GB 11643-1999) as the register checks them (R-realname §3.4).
import { expect } from 'chai';
import { isResidentId, normaliseResidentId, residentIdProblem, withCheckDigit } from '../../../workflows/rules/resident-id.ts';

describe('rules/resident-id', () => {
  const valid = withCheckDigit('11010519491231002'); // 1949-12-31, check character X
  it('takes a valid number: 18 characters, a real birth date, the right check character', () => {
    expect(valid).to.equal('11010519491231002X');
    expect(residentIdProblem(valid)).to.equal(null);
    expect(isResidentId('110105199001010011'.slice(0, 17) + withCheckDigit('11010519900101001').slice(17))).to.equal(true);
  });
  it('refuses a wrong check digit, naming the one expected', () => {
    const wrong = `${valid.slice(0, 17)}1`;
    expect(residentIdProblem(wrong)).to.match(/校验码/).and.match(/check/).and.match(/X/);
  });
  it('refuses an impossible birth date (1999-02-30) even with a matching check character', () => {
    const feb30 = withCheckDigit('11010519990230001');
    expect(isResidentId(feb30)).to.equal(false);
    expect(residentIdProblem(feb30)).to.match(/出生日期/).and.match(/birth date/);
  });
  it('accepts a lower-case x as X and stores it upper-case', () => {
    const lower = valid.replace('X', 'x');
    expect(residentIdProblem(lower)).to.equal(null);
    expect(normaliseResidentId(lower)).to.equal(valid);
  });
  it('refuses the wrong length or characters', () => {
    for (const s of ['', '1101051949123100', '11010519491231002X1', '1101051949123100AX', '１１０１０５１９４９１２３１００２X'])
      expect(residentIdProblem(s), s).to.match(/18/);
  });
});
