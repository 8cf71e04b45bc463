// The receiver check's vocabulary, defined once in the contract (the UI shows the same reports).
export type {
  CheckAnswer, CheckCaseResult, CheckExchange, CheckOptions, CheckOutcome, CheckReport, CheckRequest,
} from '../../../src-shared/contract';
