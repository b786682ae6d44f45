// Whether an audit chain verifies, said plainly above the trail (case.audit, org.staffAudit): a chain that does
// not verify is never shown as if it did, and the reader is told what that means and what to do.
Component({
  properties: {
    verified: { type: Boolean, value: false },
    /** The server's sentence for the first problem found (`problemText`). */
    problem: { type: String, value: '' },
    /** How many entries were checked. */
    count: { type: Number, value: 0 },
  },
});
