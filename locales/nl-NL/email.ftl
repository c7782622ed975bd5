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

    { $report }

email-notice-subject = Uw beveiligingsgegevens bij { $tenant } zijn gewijzigd
email-notice-body =
    Hallo,

    { $change }

    Was u dit zelf, dan hoeft u niets te doen. { $report }
notice-added = Er is een aanmeldingsmethode aan uw account toegevoegd: { $method }.
notice-changed = Een aanmeldingsmethode van uw account is gewijzigd: { $method }.
notice-deleted = Er is een aanmeldingsmethode van uw account verwijderd: { $method }.
notice-default = Uw standaardaanmeldingsmethode is nu: { $method }.
notice-other = Uw beveiligingsgegevens zijn gewijzigd.
notice-access-pass = Een beheerder heeft een tijdelijke toegangspas voor uw account uitgegeven: daarmee kan iemand zich aanmelden en aanmeldingsmethoden toevoegen.
notice-recovery-used = Er is een herstelcode voor uw account gebruikt. Er zijn nog { $remaining } codes over; was u dit niet, stel dan nu uw wachtwoord opnieuw in.
notice-method-authenticator-app = authenticator-app
notice-method-phone = telefoon
notice-method-alternate-phone = alternatieve telefoon
notice-method-security-key = beveiligingssleutel
notice-method-email = e-mail
notice-method-security-questions = beveiligingsvragen
notice-method-app-password = app-wachtwoord
notice-method-recovery-codes = herstelcodes
email-report-link = Was u dit niet? Open binnen 7 dagen deze link: we melden alle apparaten af, draaien de wijziging waar mogelijk terug en vragen om een nieuw wachtwoord: { $link }
email-report-none = Was u dit niet, stel dan direct uw wachtwoord opnieuw in en neem contact op met uw beheerder.

email-caller-subject = Uw code voor de helpdesk van { $tenant }: { $code }
email-caller-body =
    Hallo,

    De helpdesk van { $tenant } vraagt u deze code voor te lezen, om te controleren dat u het bent aan de telefoon:

    { $code }

    De code verloopt over 10 minuten. Als u de helpdesk niet hebt gebeld, deel hem dan met niemand: iemand doet zich misschien voor als u.

email-invitation-subject = Stel uw account bij { $tenant } in
email-invitation-body =
    Hallo,

    Er is een account voor u gemaakt bij { $tenant }. Meld u aan met uw gebruikersnaam en deze eenmalige toegangspas, en voeg daarna een wachtwoord en uw aanmeldingsmethoden toe:

    Gebruikersnaam: { $username }
    Toegangspas: { $pass }

    { $link }

    De pas werkt één keer en verloopt over 7 dagen. Als u dit niet verwachtte, kunt u dit bericht negeren.
