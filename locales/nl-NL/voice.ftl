# Wat het telefoongesprek zegt (tekst naar spraak).
voice-confirm = Hallo. Dit is { $tenant }. We bevestigen het telefoonnummer voor uw beveiligingsgegevens. Hebt u om dit gesprek gevraagd, druk dan op het hekje. Zo niet, hang dan gewoon op.
voice-repeat = We hebben geen toets gehoord.
voice-confirmed = Dank u. Uw telefoonnummer is bevestigd. Tot ziens.
voice-not-confirmed = Het nummer is niet bevestigd. Tot ziens.
