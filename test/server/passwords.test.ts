import { expect } from 'chai';
import { hashPassword, NO_HASH, passwordMatches } from '../../server/passwords.ts';

// The argon2 parameters of a hash: $argon2id$v=19$m=…,t=…,p=…$
const params = (h: string) => h.split('$').slice(1, 4).join('$');

describe('server/passwords', () => {
  it('verifies a missing password against a stand-in hash made with the parameters of a new hash (same time either way)', async () => {
    expect(params(NO_HASH)).to.equal(params(await hashPassword('any password at all')));
  });
  it('never matches when nothing is stored, and matches the right password only', async () => {
    const stored = await hashPassword('correct horse');
    expect(await passwordMatches(null, 'no password: only here to spend the same time')).to.equal(false);
    expect(await passwordMatches(stored, 'correct horse')).to.equal(true);
    expect(await passwordMatches(stored, 'wrong horse')).to.equal(false);
  });
});
