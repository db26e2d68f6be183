// The English catalog, assembled from one file per area of the application.
import { api } from "./en/api";
import { common } from "./en/common";
import { mail } from "./en/mail";
import { member } from "./en/member";
import { report } from "./en/report";
import { review } from "./en/review";
import { search } from "./en/search";
import { secretariat } from "./en/secretariat";

export const en = { ...common, ...member, ...review, ...secretariat, ...report, ...api, ...mail, ...search };
