/** Geography by date: versions, unit validity, the crosswalk between versions and roll-ups (pure). */
export { formatLocalDate, isUnitValidAt, unitById, unitsAt, unitsById, validityError, validityText, versionAt } from './validity.js';
export { CrosswalkError, loadCrosswalks, parseCrosswalk, type Crosswalk, type CrosswalkLink } from './crosswalk.js';
export { lineage, lineageOf } from './lineage.js';
export { typedName } from './names.js';
export { reportOwed } from './reporting.js';
export { rollUp, type RollUpInput, type RollUpGroup } from './rollup.js';
