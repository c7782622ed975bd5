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

    { $report }

email-notice-subject = Your { $tenant } security info changed
email-notice-body =
    Hello,

    { $change }

    If this was you, there is nothing to do. { $report }
notice-added = A sign-in method was added to your account: { $method }.
notice-changed = A sign-in method of your account was changed: { $method }.
notice-deleted = A sign-in method was removed from your account: { $method }.
notice-default = Your default sign-in method is now: { $method }.
notice-other = Your security info was changed.
notice-access-pass = An administrator issued a Temporary Access Pass for your account: with it, someone can sign in and add sign-in methods.
notice-recovery-used = A recovery code was used for your account. { $remaining } codes are left; if this wasn't you, reset your password now.
notice-method-authenticator-app = authenticator app
notice-method-phone = phone
notice-method-alternate-phone = alternate phone
notice-method-security-key = security key
notice-method-email = email
notice-method-security-questions = security questions
notice-method-app-password = app password
notice-method-recovery-codes = recovery codes
email-report-link = Wasn't this you? Open this link within 7 days: we sign out every device, undo the change where we can, and ask for a new password: { $link }
email-report-none = If it wasn't you, reset your password right away and contact your administrator.

email-caller-subject = Your code for the { $tenant } help desk: { $code }
email-caller-body =
    Hello,

    The { $tenant } help desk asks you to read this code back to them, to check that it is you on the phone:

    { $code }

    The code expires in 10 minutes. If you did not call the help desk, don't share it with anyone: someone may be pretending to be you.

email-invitation-subject = Set up your { $tenant } account
email-invitation-body =
    Hello,

    An account was made for you at { $tenant }. Sign in with your username and this one-time access pass, then add a password and your sign-in methods:

    Username: { $username }
    Access pass: { $pass }

    { $link }

    The pass works once and expires in 7 days. If you didn't expect this, you can ignore this message.
