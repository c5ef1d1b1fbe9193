-- Weekly windows have both ends. The domain's check compares lower() and upper() with the week's
-- bounds; a window without an end gives null there, and a check lets null pass, so a direct API
-- write could store '{(,10080)}' or '{[3000,)}': the app's forms never send one, and the rules
-- that read windows (the keys of batch planning, the clash of two bookings) assume ends.
alter domain public.week_windows add constraint week_windows_bounded
  check (value is null or (not lower_inf(value) and not upper_inf(value)));
