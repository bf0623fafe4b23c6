import { describe, expect, it } from 'vitest';
import { zoneName } from '../../src/domain/zoneName.js';

describe('zoneName: the zone as the community calls it', () => {
  it('GIVEN America/Toronto WHEN shown in French and English THEN "heure de l’Est" and "Eastern Time"', () => {
    expect(zoneName('America/Toronto', 'fr')).toBe('heure de l’Est');
    expect(zoneName('America/Toronto', 'en')).toBe('Eastern Time');
  });

  it('GIVEN Europe/Paris WHEN shown THEN the generic Central European name, the same in summer and winter', () => {
    expect(zoneName('Europe/Paris', 'fr')).toBe('heure de l’Europe centrale');
    expect(zoneName('Europe/Paris', 'en')).toBe('Central European Time');
  });

  it('GIVEN UTC or an unknown zone WHEN shown THEN "UTC" and the name as stored', () => {
    expect(zoneName('UTC', 'fr')).toBe('UTC');
    expect(zoneName('UTC', 'en')).toBe('UTC');
    expect(zoneName('Mars/Olympus', 'en')).toBe('Mars/Olympus');
  });
});
