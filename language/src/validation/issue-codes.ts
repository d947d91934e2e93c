/** Stable diagnostic codes, shown in the Problems panel and used by quick fixes. */
export const IssueCodes = {
    UnresolvedReference: 'unresolved-reference',
    DuplicateName: 'duplicate-name',
    DuplicateArm: 'duplicate-arm',
    /** A regimen and a drug share a name, so `give NAME` is ambiguous. */
    AmbiguousName: 'ambiguous-name',
    UnknownUnit: 'unknown-unit',
    WrongUnit: 'wrong-unit',
    MissingUnit: 'missing-unit',
    OutOfRange: 'out-of-range',
    LargeFold: 'large-fold',
    TimeOrder: 'time-order',
    NeverStarts: 'never-starts',
    OnsetAfterEnd: 'onset-after-end',
    EarlyMenopause: 'early-menopause',
    /** `menopause at` given for a male patient: it has no effect. */
    MenopauseMale: 'menopause-male',
    SampleTooCoarse: 'sample-too-coarse',
    WrongTargetKind: 'wrong-target-kind',
    ReservedKind: 'reserved-kind',
    /** An import whose file does not exist. */
    MissingImport: 'missing-import',
    ImportSelf: 'import-self',
    ImportCycle: 'import-cycle',
    DuplicateImport: 'duplicate-import',
    /** An import none of whose declarations the file refers to (a hint). */
    UnusedImport: 'unused-import',
    UnknownParameter: 'unknown-parameter',
    OverlappingClass: 'overlapping-class',
    LongAntiInflammatory: 'long-anti-inflammatory',
    AntiresorptiveAlone: 'antiresorptive-alone',
    DenosumabStop: 'denosumab-stop',
    UntargetedCytokine: 'untargeted-cytokine',
    MissingProperty: 'missing-property',
    DuplicateProperty: 'duplicate-property',
    /** `give REGIMEN DOSE`: the regimen already has a dose. */
    ConflictingDose: 'conflicting-dose',
    /** A file over the size limit (document-loader.ts): not analysed. */
    FileTooLarge: 'file-too-large',
    /** A sweep without a measure, with no or too many vary lines; a population without a vary line. */
    AnalysisStructure: 'analysis-structure',
    /** A vary line names something the scenario does not have (a regimen not given in the arm, an unused condition). */
    VaryTarget: 'vary-target',
    /** A sweep grid or population above 10,000 runs. */
    TooManyRuns: 'too-many-runs',
    /** `measure` names something the model does not compute (for that arm). */
    NotComputed: 'not-computed',
    /** `every day`: the interval's number is missing (quick fix: insert 1). */
    EveryWithoutNumber: 'every-without-number',
    /** An amount without a known frequency, an unknown `q…` code, or a rate that also says how often. */
    UnknownFrequency: 'unknown-frequency',
    /** `7,5 mg` (quick fix: 7.5). */
    DecimalComma: 'decimal-comma',
    /** A syntax error at a known stumble, rewritten as one sentence with its fix. */
    SyntaxStumble: 'syntax-stumble',
    DrugBaseCycle: 'drug-base-cycle',
    /** A user drug without ic50: the model's default potency applies. */
    MissingPotency: 'missing-potency',
    /** half_life disagrees with ln 2 · volume / clearance. */
    InconsistentPk: 'inconsistent-pk',
    /** Local delivery written so it cannot act as written (release with targeting, a depot without a local site). */
    LocalDelivery: 'local-delivery',
    /** Observed data and fitting (docs/data-and-fit.md §4). */
    DataFileMissing: 'data-file-missing',
    DataFileUnreadable: 'data-file-unreadable',
    DataColumnMissing: 'data-column-missing',
    DataNotNumeric: 'data-not-numeric',
    DataGroupUnknown: 'data-group-unknown',
    DataGroupRequired: 'data-group-required',
    DataGroupUnexpected: 'data-group-unexpected',
    DataEmpty: 'data-empty',
    DataOutsideHorizon: 'data-outside-horizon',
    FitWithoutData: 'fit-without-data',
    FitUnderdetermined: 'fit-underdetermined'
} as const;

export type IssueCode = typeof IssueCodes[keyof typeof IssueCodes];

/**
 * The code goes both in `code` (shown in the Problems panel, printed by `osteo check`) and in
 * `data.code` (where code actions look), with whatever a quick fix needs beside it.
 */
export function issue(code: IssueCode, data: Record<string, unknown> = {}): { code: IssueCode, data: Record<string, unknown> & { code: IssueCode } } {
    return { code, data: { ...data, code } };
}
