import type { SopInput } from '../schema.ts';
import { SOP_LP2N_PPK_01 } from './sop-lp2n-ppk-01.ts';
import { SOP_LP2N_TKT_02 } from './sop-lp2n-tkt-02.ts';
import { SOP_LP2N_PAR_05 } from './sop-lp2n-par-05.ts';
import { SOP_DALAK_067_001 } from './sop-dalak-067-001.ts';
import { SOP_DALAK_067_002 } from './sop-dalak-067-002.ts';
import { SOP_DALAK_067_003 } from './sop-dalak-067-003.ts';
import { SOP_DALAK_067_004 } from './sop-dalak-067-004.ts';
import { SOP_DALAK_067_005 } from './sop-dalak-067-005.ts';
import { SOP_DALAK_067_006 } from './sop-dalak-067-006.ts';
import { SOP_DALAK_067_007 } from './sop-dalak-067-007.ts';
import { SOP_DALAK_067_008 } from './sop-dalak-067-008.ts';
import { SOP_DALAK_067_009 } from './sop-dalak-067-009.ts';
import { SOP_DALAK_067_010 } from './sop-dalak-067-010.ts';
import { SOP_DALAK_067_011 } from './sop-dalak-067-011.ts';
import { SOP_DALAK_067_012 } from './sop-dalak-067-012.ts';
import { SOP_DALAK_067_013 } from './sop-dalak-067-013.ts';
import { SOP_DALAK_067_014 } from './sop-dalak-067-014.ts';

/** Every SOP of the office, in the order the office lists them. Raw input: load-catalog.ts validates it. */
export const CATALOG_INPUT: readonly SopInput[] = [
  SOP_LP2N_PPK_01,
  SOP_LP2N_TKT_02,
  SOP_LP2N_PAR_05,
  SOP_DALAK_067_001,
  SOP_DALAK_067_002,
  SOP_DALAK_067_003,
  SOP_DALAK_067_004,
  SOP_DALAK_067_005,
  SOP_DALAK_067_006,
  SOP_DALAK_067_007,
  SOP_DALAK_067_008,
  SOP_DALAK_067_009,
  SOP_DALAK_067_010,
  SOP_DALAK_067_011,
  SOP_DALAK_067_012,
  SOP_DALAK_067_013,
  SOP_DALAK_067_014,
];
