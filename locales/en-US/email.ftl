# Messages the worker sends by email.
email-code-subject = { $tenant } verification code: { $code }
email-code-body =
    Hello,

    Use this code to add this email address to your security info at { $tenant }:

    { $code }

    The code expires in 10 minutes. If you didn't ask for it, you can ignore this message; nothing changes without the code.

email-reset-subject = { $tenant } password reset code: { $code }
email-reset-body =
    Hello,

    Use this code to reset the password of your { $tenant } account:

    { $code }

    The code expires in 10 minutes. If you didn't ask for it, someone may be trying to reset your password: keep the code to yourself.

email-password-changed-subject = Your { $tenant } password was changed
email-password-changed-body =
    Hello,

    The password of your { $tenant } account was just reset, and every device signed in with it was signed out.

    If this wasn't you, contact your administrator right away.
