-- Suggestions are answered and adopted only through app.answer_suggestion and
-- app.adopt_suggestion, which check that the coordinator acts for an organisation of the
-- suggestion's town that they coordinate. The town's direct update (policy of 1100, column grants
-- on status and need_id) let a municipal coordinator adopt a suggestion into any organisation's
-- need, writing that organisation into the ledger, or blank the need of an adopted one.
drop policy "Municipal coordinators handle suggestions in their town" on public.need_suggestions;
revoke update on public.need_suggestions from authenticated;
revoke update (status, need_id) on public.need_suggestions from authenticated;
