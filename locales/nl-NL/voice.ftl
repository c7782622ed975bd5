# Wat het telefoongesprek zegt (tekst naar spraak).
voice-confirm = Hallo. Dit is { $tenant }. Om { $purpose }, toetst u de twee cijfers op uw scherm in en daarna het hekje. Hebt u niet om dit gesprek gevraagd, hang dan gewoon op.
voice-repeat = We hebben geen toets gehoord.
voice-confirmed = Dank u. Uw telefoonnummer is bevestigd. Tot ziens.
voice-not-confirmed = Het nummer is niet bevestigd. Tot ziens.
voice-purpose-register = deze telefoon voor uw beveiligingsgegevens te bevestigen
voice-purpose-sign-in = u aan te melden
voice-purpose-reset = uw wachtwoord opnieuw in te stellen
