# What the parts that load on demand say (the method flows, the second step, the
# wizard, the rarer pages, the password reset): fetched with the first of them.
## Security info page
connected-apps-title = Connected apps
connected-apps-intro = Your organization's apps you signed in to with this account. Sign out of one to end its access; it asks you to sign in again next time.
connected-apps-row = signed in { $date }
connected-apps-sign-out = Sign out
connected-apps-sign-out-label = Sign out of { $app }
connected-apps-signed-out = You were signed out of { $app }.

## Email method
email-title = Email
email-verify-title = Verify your email
email-question = What email would you like to use?
email-hint = Use a personal address, not your work or school email.
email-send = Next
email-sending = Sending…
email-sent = We just sent a code to { $address }.
code-label = Enter the code
code-resend = Resend code
code-resend-in = Resend code in { $seconds } s
code-resent = We sent a new code.
code-verify = Done
code-next = Next
code-verifying = Checking…
code-back = Back
email-added = Email { $address } was added. You can now use it to reset your password.

## Authenticator app
totp-get-title = Start by getting the app
totp-get-body = On your phone, install an authenticator app, such as Microsoft Authenticator. After you install it, choose Next.
totp-download = Download now
totp-other = I want to use a different authenticator app
totp-other-body = Any app that shows time-based six-digit codes works, for example Google Authenticator, Authy, 1Password or FreeOTP.
totp-setup-title = Set up your account
totp-setup-body = In your app, add an account and choose "Other account" (or "Work or school account"). Then choose Next to see a QR code.
totp-creating = Creating your key…
totp-scan-title = Scan the QR code
totp-scan-body = Use your authenticator app to scan the QR code. This connects the app with your account. After you scan it, choose Next.
totp-qr-alt = QR code that adds { $account } to an authenticator app
totp-cant-scan = Can't scan image?
totp-manual = Enter these details in your app instead:
totp-account-name = Account name
totp-secret-key = Secret key
totp-url = URL
totp-code-title = Enter code
totp-code-body = Enter the 6-digit code shown in the authenticator app.
totp-name-label = Name for this app
totp-code-label = Code
totp-back = Back
totp-done = Done
totp-checking = Checking…
totp-added = Authenticator app { $name } was added.

## Second step
verify-title = Verify your identity
verify-app-prompt = Enter the code shown in the authenticator app on your mobile device ({ $name }).
verify-code-label = Code
verify-button = Verify
verifying = Verifying…
verify-other = Sign in another way
verify-choose = Choose how to verify your identity
reauth-body = To change your security info, confirm it's you with one of your sign-in methods.
reauth-done = Thanks. You can change your security info for the next 10 minutes.

## Phone
phone-title = Phone
phone-country-search = Search countries or regions (name or calling code)
phone-country-label = Country or region
phone-number-label = Phone number
phone-example = For example: { $example }.
phone-number-hint = Extensions aren't supported: if you type one, we remove it and use the main number.
phone-rates = Message and data rates may apply.
phone-text-me = Text me a code
phone-sent = We just sent a 6-digit code to { $number }. Enter the code below.
phone-extension-removed = We removed the extension: codes go to the main number.
phone-extension-removed-call = We removed the extension: we call the main number.
phone-added = Phone { $number } was added. You can now use it to sign in and to reset your password.
verify-phone-prompt = We'll text a code to { $number }.
verify-send-code = Text me a code
verify-code-sent = We texted a code to { $number }. Enter it below.
phone-call-me = Call me
phone-call-title = Answer the call
phone-calling = We're calling { $number }. Answer, type { $digits } on the keypad, then press # (the pound key).
phone-call-waiting = Waiting for you to answer…
phone-call-failed = We couldn't reach you. Check the number and try again.
phone-try-again = Try again
verify-call-prompt = We'll call { $number }. Answer, then type the two digits this page shows and press #.
verify-call-me = Call me

## Keep your account secure (setup wizard)
setup-required-title = More information required
setup-required-body = Your organization needs more information to keep your account secure.
setup-skip-until = You can skip this until { $date }.
setup-skip = Skip for now
setup-wizard-title = Keep your account secure
setup-wizard-body = Your organization requires you to set up the following methods of proving who you are.
setup-progress = Method { $step } of { $total }: { $method }
setup-steps-label = Methods to set up
setup-step-done = (done)
setup-different = I want to set up a different method
setup-choose = Choose a different method
setup-step-success = { $kind ->
    [authenticator-app] App verified
    [phone] Phone verified
    [alternate-phone] Phone verified
    [email] Email verified
    [security-key] Security key registered
    [security-questions] Answers saved
   *[other] Method set up
}
setup-step-success-body = Your security info was updated: you can use { $method } to prove who you are.
setup-success-title = Success!
setup-success-body = Great job! You have successfully set up your security info. Choose Done to continue.

## Security questions
questions-intro = { $count ->
    [one] Choose 1 question and answer it. You'll answer it if you forget your password.
   *[other] Choose { $count } questions and answer them. You'll answer some of them if you forget your password.
}
questions-number = Question { $number }
questions-choose = Question
questions-select = Choose a question
questions-answer = Your answer
questions-hint = Answers need at least { $length } characters, can't repeat the question or each other, and aren't case-sensitive. We never show them again.
questions-added = Your security questions were saved. You can use them to reset your password.
recovery-intro = Recovery codes let you sign in or reset your password when your phone or security key is not at hand. You get 10 codes; each works once. Keep them somewhere safe, such as a password manager.
recovery-replace-warning = Your current recovery codes stop working when you create new ones.
recovery-create = Create codes
recovery-once = Here are your recovery codes. They're shown only once: copy or download them now.
recovery-download = Download (.txt)
recovery-advice = Each code works once. When only a few are left, regenerate them here.
recovery-added = Your recovery codes are ready.
recovery-code-label = Recovery code
recovery-code-hint = 12 letters and digits, for example abcd-efgh-jkmn. Each code works once.
verify-recovery-prompt = Enter one of your recovery codes.

## Password reset
report-title = This wasn't me
report-intro = Someone may have changed your account. When you confirm, we will:
report-step-sessions = Sign out every device that is signed in to your account.
report-step-undo = Undo the change, where that's possible.
report-step-password = Block your password: you then choose a new one with "Forgot my password".
report-confirm = Secure my account
report-done = Done: every device was signed out and your password is blocked.
report-reset = Reset my password
report-no-reset = You have no other method left to prove it's you, so you can't reset your password yourself. Contact your help desk: they can check who you are and give you a Temporary Access Pass.
reset-title = Get back into your account
reset-intro = To reset your password, enter your email, phone or username.
reset-checking = Checking…
reset-working = Making sure this is a browser, not a robot…
reset-if-exists = If this account exists, it can be verified with the methods below.
reset-step = Verification step { $step } of { $total }
reset-choose = Choose the method we should use to verify it's you
reset-code-sent = We sent a code to { $destination }. Enter it below.
reset-key-prompt = When your browser asks, insert or tap your security key, enter its PIN and touch it.
reset-new-intro = Choose a new password.
reset-new-password = New password
reset-password-hint = At least 8 characters. Common passwords and your own name aren't accepted.
reset-confirm-password = Confirm new password
reset-mismatch = The passwords don't match.
reset-finish = Finish
reset-done = Your password has been reset. Every device signed in with your old password was signed out.

## App passwords
app-password-intro = Some apps, like older mail apps, can't do two-step verification. Give the app a name, then use the password we create instead of your own password in that app.
app-password-name = Name (for example, Outlook 2010)
app-password-once = Here is your app password. It's shown only once: copy it now and paste it into the app.
app-password-advice = Use one app password per device, not per app. You can have at most 40.
app-password-added = App password { $name } was added.

## Can't sign in?
help-title = Can't sign in?
help-intro = Here is what you can do, depending on what went wrong.
help-password-title = Forgot your password?
help-password-body = Reset it yourself with the methods you registered: a code by email or text, your authenticator app, your security questions.
help-other-method-title = Don't have your phone or app with you?
help-other-method-body = After your password, choose "Sign in another way" and use another method you registered: a text to another phone, a security key or a recovery code.
help-access-pass-title = Lost all your methods?
help-access-pass-body = Ask your help desk for a Temporary Access Pass: a time-limited pass to sign in once and register new methods.
help-support-title = Contact your help desk
help-support-web = Help desk web page
help-support-none = Your organization hasn't named a help desk here: contact your organization's administrator.
help-back-sign-in = Back to sign in
help-back-security-info = Back to Security info

## My Profile and the password
profile-name = Name
profile-username = Username
profile-email = Work email
profile-organization = Organization
profile-security-info-hint = Your sign-in methods for two-step verification and password reset.
profile-activity-hint = Sign-ins and changes to your security info.
profile-password-hint = Choose a new password.
password-title = Change password
password-intro = Enter your current password, then choose a new one. You stay signed in here; every other browser and device is signed out.
password-current = Current password
password-button = Change password
password-changed = Your password was changed. Every other browser and device was signed out.
everywhere-title = Sign out everywhere
everywhere-body = Signs you out of every browser, device and app you signed in to with this account, this one too. Use it if you lost a device or signed in on a computer that isn't yours.
everywhere-button = Sign out everywhere
everywhere-question = Sign out of every browser, device and app, this one too?

## Errors only this part meets
error-current-password-wrong = Your current password isn't right.
error-work-email-not-allowed = This can't be your work or school email. Use a personal address.
error-resend-too-soon = Wait { $wait } before asking for a new code.
error-second-step-locked = Too many wrong codes. Sign-in with a second step is locked for 24 hours: your administrator can unlock it sooner.
error-code-already-used = That code was already used. Wait for your app to show a new one.
error-recovery-code-used = That recovery code was already used. Each code works once: try another one.
error-invalid-phone = Enter a valid phone number for the country you chose.
error-country-not-allowed = Your organization doesn't allow phone numbers from that country. Use another number or contact your administrator.
error-skip-not-allowed = You can't skip this any more. Set up your security info now.
error-answers-wrong-count = Answer every question.
error-question-not-offered = Choose each question from the list.
error-question-repeated = Choose a different question for each answer.
error-answer-too-short = Each answer needs at least 3 characters.
error-answer-is-question = An answer can't be the question itself.
error-answer-repeated = Give a different answer to each question.
error-reset-disabled = Your organization doesn't let you reset your password yourself. Contact your administrator.
error-work-required = Your browser couldn't finish the check. Try again.
error-reset-not-enough-methods = You can't reset your password here because you haven't set up enough verification methods. Contact your administrator.
error-reset-incomplete = Verify with the methods asked for first.
error-reset-expired = This password reset took too long. Start again.
error-reset-locked = Too many wrong tries for this password reset. Start again.
error-wrong-answers = One or more answers are wrong. Try again.
error-password-length = Use at least 8 characters.
error-password-too-short-alone = Use at least 15 characters: your password is your only way to sign in. (With an authenticator app or phone, 8 are enough.)
error-password-common = This password is too common. Choose one that's harder to guess.
error-password-contains-username = Your password can't contain your username.
error-too-many-app-passwords = You have 40 app passwords, the most you can have. Delete one you no longer use first.
error-report-invalid = This link doesn't work: it was already used, has expired (after 7 days) or is incomplete. If you still think someone changed your account, reset your password and contact your administrator.

## Moved from app.ftl: only chunks say these
copy = Copy
copied = Copied
email-code-hint = The code expires in 10 minutes. Can't find the email? Check your Junk or Spam folder and make sure the address is right.
phone-question = You can prove who you are by receiving a code on your phone. What phone number would you like to use?
phone-code-hint = The code expires in 10 minutes. Didn't get it? Check the number, then resend.
phone-call-added = Phone { $number } was added. We'll call it when you sign in.
alternate-phone-title = Alternate phone
alternate-phone-question = Add an office phone or landline we can call. Codes are never texted to it.
alternate-phone-added = Alternate phone { $number } was added.
setup-app-passwords-required = Your organization requires an app password for apps that can't do two-step verification. Create one to finish setting up.
recovery-file-title = Recovery codes for { $account } at { $organization }, made { $date }. Each code works once; a new set voids this one.
report-undone = The change was undone.
report-not-undone = This change can't be undone automatically. Check your security info after you reset your password.
reset-option-email = Email my alternate email ({ $label })
reset-option-phone = Text my mobile phone ({ $label })
reset-option-alternate = Call my office phone ({ $label })
reset-option-app = Enter a code from my authenticator app
reset-option-key = Use my security key
reset-option-questions = Answer my security questions
reset-option-recovery = Enter a recovery code
reset-send-email = Email
reset-send-text = Text
setup-app-passwords = Your organization uses app passwords for apps that can't do two-step verification. This step is optional: create one now, or choose Cancel to finish without one (you can add one later on Security info).
activity-intro = Sign-ins and changes to your security info. If you don't recognize something, reset your password and contact your administrator.
activity-empty = Nothing yet.
activity-more = Show older activity
activity-meta = { $date } · { $place } · { $device }
activity-signed-in = Signed in with your password
activity-sign-in-failed = Sign-in failed: wrong password
activity-second-step = Verified it was you with: { $method }
activity-second-step-failed = A wrong code was entered at sign-in
activity-method-added = Method added: { $method }
activity-method-changed = Method changed: { $method }
activity-method-deleted = Method deleted: { $method }
activity-default-changed = Default sign-in method changed to: { $method }
activity-password-reset = Password reset
activity-password-changed = Password changed
activity-signed-out-everywhere = Signed out everywhere
activity-signed-out-device = Signed out another device
activity-device = { $browser } on { $system }
activity-device-unknown = unknown device
activity-app-password-created = App password created: { $name }
activity-app-password-used = App password used: { $name }
activity-signed-in-access-pass = Signed in with a Temporary Access Pass
activity-access-pass-issued = An administrator issued a Temporary Access Pass for you
activity-change-reported = Reported a change as not made by you ("This wasn't me")
activity-recovery-code-used = Recovery code used ({ $remaining } left)
activity-app-password-deleted = App password deleted: { $name }
activity-signed-in-to-app = Signed in to { $app }
devices-intro = Where you're signed in with this account. Sign out of a device you don't recognize or no longer use; if you don't recognize one, change your password too.
devices-this = This device
devices-row = Signed in { $signed } · last active { $active }
devices-place-unknown = location unknown
devices-sign-out = Sign out
devices-sign-out-label = Sign out { $device }
devices-signed-out = { $device } was signed out.
