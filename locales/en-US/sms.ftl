# Text messages the worker sends (keep each under 160 characters).
sms-code = { $code } is your { $tenant } verification code. It expires in 10 minutes. Don't share it.
sms-notice = Your { $tenant } sign-in methods changed. If this wasn't you, open the notice we emailed you or contact your administrator.
sms-caller = { $code } is your code for the { $tenant } help desk. Only read it to them if you called them.
