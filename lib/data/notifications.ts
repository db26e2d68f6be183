// E-mails that follow a state change (receipts, decisions). Sent after the commit; a mail failure never undoes a receipt.
import "server-only";

/** The receipt e-mail of one version, to the submitter and the contribution's contacts. */
export async function notifyReceipt(versionId: number): Promise<void> {
  void versionId; // filled in with lib/mail.ts
}
