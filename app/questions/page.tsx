import type { Metadata } from "next";
import Link from "next/link";
import { listMyQuestions } from "@/lib/data/review";
import { requireActor } from "@/lib/data/session";
import { formatGeneva } from "@/lib/geneva-time";

export const metadata: Metadata = { title: "My Questions" };

export default async function MyQuestionsPage() {
  const actor = await requireActor("/questions");
  const mine = listMyQuestions(actor);
  return (
    <>
      <h1>My Questions</h1>
      {mine.length === 0 ? (
        <p>You are not the rapporteur of any Question, so there is nothing to review here.</p>
      ) : (
        <>
          <p className="muted">
            Counts cover the contributions admitted or awaiting a late decision. &ldquo;New&rdquo; means received since you last opened the
            Question&rsquo;s queue.
          </p>
          <div className="table-wrap">
            <table data-testid="my-questions">
              <caption className="visually-hidden">The Questions you review, with their contributions</caption>
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  <th scope="col">Title</th>
                  <th scope="col">Your role</th>
                  <th scope="col">Contributions</th>
                  <th scope="col">New since your last visit</th>
                  <th scope="col">LATE</th>
                  <th scope="col">Revised since reviewed</th>
                  <th scope="col">Withdrawn</th>
                  <th scope="col">Your last visit (Geneva time)</th>
                </tr>
              </thead>
              <tbody>
                {mine.map((q) => (
                  <tr key={q.id}>
                    <th scope="row">
                      {/* Opening the queue records a visit: no prefetch, so only a real visit counts. */}
                      <Link href={`/questions/${q.slug}`} prefetch={false}>
                        {q.code}
                      </Link>
                    </th>
                    <td>{q.title}</td>
                    <td>{q.role}</td>
                    <td>{q.counts.total}</td>
                    <td>{q.counts.new}</td>
                    <td>{q.counts.late}</td>
                    <td>{q.counts.revisedSinceReview}</td>
                    <td>{q.counts.withdrawn}</td>
                    <td>{q.lastVisitedAt === null ? "Never" : formatGeneva(q.lastVisitedAt, { seconds: false })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
