// SETTINGS_JSON: only the plan's [default]s by their own names.
import { expect } from 'chai';
import { DEFAULT_SETTINGS, loadSettings } from '../../workflows/settings.ts';

describe('settings', () => {
  it('overrides a [default] by name', () => {
    expect(loadSettings('{"approvalAnswerWorkingDays":15}')).to.deep.equal({ ...DEFAULT_SETTINGS, approvalAnswerWorkingDays: 15 });
  });

  for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])
    it(`refuses ${key}, a name every JavaScript object inherits, as an unknown setting`, () => {
      expect(() => loadSettings(`{"${key}":1}`)).to.throw(`unknown setting ${key}`);
    });
});
