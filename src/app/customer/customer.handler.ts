// A customer's Details button: the customer card with its charts, for those who may see the customer.
import type { ActionRef } from '../../ui/action.js';
import { answer, type Answer } from '../answer.js';
import type { FeatureHandlers, Interaction } from '../interaction/interaction-context.js';
import { teamTagLabels } from '../shared/view-text.js';
import { customerCard } from './customer.view.js';
import { canSeeCustomer, customerCardModel, customerCharts } from './customer.service.js';
import { currentReportWeek, digestWeekArg, idArg, notAllowed, staleButton } from '../interaction/interaction-context.js';
import { digestWeek } from '../interaction/source-card.js';

function showCustomerDetails(i: Interaction, ref: ActionRef): Answer {
  const customer = i.repos.customers.getCustomer(idArg(ref, 'customerId') ?? 0);
  if (!customer) return staleButton(i.locale);
  if (!canSeeCustomer(i, i.member, customer)) return notAllowed(i.locale);
  const week = digestWeekArg(i, ref) ?? digestWeek(i) ?? currentReportWeek(i.app, i.team);
  const model = { ...customerCardModel(i, customer, week), charts: customerCharts(i, customer, week, i.locale) };
  return answer.reply(customerCard(model, i.locale, teamTagLabels(i.settings)));
}

export const customerHandlers: FeatureHandlers = {
  actions: {
    'customer.details': showCustomerDetails,
  },
};
