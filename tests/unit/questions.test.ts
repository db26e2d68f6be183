import { describe, expect, it } from "vitest";
import { normaliseQuestion, parseQuestions } from "@/lib/domain/questions";

describe("normaliseQuestion", () => {
  it.each([
    ["Q3/20", "Q3/20"],
    ["3/20", "Q3/20"],
    ["q 3/20", "Q3/20"],
    ["Q.3/20", "Q3/20"],
    ["Q03/20", "Q3/20"],
    [" 3 / 20 ", "Q3/20"],
    ["Q3-20", "Q3-20"],
    ["  not a Question ", "not a Question"],
  ])("%j → %j", (input, expected) => {
    expect(normaliseQuestion(input)).toBe(expected);
  });
});

describe("parseQuestions", () => {
  it.each<[string, string[]]>([
    ["3/20", ["Q3/20"]],
    ["Q.3/20", ["Q3/20"]],
    ["3/20, 6/20", ["Q3/20", "Q6/20"]],
    ["Q3/20 and Q6/20", ["Q3/20", "Q6/20"]],
    ["3, 6/20", ["Q3/20", "Q6/20"]],
    ["3,6/20", ["Q3/20", "Q6/20"]],
    ["Q3/20; Q6/20", ["Q3/20", "Q6/20"]],
    ["Questions 3 and 6/20", ["Q3/20", "Q6/20"]],
    ["Question 3/20", ["Q3/20"]],
    ["Q2, Q3/20", ["Q2/20", "Q3/20"]],
    ["Q3/20 & Q6/20", ["Q3/20", "Q6/20"]],
    ["Q3/20, Q6", ["Q3/20", "Q6/20"]],
    ["3 / 20", ["Q3/20"]],
    ["Q 3/20", ["Q3/20"]],
    ["Q03/20", ["Q3/20"]],
    ["Q3/SG20", ["Q3/20"]],
    ["Q3/20\nQ6/20", ["Q3/20", "Q6/20"]],
    ["Q3/20\tQ6/20", ["Q3/20", "Q6/20"]],
    ["(Q3/20)", ["Q3/20"]],
    ["Q3/20, 3/20", ["Q3/20"]],
    ["3/20 (WP1/20)", ["Q3/20"]],
    ["Q1/17, Q4/20", ["Q1/17", "Q4/20"]],
    ["All Questions", []],
    ["", []],
  ])("%j → %j", (text, expected) => {
    expect(parseQuestions(text)).toEqual(expected);
  });

  it("lends the cover's study group to numbers that name none", () => {
    expect(parseQuestions("3, 6", "20")).toEqual(["Q3/20", "Q6/20"]);
    expect(parseQuestions("Q3", "SG20")).toEqual(["Q3/20"]);
    expect(parseQuestions("Q3", "Study Group 20")).toEqual([]);
    expect(parseQuestions("3, 6")).toEqual([]);
  });
});
