# Berichten die de worker per e-mail verstuurt.
email-code-subject = Verificatiecode van { $tenant }: { $code }
email-code-body =
    Hallo,

    Gebruik deze code om dit e-mailadres toe te voegen aan uw beveiligingsgegevens bij { $tenant }:

    { $code }

    De code verloopt over 10 minuten. Hebt u deze code niet aangevraagd? Dan kunt u dit bericht negeren; zonder de code verandert er niets.
