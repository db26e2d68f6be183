// English messages: mail (the notice to a named contact, and what the demo's outbox withholds).
export const mail = {
  "mail.notice.subject": "You are named as a contact: {title}",
  "mail.notice.intro": "A document that names you as a contact has been submitted to the ITU-T meeting {meeting}.",
  "mail.notice.source": "Submitted by",
  "mail.notice.why":
    "You receive this notice because the submitter listed your address among the document's contacts. The tracker sends you nothing more about it.",
  "mail.notice.where": "The meeting's documents are for ITU-T members; its page: {link}",
  "mail.notice.unexpected": "If you do not know this document, tell the secretariat of the study group.",
  "mail.outbox.seeGroups": "As the secretariat you see the messages of your study groups ({groups}) and those sent to {email}; a password link is shown only to the person it was sent to.",
  "mail.outbox.withheld": "This message holds a one-time password link: only {email} can read it here. It was sent on {date}.",
  "mail.outbox.withheldShort": "(password link, for its addressee only)",
} as const;
