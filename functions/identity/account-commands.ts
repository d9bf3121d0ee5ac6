import * as z from 'zod/mini';
import { ParafError } from '#errors/paraf-error.ts';
import type { Official } from '#staff/load-staff-directory.ts';
import { type IdentityStore, listAccounts, setUpAccount } from './accounts.ts';

/**
 * What `npx paraf staf` does to the accounts, in one place for its two ways in: the CLI on a stopped
 * data folder (or the AWS table), and the running Paraf's control port (infra/local/control-server.ts)
 * when Paraf holds the folder. Both answer the same shapes, so the CLI prints the same either way.
 */

/** An account as `staf daftar` lists it: never a secret or a hash. */
export interface ListedAccount {
  officialId: string;
  demo?: boolean;
  createdAt: string;
}

/** One official's new secrets, for the CLI alone to print: never logged, never in the trail. */
export interface MadeAccount {
  officialId: string;
  password?: string;
  totpSecret: string;
}

/** `staf buat <id>` (`pejabat`), or `staf buat --semua [--ulang]` (`semua`, `ulang`). */
export type AccountsAsk = { pejabat: string } | { semua: true; ulang: boolean };

export async function listedAccounts(
  store: IdentityStore,
  officials: readonly Official[],
): Promise<{ akun: ListedAccount[] }> {
  const accounts = await listAccounts(
    store,
    officials.map((o) => o.id),
  );
  return {
    akun: accounts.map(({ officialId, demo, createdAt }) => ({ officialId, ...(demo ? { demo } : {}), createdAt })),
  };
}

/**
 * The refusal of an ask that names an official the staff directory does not know (or of `semua` when
 * it knows none), else undefined. makeAccounts refuses with it, for the control port; the CLI asks it
 * first, before it opens a data folder, so a mistyped id creates no folder. One sentence for both ways in.
 */
export function unknownOfficial(officials: readonly Official[], ask: AccountsAsk): ParafError | undefined {
  if ('pejabat' in ask ? officials.some((o) => o.id === ask.pejabat) : officials.length > 0) return undefined;
  return new ParafError(
    'invalid-request',
    `tidak ada pejabat "${'pejabat' in ask ? ask.pejabat : ''}". Yang dikenal: ${officials.map((o) => o.id).join(', ')}`,
  );
}

/**
 * Creates or resets the asked accounts (new password and key; the sessions made before end, as the
 * sign-in compares them with the account's createdAt). `--semua` on a folder that has accounts resets
 * every one of them, so it asks for `ulang`, naming how many it would reset; nothing is written
 * without it. An official the staff directory does not know is refused by name, before any write.
 */
export async function makeAccounts(
  store: IdentityStore,
  officials: readonly Official[],
  ask: AccountsAsk,
  withPassword: boolean,
): Promise<{ dibuat: MadeAccount[] }> {
  const unknown = unknownOfficial(officials, ask);
  if (unknown) throw unknown;
  const chosen = 'pejabat' in ask ? officials.filter((o) => o.id === ask.pejabat) : [...officials];
  if ('semua' in ask && !ask.ulang) {
    const existing = (
      await listAccounts(
        store,
        chosen.map((o) => o.id),
      )
    ).filter((account) => !account.demo);
    if (existing.length > 0)
      throw new ParafError(
        'reset-not-confirmed',
        `${existing.length} dari ${chosen.length} pejabat sudah punya akun (${existing.map((a) => a.officialId).join(', ')}). Perintah ini akan mengatur ulang ${existing.length} akun itu: kata sandi dan kunci autentikator baru, sesi mereka berakhir. Tidak ada yang diubah. Bila memang itu maksudnya, jalankan lagi dengan --ulang; untuk satu pejabat saja: paraf staf buat <id pejabat>.`,
      );
  }
  const dibuat: MadeAccount[] = [];
  for (const official of chosen)
    dibuat.push({ officialId: official.id, ...(await setUpAccount(store, official.id, { withPassword })) });
  return { dibuat };
}

/**
 * The control port's request body for `POST /akun`: either `pejabat` alone, or `semua: true` with
 * `ulang` if need be. Read before anything is read or written.
 */
const AccountsAskBody = z
  .strictObject({
    pejabat: z.optional(z.string().check(z.minLength(1))),
    semua: z.optional(z.literal(true)),
    ulang: z.optional(z.boolean()),
  })
  .check(
    z.refine(({ pejabat, semua, ulang }) =>
      pejabat === undefined ? semua === true : semua === undefined && ulang === undefined,
    ),
  );

/**
 * The messages are the CLI's (it prints them): an unknown field is refused by name, before whatever
 * else is wrong, so a mistyped option is named rather than described.
 */
export function readAccountsAsk(body: unknown): AccountsAsk {
  const parsed = AccountsAskBody.safeParse(body);
  if (parsed.success) {
    const { pejabat, ulang } = parsed.data;
    return pejabat === undefined ? { semua: true, ulang: ulang ?? false } : { pejabat };
  }
  const unknown = parsed.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys : []));
  if (unknown.length) throw new ParafError('invalid-request', `Isian tidak dikenal: ${unknown.join(', ')}.`);
  if (parsed.error.issues.some((issue) => issue.code === 'invalid_type' && issue.path.length === 0))
    throw new ParafError('invalid-request', 'Isian akun harus berupa objek JSON.');
  throw new ParafError(
    'invalid-request',
    'Isian akun belum benar: kirim "pejabat" (id pejabat) saja, atau "semua": true dengan "ulang" (true/false) bila perlu.',
  );
}
