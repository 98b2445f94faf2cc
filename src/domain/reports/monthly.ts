/**
 * The monthly reports for donors and grants: one for the welcome center, one
 * for the helpline, each a small set of numbers composed from the figures of
 * welcomeCenter.ts and helpline.ts over one calendar month.
 */
import {
  departuresInPeriod,
  receivedTotals,
  topDestinations,
  type ReportHousehold,
  type ReportLeg,
  type ReportPerson,
} from './welcomeCenter';
import {
  callbacksOnTime,
  callbacksOnTimeTotal,
  callsAnsweredPerMonth,
  casesHandled,
  firstCallResolution,
  type CallbackGroup,
  type FirstCallResolution,
  type ReportCall,
} from './helpline';
import { monthPeriod } from './period';

export interface WelcomeCenterMonthlyReport {
  month: string;
  families: number;
  people: number;
  children: number;
  departedFamilies: number;
  departedPeople: number;
  destinations: { key: string; count: number }[];
}

export function welcomeCenterMonthlyReport(
  month: string,
  siteId: string | undefined,
  data: { households: readonly ReportHousehold[]; people: readonly ReportPerson[]; legs: readonly ReportLeg[] },
  now: Date,
): WelcomeCenterMonthlyReport {
  const filter = { ...monthPeriod(month), siteId };
  const received = receivedTotals(data.households, data.people, filter);
  const departed = departuresInPeriod(data.legs, filter, now);
  return {
    month,
    ...received,
    departedFamilies: departed.length,
    departedPeople: departed.reduce((n, d) => n + d.people, 0),
    destinations: topDestinations(data.households, data.legs, filter, now, 10),
  };
}

export interface HelplineMonthlyReport {
  month: string;
  answered: number;
  cases: { escalated: number; voicemail: number; closed: number };
  firstCall: FirstCallResolution;
  callbacks: CallbackGroup;
  callbacksByUnit: CallbackGroup[];
  callbacksByLanguage: CallbackGroup[];
}

export function helplineMonthlyReport(
  month: string,
  siteId: string | undefined,
  calls: readonly ReportCall[],
  now: Date,
): HelplineMonthlyReport {
  const filter = { ...monthPeriod(month), siteId };
  const byUnit = callbacksOnTime(calls, filter, now, 'unit');
  return {
    month,
    answered: callsAnsweredPerMonth(calls, filter)[0]?.answered ?? 0,
    cases: casesHandled(calls, filter),
    firstCall: firstCallResolution(calls, filter),
    callbacks: callbacksOnTimeTotal(byUnit),
    callbacksByUnit: byUnit,
    callbacksByLanguage: callbacksOnTime(calls, filter, now, 'language'),
  };
}
