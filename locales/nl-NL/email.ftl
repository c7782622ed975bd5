# Berichten die de worker per e-mail verstuurt.
email-code-subject = Verificatiecode van { $tenant }: { $code }
email-code-body =
    Hallo,

    Gebruik deze code om dit e-mailadres toe te voegen aan uw beveiligingsgegevens bij { $tenant }:

    { $code }

    De code verloopt over 10 minuten. Hebt u deze code niet aangevraagd? Dan kunt u dit bericht negeren; zonder de code verandert er niets.

email-reset-subject = Code om uw wachtwoord van { $tenant } opnieuw in te stellen: { $code }
email-reset-body =
    Hallo,

    Gebruik deze code om het wachtwoord van uw account bij { $tenant } opnieuw in te stellen:

    { $code }

    De code verloopt over 10 minuten. Hebt u hier niet om gevraagd, dan probeert iemand mogelijk uw wachtwoord opnieuw in te stellen: geef de code aan niemand.

email-password-changed-subject = Uw wachtwoord bij { $tenant } is gewijzigd
email-password-changed-body =
    Hallo,

    Het wachtwoord van uw account bij { $tenant } is zojuist opnieuw ingesteld, en alle apparaten die ermee waren aangemeld, zijn afgemeld.

    Was u dit niet, neem dan direct contact op met uw beheerder.
