# What the phone call says (text to speech).
voice-confirm = Hello. This is { $tenant }. To { $purpose }, type the two digits shown on your screen, then press the pound key. If you didn't ask for this call, just hang up.
voice-repeat = We didn't get a key press.
voice-confirmed = Thank you. Your phone number is confirmed. Goodbye.
voice-not-confirmed = The number was not confirmed. Goodbye.
voice-purpose-register = confirm this phone for your security info
voice-purpose-sign-in = sign in
voice-purpose-reset = reset your password
