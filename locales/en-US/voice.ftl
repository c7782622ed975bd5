# What the phone call says (text to speech).
voice-confirm = Hello. This is { $tenant }, confirming the phone number for your security info. If you asked for this call, press the pound key. If you didn't, just hang up.
voice-repeat = We didn't get a key press.
voice-confirmed = Thank you. Your phone number is confirmed. Goodbye.
voice-not-confirmed = The number was not confirmed. Goodbye.
