// The failed-authentication throttle (server/throttle.ts), on a hand-moved clock.
import { expect } from 'chai';
import { createAuthThrottle } from '../../server/throttle.ts';

describe('auth throttle', () => {
  let t = 0;
  const now = () => t;
  beforeEach(() => { t = 1_000_000; });

  it('blocks a client after `limit` failures inside the window, for what is left of the window', () => {
    const th = createAuthThrottle({ now, limit: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(th.blockedFor('a')).to.equal(0);
      th.fail('a');
    }
    t += 10_000;
    expect(th.blockedFor('a')).to.equal(50_000);
    expect(th.blockedFor('b'), 'another client').to.equal(0);
    t += 50_000;
    expect(th.blockedFor('a')).to.equal(0);
  });

  it('starts a new window once the old one has passed', () => {
    const th = createAuthThrottle({ now, limit: 3, windowMs: 60_000 });
    th.fail('a'); th.fail('a');
    t += 60_000;
    th.fail('a'); th.fail('a');
    expect(th.blockedFor('a')).to.equal(0);
    th.fail('a');
    expect(th.blockedFor('a')).to.equal(60_000);
  });

  it('keeps at most `maxClients` clients, dropping the oldest first', () => {
    const th = createAuthThrottle({ now, limit: 1, windowMs: 60_000, maxClients: 100 });
    for (let i = 0; i < 1000; i++) { th.fail(`c${i}`); t += 1; }
    expect(th.size()).to.equal(100);
    expect(th.blockedFor('c999')).to.be.above(0);
    expect(th.blockedFor('c0')).to.equal(0);
  });
});
