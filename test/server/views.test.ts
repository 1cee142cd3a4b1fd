// server/views.ts masked: what every answer, list and export passes its data through.
import { expect } from 'chai';
import { masked } from '../../server/views.ts';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';

describe('server/views masked', () => {
  const id = withCheckDigit('11010519900307123');
  it('masks every idNumber at any depth, in objects and arrays, and leaves the rest as JSON would', () => {
    const v = { a: 1, idNumber: id, person: { idNumber: id, name: '张敏' }, list: [{ idNumber: id }, 'x', null], none: undefined, at: new Date('2026-03-02T00:00:00Z') };
    const out = masked(v);
    expect(JSON.stringify(out)).to.not.include(id);
    expect(out.person.name).to.equal('张敏');
    expect(out.idNumber).to.equal(out.person.idNumber).and.to.equal((out.list[0] as { idNumber: string }).idNumber).and.to.match(/\*/);
    expect(JSON.parse(JSON.stringify(out))).to.deep.equal({ ...JSON.parse(JSON.stringify(v)), idNumber: out.idNumber, person: { idNumber: out.idNumber, name: '张敏' }, list: [{ idNumber: out.idNumber }, 'x', null] });
    expect(v.idNumber, 'a copy: the data given is not changed').to.equal(id);
  });
  it('leaves an idNumber that is not text, and keys that only look alike, as they are', () => {
    expect(masked({ idNumber: 5, idNumberRef: id })).to.deep.equal({ idNumber: 5, idNumberRef: id });
  });
});
