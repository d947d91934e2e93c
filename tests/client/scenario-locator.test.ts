import { describe, expect, test } from 'vitest';
import { locateScenarios, scenarioAt } from '../../client/src/commands/scenario-locator.js';

const TEXT = `import "./regimens.osteo"
// scenario Commented { }
drug d { half_life 2 days }
/** Early vs late. */
scenario First "Has { braces } in its title" {
    duration 2 years
    arm a { give X from 0 months }   /* } */
}

scenario Second {
    arm b { }
}
scenario Broken {
    arm c {
`;

describe('locating scenarios without the server', () => {
    const found = locateScenarios(TEXT);

    test('finds every scenario, skipping comments and braces inside strings and comments', () => {
        expect(found.map(s => s.name)).toEqual(['First', 'Second', 'Broken']);
    });

    test('a scenario spans from its doc comment to its closing brace', () => {
        const first = found[0];
        expect(TEXT.slice(first.start, first.start + 20)).toBe('/** Early vs late. *');
        expect(TEXT.slice(first.end - 2, first.end)).toBe('\n}');
    });

    test('the cursor picks the scenario around it, and nothing between scenarios', () => {
        expect(scenarioAt(found, TEXT.indexOf('give X'))?.name).toBe('First');
        expect(scenarioAt(found, TEXT.indexOf('arm b'))?.name).toBe('Second');
        expect(scenarioAt(found, TEXT.indexOf('drug d'))).toBeUndefined();
    });

    test('an unclosed scenario runs to the end of the text', () => {
        expect(found[2].end).toBe(TEXT.length);
        expect(scenarioAt(found, TEXT.length)?.name).toBe('Broken');
    });

    test('a nested "scenario" word (a name, a string) is not a declaration', () => {
        expect(locateScenarios('drug scenario_x { }\nregimen R { drug scenario }').map(s => s.name)).toEqual([]);
    });
});
