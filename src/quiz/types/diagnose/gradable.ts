import type { GradableBase } from '../../grade';
import type { Choice } from '../../schema';

export interface DiagnosePart {
  choices: Choice[];
  answer: string;
}

export interface DiagnoseGradable extends GradableBase {
  type: 'diagnose';
  verdict: DiagnosePart;
  fix: DiagnosePart;
}

