// The receiver check's public face: run the battery, render it (text, JUnit), list its cases and flavours.
export { CHECK_CASES, runCheck } from './battery';
export { CHECK_FLAVOURS, checkFlavour } from './flavours';
export { junitXml } from './junit';
export { caseLine, caseListLines, scoreLine } from './report';
export type { CheckFlavour, CheckSigning } from './flavour';
export type { CheckDeps } from './battery';
export type * from './types';
