// db/sessions.ts: express-session's rows, lapsing by the system's clock (epoch ms).
import { expect } from 'chai';
import { deleteSession, pruneSessions, readSession, touchSession, writeSession } from '../../db/sessions.ts';
import { sharedWorld, uid } from './fixture.ts';

describe('db/sessions', () => {
  const s = sharedWorld();
  const T = Date.parse('2026-03-02T02:00:00Z');

  describe('writeSession', () => {
    it('writes a session, and a second write of the same id replaces its data and end', async () => {
      const sid = uid('s');
      await writeSession(s.knex, sid, '{"a":1}', T + 1000);
      await writeSession(s.knex, sid, '{"a":2}', T + 2000);
      expect(await readSession(s.knex, sid, T + 1500)).to.equal('{"a":2}');
    });
  });

  describe('readSession', () => {
    it('reads a session before its end; at its end nothing, and the row is gone', async () => {
      const sid = uid('s');
      await writeSession(s.knex, sid, '{}', T + 1000);
      expect(await readSession(s.knex, sid, T + 999)).to.equal('{}');
      expect(await readSession(s.knex, sid, T + 1000)).to.equal(undefined);
      expect(await s.knex('sessions').where({ sid }).first()).to.equal(undefined);
      expect(await readSession(s.knex, 'no-such-sid', T)).to.equal(undefined);
    });
  });

  describe('touchSession', () => {
    it('moves the end of a session', async () => {
      const sid = uid('s');
      await writeSession(s.knex, sid, '{}', T + 1000);
      await touchSession(s.knex, sid, T + 5000);
      expect(await readSession(s.knex, sid, T + 4000)).to.equal('{}');
    });
  });

  describe('deleteSession', () => {
    it('deletes the session', async () => {
      const sid = uid('s');
      await writeSession(s.knex, sid, '{}', T + 1000);
      await deleteSession(s.knex, sid);
      expect(await readSession(s.knex, sid, T)).to.equal(undefined);
    });
  });

  describe('pruneSessions', () => {
    it('deletes the sessions lapsed by then and counts them; later ones stay', async () => {
      await pruneSessions(s.knex, Number.MAX_SAFE_INTEGER);
      const [a, b] = [uid('s'), uid('s')];
      await writeSession(s.knex, a, '{}', T + 1000);
      await writeSession(s.knex, b, '{}', T + 9000);
      expect(await pruneSessions(s.knex, T + 1000)).to.equal(1);
      expect(await readSession(s.knex, b, T)).to.equal('{}');
    });
  });
});
