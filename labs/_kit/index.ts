/** Shared helpers for lab checks; `labs/_kit` is skipped by the lab loader, like Starlight's `_` rule. */
export { defineChecks, type CheckContext, type CheckDefinition, type LabChecks } from './define-checks';
export { expectTensor, expectClose, errorMap, type Mistake, type TensorExpectation } from './expect-tensor';
export { CheckFailure, describeThrown } from './failure';
export { runChecks, type RunOptions } from './run-checks';
export { attemptSeed, hash32 } from './seed';
export type { CheckResult, CheckStatus, GradingResult, TensorReport } from './result';
export { compileLearnerCode, type CompileResult, type SourceLocation } from './sandbox/compile';
export { runSource, gradeSource, type RunOutcome, type RunProblem } from './sandbox/run-source';
export type { PlotSeries } from './sandbox/lab-helpers';
export type { LogEntry } from './sandbox/console-capture';
export { onLearnerDevice, defaultTolerance, type LearnerDevice } from './learner-device';
