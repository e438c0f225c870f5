import { addColumn } from '../../../operations/add-column.js';
import type { TableStep } from '../../types.js';
import { copyRunsTask } from './copy-runs.js';
import { restoreRunsTask } from './restore-runs.js';

/**
 * sessions at 3.0.0: its runs move into the runs table, and the legacy column stays (Agno keeps it
 * as a backup; `cleanup-runs` drops it once every run is proven copied). Down puts the column back
 * if it is gone, rebuilds the blobs and drops the runs table.
 */
export const sessionsV3: TableStep = {
  up: () => [copyRunsTask()],
  down: () => [addColumn({ name: 'runs', type: { kind: 'json' }, nullable: true }), restoreRunsTask()],
};
