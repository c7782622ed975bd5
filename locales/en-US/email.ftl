# Messages the worker sends by email.
email-code-subject = { $tenant } verification code: { $code }
email-code-body =
    Hello,

    Use this code to add this email address to your security info at { $tenant }:

    { $code }

    The code expires in 10 minutes. If you didn't ask for it, you can ignore this message; nothing changes without the code.
