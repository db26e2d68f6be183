// The English catalog, assembled from one file per area of the application.
import { api } from "./en/api";
import { common } from "./en/common";
import { mail } from "./en/mail";
import { http } from "./en/http";
import { member } from "./en/member";
import { public_ } from "./en/public";
import { report } from "./en/report";
import { review } from "./en/review";
import { secretariat } from "./en/secretariat";

export const en = { ...common, ...member, ...review, ...secretariat, ...report, ...api, ...mail, ...http, ...public_ };
