// The `agreement` function: the mediation agreement from template to seal, the oral agreement, performance,
// the return visit, the parties' rating and closing the case.
import { route, routesFor } from '../kernel/route';
import type { ServerDeps } from '../kernel/function';
import {
  CaseRef,
  CloseInput,
  DraftInput,
  HashRef,
  JudicialAppliedInput,
  MarkDoneInput,
  OralInput,
  RateInput,
  ReturnVisitInput,
  ReviseInput,
  ScanPathInput,
  TemplateInput,
  UploadScanInput,
} from './schemas';
import type { AgreementActions } from './agreement.types';
import { issueScanPath } from './scan-path';
import { close, confirm, draft, getAgreement, judicialApplied, markDone, oral, rate, returnVisit, revise, seal, sign, templateDraft, uploadScan } from './use-cases';

export const agreementRoutes = routesFor<AgreementActions, ServerDeps>()({
  /** A draft prefilled from the case and the category's template, with what is still to fill in. */
  template: route({ input: TemplateInput, handle: templateDraft }),
  /** The mediator drafts; problems come back per field (AGREEMENT_INVALID with `fields`). */
  draft: route({ input: DraftInput, mutates: true, handle: draft }),
  /** Any change voids every confirmation, signature and seal. */
  revise: route({ input: ReviseInput, mutates: true, handle: revise }),
  /** The text, its hash, who confirmed which version, performance. */
  get: route({ input: CaseRef, handle: getAgreement }),
  /** A party confirms the exact version (hash) they read. */
  confirm: route({ input: HashRef, mutates: true, handle: confirm }),
  /** Staff ask where to upload one party's signed paper (paper-only agreements): a path for this case and party. */
  scanPath: route({ input: ScanPathInput, mutates: true, handle: issueScanPath }),
  /** Staff record the scan of the paper a party signed (the only way for marriage, adoption, inheritance). */
  uploadScan: route({ input: UploadScanInput, mutates: true, handle: uploadScan }),
  sign: route({ input: HashRef, mutates: true, handle: sign }),
  /** The committee's director seals: the agreement takes effect. */
  seal: route({ input: HashRef, mutates: true, handle: seal }),
  oral: route({ input: OralInput, mutates: true, handle: oral }),
  markDone: route({ input: MarkDoneInput, mutates: true, handle: markDone }),
  returnVisit: route({ input: ReturnVisitInput, mutates: true, handle: returnVisit }),
  rate: route({ input: RateInput, mutates: true, handle: rate }),
  close: route({ input: CloseInput, mutates: true, handle: close }),
  /** A party says the parties applied for judicial confirmation (once for the case): the reminders stop. */
  judicialApplied: route({ input: JudicialAppliedInput, mutates: true, handle: judicialApplied }),
});
