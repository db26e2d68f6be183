import type { Metadata } from "next";
import Link from "next/link";
import { listMyQuestions, type MyQuestionDto } from "@/lib/data/review-questions";
import { requireActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { When } from "@/app/_components/when";
import { DataTable } from "@/app/_components/data-table";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("review.questions.title") };
}

const ROLE_KEY: Record<MyQuestionDto["role"], MessageKey> = {
  Rapporteur: "review.role.rapporteur",
  "Associate rapporteur": "review.role.associateRapporteur",
  Secretariat: "review.role.secretariat",
};

export default async function MyQuestionsPage() {
  const actor = await requireActor("/questions");
  const { t, locale } = await getT();
  const mine = listMyQuestions(actor);
  return (
    <>
      <h1>{t("review.questions.title")}</h1>
      {mine.length === 0 ? (
        <p>{t("review.questions.none")}</p>
      ) : (
        <>
          <p className="muted">{t("review.questions.note")}</p>
          <DataTable
            testId="my-questions"
            caption={t("review.questions.caption")}
            columns={[
              t("review.questions.col.question"), t("review.questions.col.title"), t("review.questions.col.role"), t("review.questions.col.contributions"),
              t("review.questions.col.new"), t("review.questions.col.late"), t("review.questions.col.revised"), t("review.questions.col.withdrawn"),
              t("review.questions.col.lastVisit"),
            ]}
          >
            {mine.map((q) => (
              <tr key={q.id}>
                <th scope="row">
                  {/* Opening the queue records a visit: no prefetch, so only a real visit counts. */}
                  <Link href={`/questions/${q.slug}`} prefetch={false}>
                    {q.code}
                  </Link>
                </th>
                <td>{q.title}</td>
                <td>{t(ROLE_KEY[q.role])}</td>
                <td>{q.counts.total}</td>
                <td>{q.counts.new}</td>
                <td>{q.counts.late}</td>
                <td>{q.counts.revisedSinceReview}</td>
                <td>{q.counts.withdrawn}</td>
                <td>{q.lastVisitedAt === null ? t("review.questions.never") : <When at={q.lastVisitedAt} locale={locale} seconds={false} />}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </>
  );
}
