import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/domain/boundedMap.js';

describe('BoundedMap', () => {
  it('GIVEN a map of 3 WHEN a fourth key is set THEN the oldest set is forgotten, and setting a key again makes it the newest', () => {
    const map = new BoundedMap<string, number>(3);
    map.set('a', 1).set('b', 2).set('c', 3);
    map.set('a', 10);
    map.set('d', 4);
    expect([...map.entries()]).toEqual([
      ['c', 3],
      ['a', 10],
      ['d', 4],
    ]);
  });

  it('GIVEN a map of 0 WHEN a key is set THEN nothing is kept', () => {
    const map = new BoundedMap<string, number>(0);
    map.set('a', 1);
    expect(map.size).toBe(0);
  });
});
