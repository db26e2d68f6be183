// The API answers in the caller's language: the account's saved language, else the tracker_locale cookie, else
// Accept-Language, else English. Codes never change; CSV headers and e-mails follow the reader's language too.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { pinClock } from "@/lib/time/clock";
import { loadActor } from "@/lib/data/actor";
import { deliverDueMail } from "@/lib/mail/worker";
import { parseEml } from "@/lib/data/outbox";
import { setPreferences } from "@/lib/data/preferences";
import * as auditRoute from "@/app/api/v1/audit/route";
import * as revisionsRoute from "@/app/api/v1/contributions/[id]/revisions/route";
import * as lateReportRoute from "@/app/api/v1/meetings/[code]/late-report/route";
import * as queueRoute from "@/app/api/v1/questions/[question]/contributions/route";
import { freshEnv, SG20_DEADLINE, type TestEnv } from "../support/db";
import { makeTemplateDocx } from "../support/make-docx";
import { jsonOf, MEETING, metadata, ORIGIN, postContribution, RAPPORTEUR_Q3, SECRETARIAT, SWITZERLAND, TELCO, tokensFor, uploadForm, type UploadBody } from "../support/api";

const AT_1600 = Date.parse("2020-06-23T16:00:00.000Z");
const RU = { "accept-language": "ru-RU,ru;q=0.9,en;q=0.8" };
const TEXT_FILE = { bytes: Buffer.from("Just some notes, not a document.\n"), name: "notes.txt" };

const UNSUPPORTED_EN = "This type of file is not accepted. Upload Word (.docx, .doc), PDF, or a ZIP of annexes holding a .docx.";
const UNSUPPORTED_RU = "Файлы такого типа не принимаются. Загрузите документ Word (.docx, .doc), PDF или ZIP-архив с приложениями, содержащий .docx.";
const NOT_FOUND_EN = "There is no such document, or you do not have access to it.";
const NOT_FOUND_RU = "Такого документа нет, или у вас нет к нему доступа.";

let env: TestEnv;
let tokens: Record<string, string>;
let docCounter = 0;

function doc(title: string): Promise<Buffer> {
  docCounter += 1;
  return makeTemplateDocx({
    questions: "Q3/20",
    studyGroup: "20",
    meeting: "Virtual, 6-16 July 2020",
    source: "Example",
    title: `${title} (${docCounter})`,
    purpose: "Proposal",
    contacts: [{ name: "Marc Dubois", organization: "OFCOM", country: "Switzerland", phone: "+41 58 460 55 00", email: "marc.dubois@admin-ch.example" }],
  });
}

function auth(token: string, headers: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...headers };
}

function postRevisionWith(token: string, id: number, body: UploadBody, headers: Record<string, string>): Promise<Response> {
  const request = new Request(`${ORIGIN}/api/v1/contributions/${id}/revisions`, { method: "POST", headers: auth(token, headers), body: uploadForm({ metadata: {}, ...body }) });
  return revisionsRoute.POST(request, { params: Promise.resolve({ id: String(id) }) });
}

async function firstCsvLine(res: Response): Promise<string> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/csv");
  // Response.text() drops the byte order mark that lib/present/csv.ts writes for Excel.
  return (await res.text()).split("\r\n")[0];
}

function userId(email: string): number {
  return env.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
}

let swissContributionId = 0;

beforeAll(async () => {
  env = await freshEnv({ at: AT_1600 });
  tokens = await tokensFor([SWITZERLAND, TELCO, RAPPORTEUR_Q3, SECRETARIAT]);
  const res = await postContribution(tokens[SWITZERLAND], { file: { bytes: await doc("Swiss proposal"), name: "swiss.docx" } });
  expect(res.status).toBe(201);
  swissContributionId = (await jsonOf(res)).id;
});

afterAll(() => {
  pinClock(null);
  env.cleanup();
});

describe("a refused upload, with Accept-Language: ru and no saved language", () => {
  it("says an unsupported file type in Russian, with the same code and the file field in Russian", async () => {
    const res = await postContribution(tokens[TELCO], { file: TEXT_FILE }, MEETING, RU);
    expect(res.status).toBe(415);
    const body = await jsonOf(res);
    expect(body.code).toBe("unsupported_type");
    expect(body.message).toBe(UNSUPPORTED_RU);
    expect(body.fields.file).toBe(UNSUPPORTED_RU);
    expect(body.details).toEqual({ reason: "unsupported_type" });
  });

  it("says invalid fields in Russian: the message lists them, each field has its own", async () => {
    const res = await postContribution(tokens[TELCO], { metadata: metadata({ title: "  ", purpose: "Nonsense", contacts: [] }), file: { bytes: await doc("Invalid"), name: "x.docx" } }, MEETING, RU);
    expect(res.status).toBe(422);
    const body = await jsonOf(res);
    expect(body.code).toBe("invalid");
    expect(body.message).toMatch(/^Проверьте поля: /);
    expect(body.fields.title).toBe("Укажите название.");
    expect(body.fields.purpose).toBe("Выберите цель: Proposal, Information, Discussion, Decision, Other.");
    expect(body.fields.contacts).toBe("Укажите хотя бы одно контактное лицо.");
    expect(body.message).toContain("Укажите название.");
  });

  it("says a missing metadata part in Russian", async () => {
    const res = await postContribution(tokens[TELCO], { metadata: null, file: { bytes: await doc("No metadata"), name: "x.docx" } }, MEETING, RU);
    const body = await jsonOf(res);
    expect(body).toMatchObject({ code: "invalid", fields: { metadata: "обязательное поле" } });
    expect(body.message).toContain("Нет части 'metadata'");
  });

  it("answers not_found in Russian for someone else's document", async () => {
    const res = await postRevisionWith(tokens[TELCO], swissContributionId, { file: { bytes: await doc("Not mine"), name: "rev.docx" } }, RU);
    expect(res.status).toBe(404);
    expect(await jsonOf(res)).toEqual({ code: "not_found", message: NOT_FOUND_RU });
  });

  it("says the deadline has passed in Russian, still naming Geneva time as CEST (UTC+2)", async () => {
    pinClock(SG20_DEADLINE + 5 * 60_000);
    try {
      const res = await postContribution(tokens[TELCO], { file: { bytes: await doc("Too late"), name: "late.docx" } }, MEETING, RU);
      expect(res.status).toBe(409);
      const body = await jsonOf(res);
      expect(body.code).toBe("deadline_passed");
      expect(body.message).toMatch(/^Предельный срок представления вкладов на собрание SG20-2020-07 истек/);
      expect(body.message).toContain("00:00 CEST (UTC+2) по женевскому времени");
      expect(body.message).toContain("на 5 мин позже предельного срока");
      expect(body.message).toContain("запрос на позднее представление");
      expect(body.message).not.toMatch(/Geneva|deadline/);
      expect(body.details).toMatchObject({ deadline: "2020-06-23T22:00:00.000Z", lateByMs: 5 * 60_000, lateRequestAllowed: true });
    } finally {
      pinClock(AT_1600);
    }
  });
});

describe("the language of the answer", () => {
  it("is English by default, word for word", async () => {
    const res = await postContribution(tokens[SWITZERLAND], { file: TEXT_FILE });
    const body = await jsonOf(res);
    expect(body).toMatchObject({ code: "unsupported_type", message: UNSUPPORTED_EN, fields: { file: UNSUPPORTED_EN } });
    const notMine = await postRevisionWith(tokens[TELCO], swissContributionId, { file: { bytes: await doc("Not mine"), name: "rev.docx" } }, {});
    expect(await jsonOf(notMine)).toEqual({ code: "not_found", message: NOT_FOUND_EN });
    const invalid = await jsonOf(await postContribution(tokens[SWITZERLAND], { metadata: metadata({ title: "" }), file: { bytes: await doc("x"), name: "x.docx" } }));
    expect(invalid).toMatchObject({ code: "invalid", message: "Some fields need your attention: A title is required.", fields: { title: "A title is required." } });
  });

  it("follows the tracker_locale cookie when there is no saved language", async () => {
    const res = await postContribution(tokens[SWITZERLAND], { file: TEXT_FILE }, MEETING, { cookie: "tracker_locale=ru", "accept-language": "en" });
    expect((await jsonOf(res)).message).toBe(UNSUPPORTED_RU);
  });

  it("follows the account's saved language, without any header and over Accept-Language", async () => {
    const telco = loadActor(userId(TELCO))!;
    expect(setPreferences(telco, { locale: "ru" })).toMatchObject({ ok: true, value: { locale: "ru" } });
    const plain = await postContribution(tokens[TELCO], { file: TEXT_FILE });
    expect(await jsonOf(plain)).toMatchObject({ code: "unsupported_type", message: UNSUPPORTED_RU });
    const english = await postContribution(tokens[TELCO], { file: TEXT_FILE }, MEETING, { "accept-language": "en" });
    expect((await jsonOf(english)).message).toBe(UNSUPPORTED_RU);
    const notMine = await postRevisionWith(tokens[TELCO], swissContributionId, { file: { bytes: await doc("Not mine"), name: "rev.docx" } }, {});
    expect(await jsonOf(notMine)).toEqual({ code: "not_found", message: NOT_FOUND_RU });
  });
});

describe("CSV exports", () => {
  it("name the queue's columns in Russian with ?format=csv and Accept-Language: ru, in English otherwise", async () => {
    const get = (headers: Record<string, string>) =>
      queueRoute.GET(new Request(`${ORIGIN}/api/v1/questions/Q3-20/contributions?format=csv`, { headers: auth(tokens[RAPPORTEUR_Q3], headers) }), {
        params: Promise.resolve({ question: "Q3-20" }),
      });
    expect(await firstCsvLine(await get({}))).toBe(
      "Number,Reference,Title,Source,Questions,Purpose,Received (Geneva),Received (UTC ISO),Late,Current version,Review state,Status",
    );
    const ru = await get(RU);
    const text = await ru.text();
    expect(text.split("\r\n")[0]).toBe(
      "Номер,Обозначение,Название,Источник,Вопросы,Цель,Получено (по женевскому времени),Получено (UTC ISO),С опозданием,Текущая версия,Состояние рассмотрения,Статус",
    );
    expect(text).toContain("CEST (UTC+2)");
    expect(text).toContain("Предложение");
  });

  it("name the late report's columns and words in Russian", async () => {
    const get = (headers: Record<string, string>) =>
      lateReportRoute.GET(new Request(`${ORIGIN}/api/v1/meetings/${MEETING}/late-report?format=csv`, { headers: auth(tokens[SECRETARIAT], headers) }), {
        params: Promise.resolve({ code: MEETING }),
      });
    expect(await firstCsvLine(await get({}))).toBe(
      "Type,Status,Number,Title or file,Member,Organisation,Questions,When (UTC),When (Geneva),How late,Decision,Decided by,Reason",
    );
    const text = await (await get(RU)).text();
    expect(text.split("\r\n")[0]).toBe(
      "Тип,Статус,Номер,Название или файл,Член,Организация,Вопросы,Когда (UTC),Когда (по женевскому времени),Опоздание,Решение,Кем принято решение,Причина",
    );
    // The refusal after the cutoff above: its words in Russian, its code unchanged.
    expect(text).toContain("отклоненная попытка,deadline_passed");
    expect(text).toContain("на 5 мин позже предельного срока");
  });

  it("name the audit log's columns in Russian", async () => {
    const get = (headers: Record<string, string>) => auditRoute.GET(new Request(`${ORIGIN}/api/v1/audit?format=csv`, { headers: auth(tokens[SECRETARIAT], headers) }));
    expect(await firstCsvLine(await get({}))).toBe("When (Geneva),When (UTC),Actor,Action,Entity,Meeting,Details");
    expect(await firstCsvLine(await get(RU))).toBe("Когда (по женевскому времени),Когда (UTC),Кто,Действие,Объект,Собрание,Подробности");
  });
});

describe("the receipt e-mail", () => {
  function outbox(): Array<ReturnType<typeof parseEml>> {
    const dir = path.join(env.dataDir, "outbox");
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith(".eml"));
    } catch {
      files = [];
    }
    return files.map((f) => parseEml(f.slice(0, -4), readFileSync(path.join(dir, f), "latin1")));
  }

  it("is written in the recipient's saved language, and still names Geneva time as CEST (UTC+2)", async () => {
    // The demo's outbox (no relay); the submission queues its receipt, the worker's pass sends it.
    vi.stubEnv("DEMO_MODE", "1");
    vi.stubEnv("SMTP_URL", "");
    try {
      // TELCO saved Russian above; the Swiss delegate chose no language.
      const res = await postContribution(tokens[TELCO], { file: { bytes: await doc("Russian receipt"), name: "ru.docx" } });
      expect(res.status).toBe(201);
      const receipt = await jsonOf(res);
      await deliverDueMail();
      const mine = outbox().filter((m) => m.to.includes(TELCO) && m.subject.includes(receipt.displayNumber));
      expect(mine.length).toBeGreaterThanOrEqual(1);
      const mail = mine[mine.length - 1];
      expect(mail.subject).toBe(`Подтверждение получения: ${receipt.displayNumber} — ${receipt.title}`);
      expect(mail.text).toContain("Ваш документ получен и сохранен.");
      expect(mail.text).toContain("Получено (по женевскому времени)");
      expect(mail.text).toContain("18:00:00 CEST (UTC+2)");
      expect(mail.text).toContain("В СРОК (за 6 ч 0 мин до предельного срока)");
      expect(mail.text).toContain(receipt.sha256);
      expect(mail.text).not.toContain("Geneva");

      const swiss = outbox().filter((m) => m.to.includes(SWITZERLAND));
      expect(swiss.length).toBeGreaterThanOrEqual(1);
      expect(swiss[0].subject).toMatch(/^Receipt: COM 20-C 1 — /);
      expect(swiss[0].text).toContain("Received (Geneva)");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
