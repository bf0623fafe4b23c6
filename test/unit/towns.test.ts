import { describe, expect, it } from 'vitest';
import {
  AVERAGE_SPEED_KMH,
  BAS_SAINT_LAURENT_PRESET,
  distanceKm,
  driveMinutesBetween,
  drivePairKey,
  estimateDriveMinutes,
  matchTown,
  normalizeTownName,
  PRESETS,
  ROAD_FACTOR,
  searchTowns,
  townsWithin,
  validateTownName,
} from '../../src/domain/towns.js';

const PRESET_TOWNS = BAS_SAINT_LAURENT_PRESET.towns.map((town, index) => ({ id: `t${index + 1}`, ...town }));

function presetTown(name: string) {
  const town = PRESET_TOWNS.find((candidate) => candidate.name === name);
  if (!town) throw new Error(`no preset town ${name}`);
  return town;
}

describe('normalizeTownName', () => {
  it.each([
    ['Rivière-du-Loup', 'riviere du loup'],
    ['riviere du loup', 'riviere du loup'],
    ['  RIVIÈRE   DU—LOUP ', 'riviere du loup'],
    ["L'Isle-Verte", 'l isle verte'],
    ['L’Isle-Verte', 'l isle verte'],
    ['Témiscouata-sur-le-Lac', 'temiscouata sur le lac'],
    ['St-Pascal', 'saint pascal'],
    ['St. Pascal', 'saint pascal'],
    ['Ste-Anne-des-Monts', 'sainte anne des monts'],
    ['Mt-Joli', 'mont joli'],
    ['Dégelis', 'degelis'],
  ])('GIVEN "%s" WHEN normalized THEN "%s"', (input, expected) => {
    expect(normalizeTownName(input)).toBe(expected);
  });

  it('GIVEN a name typed with a decomposed accent WHEN normalized THEN same key as the composed one', () => {
    expect(normalizeTownName('Re\u0301gion')).toBe(normalizeTownName('Région'));
  });
});

describe('matchTown', () => {
  it('GIVEN "riviere du loup" WHEN matched THEN Rivière-du-Loup', () => {
    expect(matchTown('riviere du loup', PRESET_TOWNS)).toEqual({ ok: true, town: presetTown('Rivière-du-Loup') });
  });

  it('GIVEN a unique prefix "rimou" WHEN matched THEN Rimouski', () => {
    expect(matchTown('rimou', PRESET_TOWNS)).toMatchObject({ ok: true, town: { name: 'Rimouski' } });
  });

  it('GIVEN a unique substring "pistoles" WHEN matched THEN Trois-Pistoles', () => {
    expect(matchTown('pistoles', PRESET_TOWNS)).toMatchObject({ ok: true, town: { name: 'Trois-Pistoles' } });
  });

  it('GIVEN "St-Pascal" WHEN matched THEN Saint-Pascal', () => {
    expect(matchTown('St-Pascal', PRESET_TOWNS)).toMatchObject({ ok: true, town: { name: 'Saint-Pascal' } });
  });

  it('GIVEN a prefix shared by two towns "m" WHEN matched THEN town.ambiguous listing them alphabetically', () => {
    expect(matchTown('m', PRESET_TOWNS)).toEqual({
      ok: false,
      error: { key: 'town.ambiguous', params: { input: 'm', candidates: 'Matane, Mont-Joli', count: 2 } },
    });
  });

  it('GIVEN an exact name that is also the prefix of another WHEN matched THEN the exact one wins', () => {
    const towns = [
      { id: 1, name: 'Rimouski' },
      { id: 2, name: 'Rimouski-Est' },
    ];
    expect(matchTown('Rimouski', towns)).toEqual({ ok: true, town: towns[0] });
  });

  it('GIVEN an unknown town WHEN matched THEN town.notFound with what was typed', () => {
    expect(matchTown(' Gaspé ', PRESET_TOWNS)).toEqual({
      ok: false,
      error: { key: 'town.notFound', params: { input: 'Gaspé' } },
    });
  });

  it('GIVEN blank input WHEN matched THEN town.notFound', () => {
    expect(matchTown('  ', PRESET_TOWNS)).toMatchObject({ ok: false, error: { key: 'town.notFound' } });
  });

  it('GIVEN many towns sharing a substring WHEN ambiguous THEN at most 10 names are listed, with the total', () => {
    const towns = Array.from({ length: 12 }, (_, index) => ({ id: index, name: `Saint-Village ${index + 10}` }));
    const result = matchTown('village', towns);
    expect(result).toMatchObject({ ok: false, error: { key: 'town.ambiguous', params: { count: 12 } } });
    if (!result.ok) expect(String(result.error.params['candidates']).split(', ')).toHaveLength(11); // 10 + "…"
  });
});

describe('searchTowns', () => {
  it('GIVEN an empty query WHEN searched THEN every town alphabetically (accents ignored)', () => {
    expect(searchTowns('', PRESET_TOWNS).map((town) => town.name)).toEqual([
      'Amqui',
      'Dégelis',
      'La Pocatière',
      'Matane',
      'Mont-Joli',
      'Rimouski',
      'Rivière-du-Loup',
      'Saint-Pascal',
      'Témiscouata-sur-le-Lac',
      'Trois-Pistoles',
    ]);
  });

  it('GIVEN "ri" WHEN searched THEN names starting with it first, then names containing it', () => {
    expect(searchTowns('ri', PRESET_TOWNS).map((town) => town.name)).toEqual(['Rimouski', 'Rivière-du-Loup']);
  });

  it('GIVEN "loup" WHEN searched THEN Rivière-du-Loup (a word of the name starts with it)', () => {
    expect(searchTowns('loup', PRESET_TOWNS).map((town) => town.name)).toEqual(['Rivière-du-Loup']);
  });

  it('GIVEN "la" WHEN searched THEN prefix match before word match before substring', () => {
    const names = searchTowns('la', PRESET_TOWNS).map((town) => town.name);
    expect(names).toEqual(['La Pocatière', 'Témiscouata-sur-le-Lac']);
  });

  it('GIVEN "o" WHEN searched THEN word starts rank before inner substrings', () => {
    const towns = [
      { id: 1, name: 'Bonaventure' },
      { id: 2, name: 'Ouellet' },
      { id: 3, name: 'Baie-Ouest' },
    ];
    expect(searchTowns('o', towns).map((town) => town.name)).toEqual(['Ouellet', 'Baie-Ouest', 'Bonaventure']);
  });

  it('GIVEN 40 towns WHEN searched THEN at most 25 (Discord autocomplete limit) or the given limit', () => {
    const towns = Array.from({ length: 40 }, (_, index) => ({
      id: index,
      name: `Ville ${String(index).padStart(2, '0')}`,
    }));
    expect(searchTowns('ville', towns)).toHaveLength(25);
    expect(searchTowns('ville', towns, 5)).toHaveLength(5);
  });

  it('GIVEN a query matching nothing WHEN searched THEN empty', () => {
    expect(searchTowns('zzz', PRESET_TOWNS)).toEqual([]);
  });
});

describe('validateTownName', () => {
  it('GIVEN a proper name with spaces around WHEN validated THEN the cleaned name', () => {
    expect(validateTownName('  Sainte-Luce  ')).toEqual({ ok: true, value: 'Sainte-Luce' });
  });

  it('GIVEN 50 characters WHEN validated THEN accepted; 51 THEN text.tooLong', () => {
    expect(validateTownName('a'.repeat(50)).ok).toBe(true);
    expect(validateTownName('a'.repeat(51))).toEqual({
      ok: false,
      error: { key: 'text.tooLong', params: { max: 50, length: 51 } },
    });
  });

  it('GIVEN a blank name WHEN validated THEN text.empty', () => {
    expect(validateTownName('   ')).toMatchObject({ ok: false, error: { key: 'text.empty' } });
  });

  it.each(['@everyone', '<@&123>', '**Rimouski**', 'Ri_mouski', '`x`', '[a](b)', '#general'])(
    'GIVEN "%s" WHEN validated THEN town.badName names the forbidden characters',
    (name) => {
      expect(validateTownName(name)).toMatchObject({ ok: false, error: { key: 'town.badName' } });
    },
  );

  it('GIVEN "@everyone" WHEN refused THEN the params show the character', () => {
    expect(validateTownName('<@everyone>')).toEqual({
      ok: false,
      error: { key: 'town.badName', params: { name: '<@everyone>', characters: '< @ >' } },
    });
  });

  it('GIVEN a name equal to an existing town once normalized WHEN validated THEN town.duplicate', () => {
    expect(validateTownName('riviere du loup', PRESET_TOWNS)).toEqual({
      ok: false,
      error: { key: 'town.duplicate', params: { name: 'riviere du loup', existing: 'Rivière-du-Loup' } },
    });
  });

  it("GIVEN apostrophes, dots and parentheses WHEN validated THEN accepted (L'Isle-Verte, St. Pascal)", () => {
    expect(validateTownName("L'Isle-Verte").ok).toBe(true);
    expect(validateTownName('Saint-Jean (Île)').ok).toBe(true);
  });
});

describe('estimateDriveMinutes', () => {
  it('GIVEN the constants WHEN read THEN documented values', () => {
    expect(ROAD_FACTOR).toBe(1.2);
    expect(AVERAGE_SPEED_KMH).toBe(90);
  });

  it('GIVEN La Pocatière and Rivière-du-Loup (real drive ~50 min) WHEN estimated THEN 45–55 minutes', () => {
    const minutes = estimateDriveMinutes(presetTown('La Pocatière'), presetTown('Rivière-du-Loup'));
    expect(minutes).toBeGreaterThanOrEqual(45);
    expect(minutes).toBeLessThanOrEqual(55);
  });

  it('GIVEN Rivière-du-Loup and Rimouski (real drive ~1 h 15) WHEN estimated THEN 70–90 minutes', () => {
    const minutes = estimateDriveMinutes(presetTown('Rivière-du-Loup'), presetTown('Rimouski'));
    expect(minutes).toBeGreaterThanOrEqual(70);
    expect(minutes).toBeLessThanOrEqual(90);
  });

  it('GIVEN Rimouski and Matane (real drive ~1 h 10) WHEN estimated THEN 60–80 minutes', () => {
    const minutes = estimateDriveMinutes(presetTown('Rimouski'), presetTown('Matane'));
    expect(minutes).toBeGreaterThanOrEqual(60);
    expect(minutes).toBeLessThanOrEqual(80);
  });

  it('GIVEN two towns WHEN estimated both ways THEN the same, and 0 from a town to itself', () => {
    const a = presetTown('Amqui');
    const b = presetTown('Dégelis');
    expect(estimateDriveMinutes(a, b)).toBe(estimateDriveMinutes(b, a));
    expect(estimateDriveMinutes(a, a)).toBe(0);
  });

  it('GIVEN one degree of latitude WHEN measured THEN about 111 km (haversine on a 6371 km sphere)', () => {
    expect(distanceKm({ lat: 48, lon: -68 }, { lat: 49, lon: -68 })).toBeCloseTo(111.19, 1);
  });
});

describe('townsWithin', () => {
  it('GIVEN Rivière-du-Loup and 60 minutes WHEN asked THEN the towns within, closest first, without itself', () => {
    const result = townsWithin(presetTown('Rivière-du-Loup'), PRESET_TOWNS, 60);
    expect(result.map(({ town }) => town.name)).toEqual([
      'Saint-Pascal',
      'Trois-Pistoles',
      'Témiscouata-sur-le-Lac',
      'La Pocatière',
      'Dégelis',
    ]);
    const minutes = result.map((entry) => entry.minutes);
    expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
  });

  it('GIVEN an override saying the drive takes longer WHEN asked THEN the override wins', () => {
    const origin = presetTown('Rivière-du-Loup');
    const pocatiere = presetTown('La Pocatière');
    const overrides = new Map([[drivePairKey(pocatiere.id, origin.id), 75]]);
    const names = townsWithin(origin, PRESET_TOWNS, 60, overrides).map(({ town }) => town.name);
    expect(names).not.toContain('La Pocatière');
  });

  it('GIVEN an override for a town without coordinates WHEN asked THEN it is included with that time', () => {
    const origin = { id: 'a', lat: 48.45, lon: -68.53 };
    const island = { id: 'b', lat: null, lon: null };
    expect(townsWithin(origin, [island], 60, new Map([[drivePairKey('a', 'b'), 40]]))).toEqual([
      { town: island, minutes: 40 },
    ]);
  });

  it('GIVEN a town without coordinates and no override WHEN asked THEN it is left out', () => {
    expect(townsWithin({ id: 'a', lat: 48, lon: -68 }, [{ id: 'b', lat: null, lon: null }], 600)).toEqual([]);
    expect(driveMinutesBetween({ id: 'a', lat: 48, lon: -68 }, { id: 'b', lat: null, lon: null })).toBeNull();
  });

  it('GIVEN pair keys WHEN built in either order or with numeric ids THEN the same key', () => {
    expect(drivePairKey('b', 'a')).toBe(drivePairKey('a', 'b'));
    expect(drivePairKey(7, 3)).toBe('3:7');
  });
});

describe('PRESETS', () => {
  it('GIVEN the bas-saint-laurent preset WHEN read THEN the ten towns of the story with coordinates', () => {
    const preset = PRESETS['bas-saint-laurent'];
    expect(preset?.label).toEqual({ fr: 'Bas-Saint-Laurent', en: 'Bas-Saint-Laurent' });
    expect(preset?.towns).toHaveLength(10);
    expect(preset?.towns[0]).toEqual({ name: 'La Pocatière', lat: 47.3667, lon: -70.0333 });
    expect(preset?.towns.every((town) => validateTownName(town.name).ok)).toBe(true);
  });

  it('GIVEN the preset WHEN normalized THEN no two towns collide', () => {
    const keys = BAS_SAINT_LAURENT_PRESET.towns.map((town) => normalizeTownName(town.name));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
