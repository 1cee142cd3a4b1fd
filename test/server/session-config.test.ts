// SESSION_SECRET and SESSION_IDLE_MINUTES (server/session.ts sessionConfig): production refuses to
// start without a secret; development makes one per start; a bad idle value stops the start.
import { expect } from 'chai';
import { ConfigError } from '../../server/roles.ts';
import { sessionConfig } from '../../server/session.ts';
import { startSystem } from '../../server/system.ts';
import { silent } from '../api/client.ts';

describe('session configuration', () => {
  const secret = 'x'.repeat(32);

  it('production without SESSION_SECRET is a ConfigError naming it; with one it is used', () => {
    expect(() => sessionConfig({ production: true })).to.throw(ConfigError, /SESSION_SECRET/);
    expect(sessionConfig({ production: true, secret }).secret).to.equal(secret);
  });

  it('development without a secret makes a random one per start; a short secret is refused', () => {
    const [a, b] = [sessionConfig({ production: false }), sessionConfig({ production: false })];
    expect(a.secret).to.have.length.at.least(32);
    expect(a.secret).to.not.equal(b.secret);
    expect(() => sessionConfig({ production: false, secret: 'short' })).to.throw(ConfigError, /32/);
  });

  it('SESSION_IDLE_MINUTES defaults to 30 and takes 1–1440; anything else is a ConfigError', () => {
    expect(sessionConfig({ production: false }).idleMinutes).to.equal(30);
    expect(sessionConfig({ production: false, idleMinutes: '5' }).idleMinutes).to.equal(5);
    for (const bad of ['0', '1441', 'abc', '1.5', ''])
      expect(() => sessionConfig({ production: false, idleMinutes: bad }), bad).to.throw(ConfigError, /SESSION_IDLE_MINUTES/);
  });

  it('startSystem in production without SESSION_SECRET refuses before opening the database', async () => {
    const err = await startSystem({ databaseUrl: 'sqlite::memory:', port: 0, log: silent, background: false, production: true, personalDataKey: Buffer.alloc(32, 7).toString('base64') }).then(() => undefined, (e) => e);
    expect(err).to.be.instanceOf(ConfigError);
    expect(String(err.message)).to.match(/SESSION_SECRET/);
  });
});
