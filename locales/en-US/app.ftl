## Shell
app-title = Security info
skip-to-content = Skip to content
language-en-US = English
language-nl-NL = Nederlands
language-label = Language
sign-out = Sign out
signed-in-as = Signed in as { $name }
loading = Loading…
dismiss = Dismiss
cancel = Cancel
close = Close

## Sign-in
sign-in-title = Sign in
sign-in-intro = Sign in to { $tenant } with your work or school account.
username-label = Email or username
password-label = Password
sign-in-button = Sign in
signing-in = Signing in…

## Security info page
security-info-intro = These are the methods you use to sign into your account or reset your password.
continue-needs-factor = The app you are signing in to asks for a second way to prove it's you. Add an authenticator app, a phone or a security key below, then continue.
continue-to-app = Continue to the app
default-method-label = Default sign-in method:
default-method-none = none yet: add an authenticator app, phone or security key
default-method-change = Change
add-method = Add method
methods-heading = Your methods
methods-empty = You haven't added any methods yet. Add one so you can reset your password or sign in when you can't use your password alone.
method-added-on = Added { $date }
method-last-used = Last used { $date }
method-delete = Delete
method-deleted = { $method } was deleted.

## Method names
method-authenticator-app = Authenticator app
method-phone = Phone
method-alternate-phone = Alternate phone
method-security-key = Security key
method-email = Email
method-security-questions = Security questions
method-app-password = App password
method-recovery-codes = Recovery codes

## Add method chooser
add-method-title = Add a method
add-method-question = Which method would you like to add?
add-method-choose = Choose a method
add-method-next = Add
add-method-none = There are no more methods you can add. If a method you expected is missing, your organization doesn't allow it: contact your administrator.
add-method-missing = Don't see a method? Your organization may not allow it. Choose another method or contact your administrator.

## Email method
email-label = Email address
code-on-its-way = The messaging service is slow right now: your code is on its way but may take a minute.

## Authenticator app
totp-next = Next
method-rename = Rename
rename-title = Rename method
rename-label = Name
rename-save = Save
renamed = Renamed to { $name }.

## Default sign-in method
default-method-app = Authenticator app - code ({ $name })
default-change-title = Change default method
default-change-question = Which method would you like to use to sign in?
default-confirm = Confirm
default-changed = Your default sign-in method is now { $method }.

## Second step
reauth-title = Confirm it's you

## Phone
default-method-phone = Phone - text ({ $number })
phone-mode-text = text message
phone-mode-call = call
default-method-phone-call = Phone - call ({ $number })
default-method-alternate = Alternate phone - call ({ $number })

## Security key
key-type-question = Choose the type of security key that you have.
key-usb = USB device
key-nfc = NFC device
key-usb-instructions = Have your key ready. When you choose Next, your browser asks you to insert the key into a USB port, enter its PIN (or create one) and touch the key's button or sensor.
key-nfc-instructions = Have your key ready. When you choose Next, your browser asks you to enter the key's PIN (or create one) and hold the key against your device's NFC reader.
key-name-label = Name this security key
key-name-hint = A name helps you tell your keys apart, for example "Blue YubiKey".
key-waiting = Waiting for your security key… Follow the instructions from your browser.
key-waiting-short = Waiting for your key…
key-added = Security key { $name } was added. You can now use it to sign in.
key-possibly-cloned = This key may have been copied: its sign-in counter went backwards. If you didn't expect this, delete it and add your key again.
method-turned-off = Turned off by your organization
method-suspended = On hold: added shortly before you reported a change that wasn't you. Keep it if it's yours, or delete it.
method-keep = Keep
method-kept = { $name } can be used again.
key-unsupported = This browser can't use security keys. Use a recent version of Edge, Chrome, Firefox or Safari.
key-insecure = Security keys only work on a secure (https) connection to this site.
key-cancelled = The security key request was cancelled, or the key was not accepted. Try again.
key-timed-out = The security key request timed out. Choose the button again and use your key within 5 minutes.
key-failed = Your browser couldn't use the security key. Try again or use another key.
default-method-key = Security key ({ $name })
default-method-recovery = Recovery code
verify-key-prompt = Use your security key ({ $name }). When your browser asks, insert or tap the key, enter its PIN and touch it.
verify-use-key = Use my security key

## Keep your account secure (setup wizard)

## Admin
admin-link = Admin
admin-users-link = Users
admin-settings-link = Policy and settings

## Security questions
questions-count = { $count ->
    [one] 1 question answered
   *[other] { $count } questions answered
}
recovery-remaining = { $remaining } of { $total } codes left
recovery-regenerate = Regenerate

## Password reset
reset-link = Forgot my password
signin-with-pass = Use a Temporary Access Pass instead
signin-with-password = Use my password instead
signin-passkey = Sign in with a passkey
pass-label = Temporary Access Pass
access-pass-banner = You signed in with a Temporary Access Pass, valid until { $time }. Add the sign-in methods you need now. To change or delete methods, sign in with your password later.

## App passwords

## Recent activity
activity-title = Recent activity

## Delete confirmation
delete-title = Delete method
delete-question = Are you sure you want to delete { $method }?
delete-warning = This cannot be undone. To use this method again you have to add it from scratch.
delete-confirm = Yes
deleting = Deleting…

## Errors (one per API error code)
error-bad-request = The request was not understood. Reload the page and try again.
error-unsupported-media-type = This request must be sent as JSON (application/json).
error-unknown-field = The request contains a field this service does not know. Reload the page and try again.
error-body-too-large = What you sent is too large.
error-csrf-rejected = Your page is out of date. Reload it and try again.
error-not-found = That page or organization doesn't exist.
error-method-not-allowed = That action isn't possible here.
error-unauthenticated = Your session has ended. Sign in again.
error-invalid-credentials = Your account or password is incorrect.
error-too-many-attempts = Too many attempts. Wait { $wait } and try again.
error-invalid-email = Enter a valid email address, like name@example.com.
error-method-not-offered = You can't add this method. Choose another method or contact your administrator.
error-method-turned-off = Your organization has turned this method off. Choose another way.
error-method-suspended = This method is on hold since you reported a change. Sign in another way, then keep or delete it on Security info.
error-invalid-code = { $attempts ->
    [none] That code isn't right. Check it and try again.
    [one] That code isn't right. Check it and try again (1 try left).
   *[other] That code isn't right. Check it and try again ({ $attempts } tries left).
}
error-code-expired = This code has expired. Send a new code.
error-code-locked = Too many wrong codes. Send a new code, or start again.
error-no-pending-verification = There is no code waiting for you. Start again.
wait-seconds = { $seconds ->
    [one] 1 second
   *[other] { $seconds } seconds
}
wait-minutes = { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
error-method-not-found = That method no longer exists. The list has been refreshed.
error-delivery-failed = We couldn't send the message. Try again in a moment.
error-second-step-required = Finish signing in first: confirm it's you with your sign-in method.
error-recent-second-step-required = To change your security info, confirm it's you again.
error-invalid-name = Enter a name of 1 to 64 characters.
error-not-mfa-capable = This method can't be used to sign in. Choose another one.
error-key-rejected = The security key's answer couldn't be verified. Try again, or use another key.
error-key-not-verified = Your key didn't check your PIN or fingerprint. Set up a PIN on the key and try again.
error-key-already-registered = This security key is already registered. Use another key.
error-key-cloned = This security key can't be used: it may have been copied. Sign in another way and check your security info.
error-key-expired = The security key request expired. Start again.
error-forbidden = Only your organization's administrators can do this.
error-setup-required = Your organization needs more information to keep your account secure: set up the methods it asks for first.
error-app-password-required = Use an app password here: your account uses two-step verification.
error-access-pass-invalid = That pass isn't right, has expired or was already used. Ask your administrator for a new one.
error-access-pass-limited = With a Temporary Access Pass you can only add sign-in methods. Sign in with your password to change or delete them.
error-invalid-lifetime = Choose a lifetime from 10 minutes to 8 hours.
error-user-not-found = There's no user with that name in your organization.
error-password-reset-required = Your password was blocked after you reported a change you didn't make. Reset your password to sign in again.
error-other = Something went wrong ({ $code }). Try again, or ask your help desk.
error-internal = Something went wrong on our side. Try again in a moment.
error-network = We can't reach the server. Check your connection and try again.
error-timeout = The server took too long to answer. Check your connection and try again.
error-reference = (Reference: { $id })
error-part-not-loaded = This part of the page could not load. Check your connection, or reload the page.
error-account-disabled = Your account is turned off. Ask your organization's help desk.

## Account health (Security info page)
health-title = Account health
health-fix-add = Add a method
health-fix-remove = Remove { $method }
advice-no-mfa-method = You have no method for the second sign-in step yet. Add an authenticator app, a phone or a security key.
advice-single-mfa-method = You have only one method for the second sign-in step. If you lose it, you can't sign in: add a second one.
advice-one-device = Your authenticator app and your phone are probably the same device. Add a security key or another phone, in case you lose it.
advice-phone-only = You only use your phone, by text or call. An authenticator app or a security key protects you better against SIM swaps and phishing.
advice-no-reset-method = { $required ->
    [one] To reset your password yourself you need 1 method that counts for it; you have { $registered }. Add one.
   *[other] To reset your password yourself you need { $required } methods that count for it; you have { $registered }. Add one.
}
advice-unused = { $days ->
    [one] { $method } hasn't been used for a day. If you no longer have it, remove it.
   *[other] { $method } hasn't been used for { $days } days. If you no longer have it, remove it.
}

## Can't sign in?
help-link = Can't sign in?

## My Profile and the password
menu = Menu
profile-title = My Profile
everywhere-done = You were signed out everywhere.
session-ended = Your session ended, so you were signed out. Sign in again to carry on where you were.
devices-title = Devices
devices-show = Show where you're signed in
