// The English catalog, assembled from one file per area of the application.
import { api } from "./en/api";
import { auth } from "./en/auth";
import { common } from "./en/common";
import { mail } from "./en/mail";
import { http } from "./en/http";
import { member } from "./en/member";
import { paging } from "./en/paging";
import { public_ } from "./en/public";
import { report } from "./en/report";
import { review } from "./en/review";
import { search } from "./en/search";
import { secretariat } from "./en/secretariat";
import { sso } from "./en/sso";

export const en = { ...common, ...member, ...review, ...secretariat, ...report, ...api, ...mail, ...http, ...auth, ...sso, ...paging, ...public_, ...search };
