# What the parts that load on demand say (the method flows, the second step, the
# wizard, the rarer pages, the password reset): fetched with the first of them.
## Security info page
connected-apps-title = Verbonden apps
connected-apps-intro = De apps van uw organisatie waarbij u zich met dit account hebt aangemeld. Meld u bij een app af om de toegang te beëindigen; de volgende keer vraagt de app u opnieuw aan te melden.
connected-apps-row = aangemeld op { $date }
connected-apps-sign-out = Afmelden
connected-apps-sign-out-label = Afmelden bij { $app }
connected-apps-signed-out = U bent afgemeld bij { $app }.

## Email method
email-title = E-mail
email-verify-title = Bevestig uw e-mailadres
email-question = Welk e-mailadres wilt u gebruiken?
email-hint = Gebruik een persoonlijk adres, niet het e-mailadres van uw werk- of schoolaccount.
email-send = Volgende
email-sending = Bezig met verzenden…
email-sent = We hebben zojuist een code verzonden naar { $address }.
code-label = Voer de code in
code-resend = Code opnieuw verzenden
code-resend-in = Code opnieuw verzenden over { $seconds } s
code-resent = We hebben een nieuwe code verzonden.
code-verify = Gereed
code-next = Volgende
code-verifying = Bezig met controleren…
code-back = Terug
email-added = E-mailadres { $address } is toegevoegd. U kunt het nu gebruiken om uw wachtwoord opnieuw in te stellen.

## Authenticator app
totp-get-title = Begin met het downloaden van de app
totp-get-body = Installeer op uw telefoon een authenticator-app, zoals Microsoft Authenticator. Kies Volgende nadat u de app hebt geïnstalleerd.
totp-download = Nu downloaden
totp-other = Ik wil een andere verificator-app gebruiken
totp-other-body = Elke app die op tijd gebaseerde codes van zes cijfers toont, werkt, bijvoorbeeld Google Authenticator, Authy, 1Password of FreeOTP.
totp-setup-title = Uw account instellen
totp-setup-body = Voeg in uw app een account toe en kies "Ander account" (of "Werk- of schoolaccount"). Kies daarna Volgende om een QR-code te zien.
totp-creating = Uw sleutel wordt gemaakt…
totp-scan-title = De QR-code scannen
totp-scan-body = Scan de QR-code met uw authenticator-app. Daarmee koppelt u de app aan uw account. Kies Volgende nadat u de code hebt gescand.
totp-qr-alt = QR-code die { $account } toevoegt aan een authenticator-app
totp-cant-scan = Kunt u de afbeelding niet scannen?
totp-manual = Voer in plaats daarvan deze gegevens in uw app in:
totp-account-name = Accountnaam
totp-secret-key = Geheime sleutel
totp-url = URL
totp-code-title = Code invoeren
totp-code-body = Voer de code van 6 cijfers in die de authenticator-app toont.
totp-name-label = Naam voor deze app
totp-code-label = Code
totp-back = Terug
totp-done = Gereed
totp-checking = Bezig met controleren…
totp-added = Authenticator-app { $name } is toegevoegd.

## Second step
verify-title = Uw identiteit verifiëren
verify-app-prompt = Voer de code in die wordt weergegeven in de authenticator-app op uw mobiele apparaat ({ $name }).
verify-code-label = Code
verify-button = Verifiëren
verifying = Bezig met verifiëren…
verify-other = Op een andere manier aanmelden
verify-choose = Kies hoe u uw identiteit wilt verifiëren
reauth-body = Bevestig met een van uw aanmeldingsmethoden dat u het bent om uw beveiligingsgegevens te wijzigen.
reauth-done = Bedankt. U kunt uw beveiligingsgegevens de komende 10 minuten wijzigen.

## Phone
phone-title = Telefoon
phone-country-search = Zoek een land of regio (naam of landnummer)
phone-country-label = Land of regio
phone-number-label = Telefoonnummer
phone-example = Bijvoorbeeld: { $example }.
phone-number-hint = Toestelnummers worden niet ondersteund: als u er een invoert, verwijderen we het en gebruiken we het hoofdnummer.
phone-rates = Er kunnen kosten voor berichten en gegevens in rekening worden gebracht.
phone-text-me = Sms-code naar mij verzenden
phone-sent = We hebben zojuist een code van 6 cijfers verzonden naar { $number }. Voer de code hieronder in.
phone-extension-removed = We hebben het toestelnummer verwijderd: codes gaan naar het hoofdnummer.
phone-extension-removed-call = We hebben het toestelnummer verwijderd: we bellen het hoofdnummer.
phone-added = Telefoon { $number } is toegevoegd. U kunt deze nu gebruiken om u aan te melden en om uw wachtwoord opnieuw in te stellen.
verify-phone-prompt = We sturen een code per sms naar { $number }.
verify-send-code = Sms-code naar mij verzenden
verify-code-sent = We hebben een code per sms verzonden naar { $number }. Voer deze hieronder in.
phone-call-me = Bel mij
phone-call-title = Neem de oproep aan
phone-calling = We bellen { $number }. Neem op, toets { $digits } in en druk daarna op # (hekje).
phone-call-waiting = We wachten tot u opneemt…
phone-call-failed = We konden u niet bereiken. Controleer het nummer en probeer het opnieuw.
phone-try-again = Opnieuw proberen
verify-call-prompt = We bellen { $number }. Neem op, toets de twee cijfers op deze pagina in en druk op #.
verify-call-me = Bel mij

## Keep your account secure (setup wizard)
setup-required-title = Meer informatie vereist
setup-required-body = Uw organisatie heeft meer informatie nodig om uw account veilig te houden.
setup-skip-until = U kunt dit overslaan tot { $date }.
setup-skip = Nu overslaan
setup-wizard-title = Uw account veilig houden
setup-wizard-body = Uw organisatie vereist dat u de volgende methoden instelt om te bewijzen wie u bent.
setup-progress = Methode { $step } van { $total }: { $method }
setup-steps-label = In te stellen methoden
setup-step-done = (klaar)
setup-different = Ik wil een andere methode instellen
setup-choose = Kies een andere methode
setup-step-success = { $kind ->
    [authenticator-app] App geverifieerd
    [phone] Telefoon geverifieerd
    [alternate-phone] Telefoon geverifieerd
    [email] E-mail geverifieerd
    [security-key] Beveiligingssleutel geregistreerd
    [security-questions] Antwoorden opgeslagen
   *[other] Methode ingesteld
}
setup-step-success-body = Uw beveiligingsgegevens zijn bijgewerkt: u kunt { $method } gebruiken om te bewijzen wie u bent.
setup-success-title = Gelukt!
setup-success-body = Goed gedaan! U hebt uw beveiligingsgegevens ingesteld. Kies Gereed om door te gaan.

## Security questions
questions-intro = { $count ->
    [one] Kies 1 vraag en beantwoord die. Als u uw wachtwoord vergeet, beantwoordt u die.
   *[other] Kies { $count } vragen en beantwoord ze. Als u uw wachtwoord vergeet, beantwoordt u er een paar.
}
questions-number = Vraag { $number }
questions-choose = Vraag
questions-select = Kies een vraag
questions-answer = Uw antwoord
questions-hint = Antwoorden hebben minstens { $length } tekens, mogen de vraag of elkaar niet herhalen en zijn niet hoofdlettergevoelig. We tonen ze nooit meer.
questions-added = Uw beveiligingsvragen zijn opgeslagen. U kunt er uw wachtwoord mee opnieuw instellen.
recovery-intro = Met herstelcodes kunt u zich aanmelden of uw wachtwoord opnieuw instellen wanneer uw telefoon of beveiligingssleutel niet bij de hand is. U krijgt 10 codes; elke code werkt één keer. Bewaar ze op een veilige plek, bijvoorbeeld in een wachtwoordbeheerder.
recovery-replace-warning = Uw huidige herstelcodes werken niet meer zodra u nieuwe maakt.
recovery-create = Codes maken
recovery-once = Dit zijn uw herstelcodes. Ze worden maar één keer getoond: kopieer of download ze nu.
recovery-download = Downloaden (.txt)
recovery-advice = Elke code werkt één keer. Zijn er nog maar een paar over, maak dan hier nieuwe.
recovery-added = Uw herstelcodes staan klaar.
recovery-code-label = Herstelcode
recovery-code-hint = 12 letters en cijfers, bijvoorbeeld abcd-efgh-jkmn. Elke code werkt één keer.
verify-recovery-prompt = Voer een van uw herstelcodes in.

## Password reset
report-title = Dit was ik niet
report-intro = Misschien heeft iemand anders uw account gewijzigd. Als u bevestigt, doen we het volgende:
report-step-sessions = Alle apparaten afmelden die bij uw account zijn aangemeld.
report-step-undo = De wijziging terugdraaien, waar dat kan.
report-step-password = Uw wachtwoord blokkeren: daarna kiest u een nieuw via "Ik ben mijn wachtwoord vergeten".
report-confirm = Mijn account beveiligen
report-done = Klaar: alle apparaten zijn afgemeld en uw wachtwoord is geblokkeerd.
report-reset = Mijn wachtwoord opnieuw instellen
report-no-reset = U hebt geen andere methode meer om te bewijzen dat u het bent, dus u kunt uw wachtwoord niet zelf opnieuw instellen. Neem contact op met uw helpdesk: die kan controleren wie u bent en u een tijdelijke toegangspas geven.
reset-title = Weer toegang tot uw account
reset-intro = Voer uw e-mailadres, telefoonnummer of gebruikersnaam in om uw wachtwoord opnieuw in te stellen.
reset-checking = Bezig met controleren…
reset-working = Controleren of dit een browser is en geen robot…
reset-if-exists = Als dit account bestaat, kan het met de onderstaande methoden worden gecontroleerd.
reset-step = Verificatiestap { $step } van { $total }
reset-choose = Kies de methode waarmee we controleren dat u het bent
reset-code-sent = We hebben een code naar { $destination } gestuurd. Voer deze hieronder in.
reset-key-prompt = Steek uw beveiligingssleutel erin of houd hem tegen het apparaat als uw browser daarom vraagt, voer de pincode in en raak de sleutel aan.
reset-new-intro = Kies een nieuw wachtwoord.
reset-new-password = Nieuw wachtwoord
reset-password-hint = Minstens 8 tekens. Veelgebruikte wachtwoorden en uw eigen naam worden niet geaccepteerd.
reset-confirm-password = Nieuw wachtwoord bevestigen
reset-mismatch = De wachtwoorden komen niet overeen.
reset-finish = Voltooien
reset-done = Uw wachtwoord is opnieuw ingesteld. Alle apparaten die met uw oude wachtwoord waren aangemeld, zijn afgemeld.

## App passwords
app-password-intro = Sommige apps, zoals oudere e-mailapps, kunnen geen verificatie in twee stappen. Geef de app een naam en gebruik in die app het wachtwoord dat wij maken in plaats van uw eigen wachtwoord.
app-password-name = Naam (bijvoorbeeld Outlook 2010)
app-password-once = Dit is uw app-wachtwoord. Het wordt maar één keer getoond: kopieer het nu en plak het in de app.
app-password-advice = Gebruik één app-wachtwoord per apparaat, niet per app. U kunt er maximaal 40 hebben.
app-password-added = App-wachtwoord { $name } is toegevoegd.

## Kunt u zich niet aanmelden?
help-title = Kunt u zich niet aanmelden?
help-intro = Dit kunt u doen, afhankelijk van wat er misging.
help-password-title = Wachtwoord vergeten?
help-password-body = Stel het zelf opnieuw in met de methoden die u hebt geregistreerd: een code per e-mail of sms, uw authenticator-app, uw beveiligingsvragen.
help-other-method-title = Hebt u uw telefoon of app niet bij de hand?
help-other-method-body = Kies na uw wachtwoord "Op een andere manier aanmelden" en gebruik een andere methode die u hebt geregistreerd: een sms naar een andere telefoon, een beveiligingssleutel of een herstelcode.
help-access-pass-title = Bent u al uw methoden kwijt?
help-access-pass-body = Vraag uw helpdesk om een tijdelijke toegangspas: een pas met beperkte geldigheid om u eenmaal aan te melden en nieuwe methoden te registreren.
help-support-title = Neem contact op met uw helpdesk
help-support-web = Webpagina van de helpdesk
help-support-none = Uw organisatie heeft hier geen helpdesk opgegeven: neem contact op met de beheerder van uw organisatie.
help-back-sign-in = Terug naar aanmelden
help-back-security-info = Terug naar Beveiligingsgegevens

## Mijn profiel en het wachtwoord
profile-name = Naam
profile-username = Gebruikersnaam
profile-email = E-mailadres (werk)
profile-organization = Organisatie
profile-security-info-hint = Uw aanmeldingsmethoden voor verificatie in twee stappen en het opnieuw instellen van uw wachtwoord.
profile-activity-hint = Aanmeldingen en wijzigingen in uw beveiligingsgegevens.
profile-password-hint = Kies een nieuw wachtwoord.
password-title = Wachtwoord wijzigen
password-intro = Voer uw huidige wachtwoord in en kies daarna een nieuw wachtwoord. U blijft hier aangemeld; elke andere browser en elk ander apparaat wordt afgemeld.
password-current = Huidig wachtwoord
password-button = Wachtwoord wijzigen
password-changed = Uw wachtwoord is gewijzigd. Elke andere browser en elk ander apparaat is afgemeld.
everywhere-title = Overal afmelden
everywhere-body = Meldt u af bij elke browser, elk apparaat en elke app waar u met dit account bent aangemeld, ook hier. Gebruik dit als u een apparaat kwijt bent of op een computer van een ander bent aangemeld.
everywhere-button = Overal afmelden
everywhere-question = Afmelden bij elke browser, elk apparaat en elke app, ook hier?

## Errors only this part meets
error-current-password-wrong = Uw huidige wachtwoord klopt niet.
error-work-email-not-allowed = Dit mag niet het e-mailadres van uw werk- of schoolaccount zijn. Gebruik een persoonlijk adres.
error-resend-too-soon = Wacht { $wait } voordat u een nieuwe code aanvraagt.
error-second-step-locked = Te vaak een verkeerde code. Aanmelden met een tweede stap is 24 uur geblokkeerd: uw beheerder kan het eerder vrijgeven.
error-code-already-used = Die code is al gebruikt. Wacht tot uw app een nieuwe code toont.
error-recovery-code-used = Die herstelcode is al gebruikt. Elke code werkt één keer: probeer een andere.
error-invalid-phone = Voer een geldig telefoonnummer in voor het land dat u hebt gekozen.
error-country-not-allowed = Uw organisatie staat geen telefoonnummers uit dat land toe. Gebruik een ander nummer of neem contact op met uw beheerder.
error-skip-not-allowed = U kunt dit niet meer overslaan. Stel uw beveiligingsgegevens nu in.
error-answers-wrong-count = Beantwoord elke vraag.
error-question-not-offered = Kies elke vraag uit de lijst.
error-question-repeated = Kies voor elk antwoord een andere vraag.
error-answer-too-short = Elk antwoord heeft minstens 3 tekens nodig.
error-answer-is-question = Een antwoord kan niet de vraag zelf zijn.
error-answer-repeated = Geef op elke vraag een ander antwoord.
error-reset-disabled = Uw organisatie staat niet toe dat u zelf uw wachtwoord opnieuw instelt. Neem contact op met uw beheerder.
error-work-required = Uw browser kon de controle niet afronden. Probeer het opnieuw.
error-reset-not-enough-methods = U kunt uw wachtwoord hier niet opnieuw instellen omdat u niet genoeg verificatiemethoden hebt ingesteld. Neem contact op met uw beheerder.
error-reset-incomplete = Verifieer eerst met de gevraagde methoden.
error-reset-expired = Het opnieuw instellen duurde te lang. Begin opnieuw.
error-reset-locked = Te veel verkeerde pogingen voor dit opnieuw instellen. Begin opnieuw.
error-wrong-answers = Een of meer antwoorden zijn onjuist. Probeer het opnieuw.
error-password-length = Gebruik minstens 8 tekens.
error-password-too-short-alone = Gebruik minstens 15 tekens: uw wachtwoord is uw enige manier om u aan te melden. (Met een authenticator-app of telefoon is 8 genoeg.)
error-password-common = Dit wachtwoord komt te vaak voor. Kies er een dat moeilijker te raden is.
error-password-contains-username = Uw wachtwoord mag uw gebruikersnaam niet bevatten.
error-too-many-app-passwords = U hebt 40 app-wachtwoorden, het maximum. Verwijder eerst een wachtwoord dat u niet meer gebruikt.
error-report-invalid = Deze link werkt niet: hij is al gebruikt, verlopen (na 7 dagen) of onvolledig. Denkt u nog steeds dat iemand uw account heeft gewijzigd, stel dan uw wachtwoord opnieuw in en neem contact op met uw beheerder.

## Moved from app.ftl: only chunks say these
copy = Kopiëren
copied = Gekopieerd
email-code-hint = De code verloopt over 10 minuten. Ziet u het bericht niet? Kijk in de map Ongewenste e-mail of Spam en controleer of het adres klopt.
phone-question = U kunt bewijzen wie u bent door een code op uw telefoon te ontvangen. Welk telefoonnummer wilt u gebruiken?
phone-code-hint = De code verloopt over 10 minuten. Niets ontvangen? Controleer het nummer en verzend de code opnieuw.
phone-call-added = Telefoon { $number } is toegevoegd. We bellen dit nummer wanneer u zich aanmeldt.
alternate-phone-title = Alternatieve telefoon
alternate-phone-question = Voeg een kantoor- of vaste telefoon toe die we kunnen bellen. Er worden nooit codes naar verzonden.
alternate-phone-added = Alternatieve telefoon { $number } is toegevoegd.
setup-app-passwords-required = Uw organisatie vereist een app-wachtwoord voor apps die geen verificatie in twee stappen kunnen gebruiken. Maak er een aan om het instellen af te ronden.
recovery-file-title = Herstelcodes voor { $account } bij { $organization }, gemaakt op { $date }. Elke code werkt één keer; een nieuwe set maakt deze ongeldig.
report-undone = De wijziging is teruggedraaid.
report-not-undone = Deze wijziging kan niet automatisch worden teruggedraaid. Controleer uw beveiligingsgegevens nadat u uw wachtwoord opnieuw hebt ingesteld.
reset-option-email = Een e-mail sturen naar mijn alternatieve e-mailadres ({ $label })
reset-option-phone = Een sms sturen naar mijn mobiele telefoon ({ $label })
reset-option-alternate = Mijn kantoortelefoon bellen ({ $label })
reset-option-app = Een code uit mijn authenticator-app invoeren
reset-option-key = Mijn beveiligingssleutel gebruiken
reset-option-questions = Mijn beveiligingsvragen beantwoorden
reset-option-recovery = Een herstelcode invoeren
reset-send-email = E-mail
reset-send-text = Sms
setup-app-passwords = Uw organisatie gebruikt app-wachtwoorden voor apps die geen verificatie in twee stappen kunnen gebruiken. Deze stap is optioneel: maak er nu een aan, of kies Annuleren om af te ronden zonder (u kunt er later een toevoegen bij Beveiligingsgegevens).
activity-intro = Aanmeldingen en wijzigingen in uw beveiligingsgegevens. Herkent u iets niet, stel dan uw wachtwoord opnieuw in en neem contact op met uw beheerder.
activity-empty = Nog niets.
activity-more = Oudere activiteit tonen
activity-meta = { $date } · { $place } · { $device }
activity-signed-in = Aangemeld met uw wachtwoord
activity-sign-in-failed = Aanmelden mislukt: verkeerd wachtwoord
activity-second-step = Bevestigd dat u het was met: { $method }
activity-second-step-failed = Bij het aanmelden is een verkeerde code ingevoerd
activity-method-added = Methode toegevoegd: { $method }
activity-method-changed = Methode gewijzigd: { $method }
activity-method-deleted = Methode verwijderd: { $method }
activity-default-changed = Standaardaanmeldingsmethode gewijzigd in: { $method }
activity-password-reset = Wachtwoord opnieuw ingesteld
activity-password-changed = Wachtwoord gewijzigd
activity-signed-out-everywhere = Overal afgemeld
activity-signed-out-device = Een ander apparaat afgemeld
activity-device = { $browser } op { $system }
activity-device-unknown = onbekend apparaat
activity-app-password-created = App-wachtwoord gemaakt: { $name }
activity-app-password-used = App-wachtwoord gebruikt: { $name }
activity-signed-in-access-pass = Aangemeld met een tijdelijke toegangspas
activity-access-pass-issued = Een beheerder heeft een tijdelijke toegangspas voor u uitgegeven
activity-change-reported = Een wijziging gemeld als niet door u gedaan ("Dit was ik niet")
activity-recovery-code-used = Herstelcode gebruikt (nog { $remaining } over)
activity-app-password-deleted = App-wachtwoord verwijderd: { $name }
activity-signed-in-to-app = Aangemeld bij { $app }
devices-intro = Waar u met dit account bent aangemeld. Meld een apparaat af dat u niet herkent of niet meer gebruikt; herkent u er een niet, wijzig dan ook uw wachtwoord.
devices-this = Dit apparaat
devices-row = Aangemeld { $signed } · laatst actief { $active }
devices-place-unknown = locatie onbekend
devices-sign-out = Afmelden
devices-sign-out-label = { $device } afmelden
devices-signed-out = { $device } is afgemeld.
