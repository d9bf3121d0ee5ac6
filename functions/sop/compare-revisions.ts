import type { DocumentSpec, Lane, Requirement, SendBack, Sop, Step, TimeStandard } from './schema.ts';
import { PHASE_LABELS, revisionOf, STEP_KIND_LABELS } from './schema.ts';

/**
 * A step of one revision and its counterpart in another: the same act (the same title), or, failing
 * that, the same number with the same kind. A step renumbered by an inserted step keeps its
 * counterpart; a step whose act and number both changed has none.
 */
export function matchSteps(from: Sop, to: Sop): { pairs: [Step, Step][]; removed: Step[]; added: Step[] } {
  const taken = new Set<Step>();
  const pairs = new Map<Step, Step>();
  for (const step of from.steps) {
    const same = to.steps.find((s) => !taken.has(s) && s.title === step.title);
    if (same) {
      pairs.set(step, same);
      taken.add(same);
    }
  }
  for (const step of from.steps) {
    if (pairs.has(step)) continue;
    const same = to.steps.find((s) => !taken.has(s) && s.no === step.no && s.kind === step.kind);
    if (same) {
      pairs.set(step, same);
      taken.add(same);
    }
  }
  return {
    pairs: from.steps.flatMap((s): [Step, Step][] => {
      const counterpart = pairs.get(s);
      return counterpart ? [[s, counterpart]] : [];
    }),
    removed: from.steps.filter((s) => !pairs.has(s)),
    added: to.steps.filter((s) => !taken.has(s)),
  };
}

/** The counterpart in `to` of step `no` of `from`, or undefined when the step has none. */
export function counterpartStep(from: Sop, to: Sop, no: number): Step | undefined {
  return matchSteps(from, to).pairs.find(([a]) => a.no === no)?.[1];
}

export interface RevisionDiff {
  from: string;
  to: string;
  /** Each section's lines, in Bahasa Indonesia; a section without a difference is left out. */
  sections: { title: string; lines: string[] }[];
}

const time = (t: TimeStandard | undefined) => (t ? t.asWritten : 'tanpa mutu baku');
/** Everything a send-back says (its condition too): a revision changing any of it shows. */
const sendBack = (r: SendBack) =>
  [
    r.to === 'applicant'
      ? `ke pemohon melalui ${r.via ?? '?'}, lanjut di langkah ${r.resumeAt ?? '?'}`
      : `ke langkah ${r.to}`,
    ...(r.correctedIn ? [`diperbaiki melalui ${r.correctedIn}`] : []),
    ...(r.newApplication ? [`atau permohonan baru ("${r.newApplication}")`] : []),
  ].join(', ') + ` bila "${r.reason}"${r.answer ? ` (jawaban "${r.answer}")` : ''}`;
const stepLine = (s: Step) => `${s.no}. [${s.lane}] ${STEP_KIND_LABELS[s.kind]}: ${s.title}`;
const documentLine = (d: DocumentSpec) =>
  `draf di langkah ${d.draftedAt}; paraf ${d.parafAt.join(', ') || '-'}; tanda tangan ${d.signedAt ?? '-'}; nomor ${d.numberedAt ?? '-'}${d.register ? ` (${d.register})` : ''}`;

type Matched = ReturnType<typeof matchSteps>;
type Section = { title: string; lines: string[] };

/**
 * Lines for items kept by id across two revisions: `+` added, `-` removed, `~` changed (the changes
 * joined); lanes, requirements and documents are compared this way.
 */
function compareById<T>(
  before: T[],
  after: T[],
  idOf: (item: T) => string,
  show: (item: T) => string,
  changesOf: (a: T, b: T) => string[],
  separator = ': ',
): string[] {
  const ids = new Set([...before, ...after].map(idOf));
  return [...ids].flatMap((id) => {
    const a = before.find((item) => idOf(item) === id);
    const b = after.find((item) => idOf(item) === id);
    if (!a) return b ? [`+ ${show(b)}`] : [];
    if (!b) return [`- ${show(a)}`];
    const changes = changesOf(a, b);
    return changes.length ? [`~ ${id}${separator}${changes.join('; ')}`] : [];
  });
}

function stepSections({ pairs, removed, added }: Matched): [Section, Section] {
  const changed = pairs.flatMap(([a, b]) => {
    const changes: string[] = [];
    if (a.no !== b.no) changes.push(`nomor ${a.no} menjadi ${b.no}`);
    if (a.kind !== b.kind) changes.push(`jenis ${STEP_KIND_LABELS[a.kind]} menjadi ${STEP_KIND_LABELS[b.kind]}`);
    if (a.title !== b.title) changes.push(`uraian "${a.title}" menjadi "${b.title}"`);
    if (a.phase !== b.phase) changes.push(`tahap ${PHASE_LABELS[a.phase]} menjadi ${PHASE_LABELS[b.phase]}`);
    if (a.canReject !== b.canReject) changes.push(b.canReject ? 'kini dapat menolak' : 'tidak lagi dapat menolak');
    return changes.length ? [`~ langkah ${a.no}: ${changes.join('; ')}`] : [];
  });
  return [
    {
      title: 'Langkah',
      lines: [...removed.map((s) => `- ${stepLine(s)}`), ...added.map((s) => `+ ${stepLine(s)}`), ...changed],
    },
    {
      title: 'Lane per langkah',
      lines: pairs.flatMap(([a, b]) => (a.lane !== b.lane ? [`~ langkah ${a.no}: ${a.lane} menjadi ${b.lane}`] : [])),
    },
  ];
}

function timeSection(from: Sop, to: Sop, { pairs, added }: Matched): Section {
  const serviceTime = (s: Sop) =>
    s.serviceTime
      ? `${s.serviceTime.asWritten} (${s.serviceTime.limit} ${s.serviceTime.unit === 'working-days' ? 'hari kerja' : 'hari'})`
      : 'tidak ditetapkan';
  return {
    title: 'Mutu baku waktu',
    lines: [
      ...(serviceTime(from) !== serviceTime(to)
        ? [`~ waktu penyelesaian: ${serviceTime(from)} menjadi ${serviceTime(to)}`]
        : []),
      ...pairs.flatMap(([a, b]) =>
        JSON.stringify(a.time ?? null) !== JSON.stringify(b.time ?? null)
          ? [`~ langkah ${a.no}${a.no !== b.no ? ` (${b.no})` : ''}: ${time(a.time)} menjadi ${time(b.time)}`]
          : [],
      ),
      ...added.map((s) => `+ langkah ${s.no}: ${time(s.time)}`),
    ],
  };
}

function sendBackSections({ pairs, added }: Matched): Section[] {
  return [
    {
      title: 'Pengembalian berkas',
      lines: pairs.flatMap(([a, b]) => {
        const before = a.returns.map(sendBack);
        const after = b.returns.map(sendBack);
        if (JSON.stringify(before) === JSON.stringify(after)) return [];
        return [`~ langkah ${a.no}: ${before.join(', ') || 'tidak ada'} menjadi ${after.join(', ') || 'tidak ada'}`];
      }),
    },
    {
      title: 'Pengembalian berkas (langkah baru)',
      lines: added
        .filter((s) => s.returns.length)
        .map((s) => `+ langkah ${s.no}: ${s.returns.map(sendBack).join(', ')}`),
    },
  ];
}

function laneChanges(a: Lane, b: Lane): string[] {
  const changes: string[] = [];
  if (a.label !== b.label) changes.push(`nama "${a.label}" menjadi "${b.label}"`);
  if (a.supervisor !== b.supervisor) changes.push(`atasan ${a.supervisor ?? '-'} menjadi ${b.supervisor ?? '-'}`);
  return changes;
}

function requirementChanges(a: Requirement, b: Requirement): string[] {
  const changes: string[] = [];
  if (a.label !== b.label) changes.push(`"${a.label}" menjadi "${b.label}"`);
  if (JSON.stringify(a.when ?? null) !== JSON.stringify(b.when ?? null)) changes.push('syarat berlakunya berubah');
  if (a.anyOf !== b.anyOf) changes.push(`kelompok "dan/atau" ${a.anyOf ?? '-'} menjadi ${b.anyOf ?? '-'}`);
  return changes;
}

function documentChanges(a: DocumentSpec, b: DocumentSpec): string[] {
  const changes: string[] = [];
  if (a.title !== b.title) changes.push(`judul "${a.title}" menjadi "${b.title}"`);
  if (documentLine(a) !== documentLine(b)) changes.push(`${documentLine(a)} menjadi ${documentLine(b)}`);
  return changes;
}

/** What differs between two revisions of one SOP: steps, lanes, time standards, send-backs, requirements, documents. */
export function compareRevisions(from: Sop, to: Sop): RevisionDiff {
  const matched = matchSteps(from, to);
  const [steps, lanesPerStep] = stepSections(matched);
  const sections = [
    steps,
    {
      title: 'Lane (pelaksana)',
      lines: compareById(
        from.lanes,
        to.lanes,
        (l) => l.id,
        (l) => `${l.id}: ${l.label}`,
        laneChanges,
      ),
    },
    lanesPerStep,
    timeSection(from, to, matched),
    ...sendBackSections(matched),
    {
      title: 'Persyaratan',
      lines: compareById(
        from.requirements,
        to.requirements,
        (r) => r.id,
        (r) => `${r.id}. ${r.label}`,
        requirementChanges,
        '. ',
      ),
    },
    {
      title: 'Dokumen',
      lines: compareById(
        from.documents,
        to.documents,
        (d) => d.kind,
        (d) => `${d.kind} (${d.title}): ${documentLine(d)}`,
        documentChanges,
      ),
    },
  ].filter((section) => section.lines.length);
  return { from: revisionOf(from), to: revisionOf(to), sections };
}
