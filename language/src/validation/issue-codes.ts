/** Stable diagnostic codes, shown in the Problems panel and used by quick fixes. */
export const IssueCodes = {
    UnresolvedReference: 'unresolved-reference',
    DuplicateName: 'duplicate-name',
    DuplicateArm: 'duplicate-arm',
    UnknownUnit: 'unknown-unit',
    WrongUnit: 'wrong-unit',
    MissingUnit: 'missing-unit',
    OutOfRange: 'out-of-range',
    LargeFold: 'large-fold',
    TimeOrder: 'time-order',
    NeverStarts: 'never-starts',
    OnsetAfterEnd: 'onset-after-end',
    EarlyMenopause: 'early-menopause',
    SampleTooCoarse: 'sample-too-coarse',
    WrongTargetKind: 'wrong-target-kind',
    ReservedKind: 'reserved-kind',
    MissingImport: 'missing-import',
    UnknownParameter: 'unknown-parameter',
    OverlappingClass: 'overlapping-class',
    LongAntiInflammatory: 'long-anti-inflammatory',
    AntiresorptiveAlone: 'antiresorptive-alone',
    DenosumabStop: 'denosumab-stop',
    UntargetedCytokine: 'untargeted-cytokine',
    MissingProperty: 'missing-property',
    DuplicateProperty: 'duplicate-property',
    ImportCycle: 'import-cycle'
} as const;

export type IssueCode = typeof IssueCodes[keyof typeof IssueCodes];
