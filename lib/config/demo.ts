// The demo's accounts and meeting code, shared by the seed, the sign-in page and the tests.

export const DEMO_PASSWORD = "demo-password-2020";
export const SG20_MEETING_CODE = "SG20-2020-07";

export const DEMO_ACCOUNTS = [
  { email: "tsb.sg20@secretariat.example", name: "Anna Keller (TSB, SG20 counsellor)", role: "Secretariat of SG20" },
  { email: "rapporteur.q3@sg20.example", name: "Li Wei (Rapporteur Q3/20)", role: "Rapporteur, Q3/20" },
  { email: "rapporteur.q6@sg20.example", name: "Amina Diallo (Rapporteur Q6/20)", role: "Rapporteur, Q6/20" },
  { email: "delegate@admin-ch.example", name: "Marc Dubois", role: "Member State delegate (Switzerland)" },
  { email: "delegate@telco.example", name: "Sofia Rossi", role: "Sector Member delegate (Example Telecom)" },
  { email: "delegate@university.example", name: "Kenji Tanaka", role: "Academia delegate (Example University)" },
  { email: "delegate@associate-sg20.example", name: "Olga Petrova", role: "Associate of SG20" },
  { email: "delegate@associate-sg17.example", name: "Carlos Mendes", role: "Associate of SG17 (may not submit to SG20)" },
] as const;
