// The Russian catalog: each area file must hold every key of its English twin (the types enforce it).
import { api } from "./ru/api";
import { auth } from "./ru/auth";
import { common } from "./ru/common";
import { mail } from "./ru/mail";
import { http } from "./ru/http";
import { member } from "./ru/member";
import { paging } from "./ru/paging";
import { public_ } from "./ru/public";
import { report } from "./ru/report";
import { review } from "./ru/review";
import { search } from "./ru/search";
import { secretariat } from "./ru/secretariat";
import { sso } from "./ru/sso";

export const ru = { ...common, ...member, ...review, ...secretariat, ...report, ...api, ...mail, ...http, ...auth, ...sso, ...paging, ...public_, ...search };
