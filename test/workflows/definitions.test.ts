// Every definition declares exactly its machine's states (by path, parents included) and events:
// none declared that the machine lacks, none of the machine's left undeclared; and its deadlines
// and final states name declared states and events.
import { expect } from 'chai';
import { allDefinitions } from '../../workflows/registry.ts';
import { machineEventTypes, machineStatePaths } from '../../workflows/engine/state-path.ts';

describe('definitions match their machines', () => {
  for (const def of allDefinitions) {
    describe(`${def.type} v${def.version}`, () => {
      it('declares exactly the machine\'s states, nested paths included', () => {
        expect(Object.keys(def.states)).to.have.members(machineStatePaths(def.machine));
      });

      it('declares exactly the machine\'s events', () => {
        expect(Object.keys(def.events)).to.have.members(machineEventTypes(def.machine));
      });

      it('its deadlines live in declared states and send declared events; its final states are declared final states', () => {
        for (const d of def.deadlines) {
          for (const s of d.states) expect(def.states, `${d.id}: ${s}`).to.have.property(s);
          expect(def.events, d.id).to.have.property(d.event);
        }
        for (const s of Object.keys(def.finalStatus)) expect(def.machine.getStateNodeById(`${def.machine.id}.${s}`).type, s).to.equal('final');
      });
    });
  }
});
