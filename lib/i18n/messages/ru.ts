// The Russian catalog: each area file must hold every key of its English twin (the types enforce it).
import { api } from "./ru/api";
import { common } from "./ru/common";
import { mail } from "./ru/mail";
import { member } from "./ru/member";
import { report } from "./ru/report";
import { review } from "./ru/review";
import { search } from "./ru/search";
import { secretariat } from "./ru/secretariat";

export const ru = { ...common, ...member, ...review, ...secretariat, ...report, ...api, ...mail, ...search };
