import * as z from 'zod';

/**
 * A signature a deputy made in an absent official's stead, as the signer's record keeps it: as what
 * (Plh., Plt., a.n.) and the position they held for that signature. Without it a paraf in the Kabid's
 * row by the Kasi read as the Kasi's own, with no authority shown.
 */
export interface StandingIn {
  as: 'an' | 'plh' | 'plt';
  position: string;
}

export const StandingInSchema = z.object({ as: z.enum(['an', 'plh', 'plt']), position: z.string() });
