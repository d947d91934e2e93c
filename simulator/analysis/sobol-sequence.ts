/**
 * The Sobol low-discrepancy sequence (Bratley & Fox 1988, Algorithm 659; Joe & Kuo 2008 direction numbers),
 * unscrambled, in Gray-code order: point i is the i-th point SciPy's `qmc.Sobol(d, scramble=False)` draws
 * (tests/analysis/global-sensitivity.test.ts checks a few against it). 32-bit integers: 2³² points per dimension.
 * Point `i` is computed from `i` alone (pointAt), so a shard of a study draws exactly the points of the whole.
 */
import { SOBOL_DIRECTIONS, SOBOL_MAX_DIMENSION } from './sobol-directions.js';

const BITS = 32;

/** v[d][j]: the j-th direction integer of dimension d, already shifted to the top bits. */
function directionIntegers(dimension: number): Uint32Array[] {
    if (dimension > SOBOL_MAX_DIMENSION) throw new RangeError(`the Sobol sequence here has at most ${SOBOL_MAX_DIMENSION} dimensions, not ${dimension}`);
    const v: Uint32Array[] = [];
    for (let d = 0; d < dimension; d++) {
        const m = new Uint32Array(BITS);
        if (d === 0) {
            m.fill(1);
        } else {
            const [polyText, initText] = SOBOL_DIRECTIONS[d - 1].split(':');
            const poly = Number(polyText);
            const degree = Math.floor(Math.log2(poly));
            const init = initText.split(',').map(Number);
            for (let j = 0; j < degree; j++) m[j] = init[j];
            // m_j = 2 a_1 m_{j-1} ⊕ 2² a_2 m_{j-2} ⊕ … ⊕ 2^s m_{j-s} ⊕ m_{j-s}, a_k the polynomial's inner bits.
            for (let j = degree; j < BITS; j++) {
                let next = m[j - degree] ^ (m[j - degree] << degree);
                for (let k = 1; k < degree; k++) {
                    if ((poly >> (degree - k)) & 1) next ^= m[j - k] << k;
                }
                m[j] = next >>> 0;
            }
        }
        for (let j = 0; j < BITS; j++) m[j] = (m[j] << (BITS - 1 - j)) >>> 0;
        v.push(m);
    }
    return v;
}

const cache = new Map<number, Uint32Array[]>();

function directions(dimension: number): Uint32Array[] {
    let v = cache.get(dimension);
    if (!v) { v = directionIntegers(dimension); cache.set(dimension, v); }
    return v;
}

/** Point `index` (0 is the origin) of the `dimension`-dimensional sequence, in [0, 1)^dimension. */
export function sobolPoint(dimension: number, index: number): Float64Array {
    const v = directions(dimension);
    const gray = (index ^ (index >>> 1)) >>> 0;
    const x = new Float64Array(dimension);
    for (let d = 0; d < dimension; d++) {
        let acc = 0;
        for (let j = 0, g = gray; g !== 0; j++, g >>>= 1) if (g & 1) acc ^= v[d][j];
        x[d] = (acc >>> 0) / 4294967296;
    }
    return x;
}
