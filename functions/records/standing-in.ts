import * as z from 'zod/mini';

/**
 * A signature a deputy made in an absent official's stead, as the signer's record keeps it: as what
 * (Plh., Plt., a.n.) and the position they held for that signature. Without it a paraf in the Kabid's
 * row by the Kasi read as the Kasi's own, with no authority shown.
 */
export interface StandingIn {
  as: 'an' | 'plh' | 'plt';
  position: string;
}

// Schemas built when first used, not at import: a Lambda's init imports this and may never read it (issue 21).
export const StandingInSchema = z.lazy(() => z.object({ as: z.enum(['an', 'plh', 'plt']), position: z.string() }));
