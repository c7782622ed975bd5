## Shell
app-title = Beveiligingsgegevens
skip-to-content = Naar de inhoud
language-en-US = English
language-nl-NL = Nederlands
language-label = Taal
sign-out = Afmelden
signed-in-as = Aangemeld als { $name }
loading = Laden…
dismiss = Sluiten
cancel = Annuleren
close = Sluiten
copy = Kopiëren
copied = Gekopieerd

## Sign-in
sign-in-title = Aanmelden
sign-in-intro = Meld u aan bij { $tenant } met uw werk- of schoolaccount.
username-label = E-mailadres of gebruikersnaam
password-label = Wachtwoord
sign-in-button = Aanmelden
signing-in = Bezig met aanmelden…

## Security info page
security-info-intro = Dit zijn de methoden die u gebruikt om u aan te melden bij uw account of om uw wachtwoord opnieuw in te stellen.
continue-needs-factor = De app waarbij u zich aanmeldt, vraagt om een tweede manier om te bewijzen dat u het bent. Voeg hieronder een authenticator-app, een telefoon of een beveiligingssleutel toe en ga dan verder.
continue-to-app = Verder naar de app
connected-apps-title = Verbonden apps
connected-apps-intro = De apps van uw organisatie waarbij u zich met dit account hebt aangemeld. Meld u bij een app af om de toegang te beëindigen; de volgende keer vraagt de app u opnieuw aan te melden.
connected-apps-row = aangemeld op { $date }
connected-apps-sign-out = Afmelden
connected-apps-sign-out-label = Afmelden bij { $app }
connected-apps-signed-out = U bent afgemeld bij { $app }.
default-method-label = Standaardaanmeldingsmethode:
default-method-none = nog geen: voeg een authenticator-app, telefoon of beveiligingssleutel toe
default-method-change = Wijzigen
add-method = Methode toevoegen
methods-heading = Uw methoden
methods-empty = U hebt nog geen methoden toegevoegd. Voeg er een toe, zodat u uw wachtwoord opnieuw kunt instellen of zich kunt aanmelden wanneer uw wachtwoord alleen niet genoeg is.
method-added-on = Toegevoegd op { $date }
method-last-used = Laatst gebruikt op { $date }
method-delete = Verwijderen
method-deleted = { $method } is verwijderd.

## Method names
method-authenticator-app = Authenticator-app
method-phone = Telefoon
method-alternate-phone = Alternatieve telefoon
method-security-key = Beveiligingssleutel
method-email = E-mail
method-security-questions = Beveiligingsvragen
method-app-password = App-wachtwoord
method-recovery-codes = Herstelcodes

## Add method chooser
add-method-title = Een methode toevoegen
add-method-question = Welke methode wilt u toevoegen?
add-method-choose = Kies een methode
add-method-next = Toevoegen
add-method-none = Er zijn geen methoden meer die u kunt toevoegen. Mist u een methode? Dan staat uw organisatie die niet toe: neem contact op met uw beheerder.
add-method-missing = Ziet u een methode niet? Mogelijk staat uw organisatie die niet toe. Kies een andere methode of neem contact op met uw beheerder.

## Email method
email-title = E-mail
email-verify-title = Bevestig uw e-mailadres
email-question = Welk e-mailadres wilt u gebruiken?
email-label = E-mailadres
email-hint = Gebruik een persoonlijk adres, niet het e-mailadres van uw werk- of schoolaccount.
email-send = Volgende
email-sending = Bezig met verzenden…
email-sent = We hebben zojuist een code verzonden naar { $address }.
code-label = Voer de code in
email-code-hint = De code verloopt over 10 minuten. Ziet u het bericht niet? Kijk in de map Ongewenste e-mail of Spam en controleer of het adres klopt.
code-resend = Code opnieuw verzenden
code-resend-in = Code opnieuw verzenden over { $seconds } s
code-resent = We hebben een nieuwe code verzonden.
code-verify = Gereed
code-next = Volgende
code-verifying = Bezig met controleren…
code-back = Terug
code-on-its-way = De berichtendienst is nu traag: je code is onderweg, maar dat kan een minuut duren.
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
totp-next = Volgende
totp-back = Terug
totp-done = Gereed
totp-checking = Bezig met controleren…
totp-added = Authenticator-app { $name } is toegevoegd.
method-rename = Naam wijzigen
rename-title = Naam van methode wijzigen
rename-label = Naam
rename-save = Opslaan
renamed = Naam gewijzigd in { $name }.

## Default sign-in method
default-method-app = Authenticator-app - code ({ $name })
default-change-title = Standaardmethode wijzigen
default-change-question = Welke methode wilt u gebruiken om u aan te melden?
default-confirm = Bevestigen
default-changed = Uw standaardaanmeldingsmethode is nu { $method }.

## Second step
verify-title = Uw identiteit verifiëren
verify-app-prompt = Voer de code in die wordt weergegeven in de authenticator-app op uw mobiele apparaat ({ $name }).
verify-code-label = Code
verify-button = Verifiëren
verifying = Bezig met verifiëren…
verify-other = Op een andere manier aanmelden
verify-choose = Kies hoe u uw identiteit wilt verifiëren
reauth-title = Bevestig dat u het bent
reauth-body = Bevestig met een van uw aanmeldingsmethoden dat u het bent om uw beveiligingsgegevens te wijzigen.
reauth-done = Bedankt. U kunt uw beveiligingsgegevens de komende 10 minuten wijzigen.

## Phone
phone-title = Telefoon
phone-question = U kunt bewijzen wie u bent door een code op uw telefoon te ontvangen. Welk telefoonnummer wilt u gebruiken?
phone-country-search = Zoek een land of regio (naam of landnummer)
phone-country-label = Land of regio
phone-number-label = Telefoonnummer
phone-example = Bijvoorbeeld: { $example }.
phone-number-hint = Toestelnummers worden niet ondersteund: als u er een invoert, verwijderen we het en gebruiken we het hoofdnummer.
phone-rates = Er kunnen kosten voor berichten en gegevens in rekening worden gebracht.
phone-text-me = Sms-code naar mij verzenden
phone-sent = We hebben zojuist een code van 6 cijfers verzonden naar { $number }. Voer de code hieronder in.
phone-code-hint = De code verloopt over 10 minuten. Niets ontvangen? Controleer het nummer en verzend de code opnieuw.
phone-extension-removed = We hebben het toestelnummer verwijderd: codes gaan naar het hoofdnummer.
phone-extension-removed-call = We hebben het toestelnummer verwijderd: we bellen het hoofdnummer.
phone-added = Telefoon { $number } is toegevoegd. U kunt deze nu gebruiken om u aan te melden en om uw wachtwoord opnieuw in te stellen.
default-method-phone = Telefoon - sms ({ $number })
verify-phone-prompt = We sturen een code per sms naar { $number }.
verify-send-code = Sms-code naar mij verzenden
verify-code-sent = We hebben een code per sms verzonden naar { $number }. Voer deze hieronder in.

phone-mode-text = sms
phone-mode-call = bellen
phone-call-me = Bel mij
phone-call-title = Neem de oproep aan
phone-calling = We bellen { $number }. Neem op, toets { $digits } in en druk daarna op # (hekje).
phone-call-waiting = We wachten tot u opneemt…
phone-call-failed = We konden u niet bereiken. Controleer het nummer en probeer het opnieuw.
phone-try-again = Opnieuw proberen
phone-call-added = Telefoon { $number } is toegevoegd. We bellen dit nummer wanneer u zich aanmeldt.
alternate-phone-title = Alternatieve telefoon
alternate-phone-question = Voeg een kantoor- of vaste telefoon toe die we kunnen bellen. Er worden nooit codes naar verzonden.
alternate-phone-added = Alternatieve telefoon { $number } is toegevoegd.
default-method-phone-call = Telefoon - bellen ({ $number })
default-method-alternate = Alternatieve telefoon - bellen ({ $number })
verify-call-prompt = We bellen { $number }. Neem op, toets de twee cijfers op deze pagina in en druk op #.
verify-call-me = Bel mij

## Security key
key-type-question = Kies het type beveiligingssleutel dat u hebt.
key-usb = USB-apparaat
key-nfc = NFC-apparaat
key-usb-instructions = Houd uw sleutel bij de hand. Als u Volgende kiest, vraagt uw browser u de sleutel in een USB-poort te steken, de pincode in te voeren (of er een te maken) en de knop of sensor van de sleutel aan te raken.
key-nfc-instructions = Houd uw sleutel bij de hand. Als u Volgende kiest, vraagt uw browser u de pincode van de sleutel in te voeren (of er een te maken) en de sleutel tegen de NFC-lezer van uw apparaat te houden.
key-name-label = Geef deze beveiligingssleutel een naam
key-name-hint = Met een naam houdt u uw sleutels uit elkaar, bijvoorbeeld "Blauwe YubiKey".
key-waiting = Wachten op uw beveiligingssleutel… Volg de instructies van uw browser.
key-waiting-short = Wachten op uw sleutel…
key-added = Beveiligingssleutel { $name } is toegevoegd. U kunt zich er nu mee aanmelden.
key-possibly-cloned = Deze sleutel is mogelijk gekopieerd: de aanmeldingsteller ging achteruit. Had u dit niet verwacht, verwijder de sleutel dan en voeg uw sleutel opnieuw toe.
method-turned-off = Uitgeschakeld door uw organisatie
method-suspended = In de wacht: toegevoegd kort voordat u een wijziging meldde die u niet deed. Bewaar haar als ze van u is, of verwijder haar.
method-keep = Bewaren
method-kept = { $name } kan weer worden gebruikt.
key-unsupported = Deze browser kan geen beveiligingssleutels gebruiken. Gebruik een recente versie van Edge, Chrome, Firefox of Safari.
key-insecure = Beveiligingssleutels werken alleen via een beveiligde (https) verbinding met deze site.
key-cancelled = Het verzoek voor de beveiligingssleutel is geannuleerd, of de sleutel werd niet geaccepteerd. Probeer het opnieuw.
key-timed-out = Het verzoek voor de beveiligingssleutel is verlopen. Kies de knop opnieuw en gebruik uw sleutel binnen 5 minuten.
key-failed = Uw browser kon de beveiligingssleutel niet gebruiken. Probeer het opnieuw of gebruik een andere sleutel.
default-method-key = Beveiligingssleutel ({ $name })
default-method-recovery = Herstelcode
verify-key-prompt = Gebruik uw beveiligingssleutel ({ $name }). Steek de sleutel erin of houd hem tegen het apparaat als uw browser daarom vraagt, voer de pincode in en raak de sleutel aan.
verify-use-key = Mijn beveiligingssleutel gebruiken

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
setup-app-passwords-required = Uw organisatie vereist een app-wachtwoord voor apps die geen verificatie in twee stappen kunnen gebruiken. Maak er een aan om het instellen af te ronden.
setup-success-title = Gelukt!
setup-success-body = Goed gedaan! U hebt uw beveiligingsgegevens ingesteld. Kies Gereed om door te gaan.

## Admin
admin-link = Beheer
admin-users-link = Gebruikers
admin-settings-link = Beleid en instellingen

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
questions-count = { $count ->
    [one] 1 vraag beantwoord
   *[other] { $count } vragen beantwoord
}
recovery-remaining = nog { $remaining } van { $total } codes over
recovery-regenerate = Opnieuw maken
recovery-intro = Met herstelcodes kunt u zich aanmelden of uw wachtwoord opnieuw instellen wanneer uw telefoon of beveiligingssleutel niet bij de hand is. U krijgt 10 codes; elke code werkt één keer. Bewaar ze op een veilige plek, bijvoorbeeld in een wachtwoordbeheerder.
recovery-replace-warning = Uw huidige herstelcodes werken niet meer zodra u nieuwe maakt.
recovery-create = Codes maken
recovery-once = Dit zijn uw herstelcodes. Ze worden maar één keer getoond: kopieer of download ze nu.
recovery-download = Downloaden (.txt)
recovery-file-title = Herstelcodes voor { $account } bij { $organization }, gemaakt op { $date }. Elke code werkt één keer; een nieuwe set maakt deze ongeldig.
recovery-advice = Elke code werkt één keer. Zijn er nog maar een paar over, maak dan hier nieuwe.
recovery-added = Uw herstelcodes staan klaar.
recovery-code-label = Herstelcode
recovery-code-hint = 12 letters en cijfers, bijvoorbeeld abcd-efgh-jkmn. Elke code werkt één keer.
verify-recovery-prompt = Voer een van uw herstelcodes in.

## Password reset
reset-link = Ik ben mijn wachtwoord vergeten
signin-with-pass = Een tijdelijke toegangspas gebruiken
signin-with-password = Toch mijn wachtwoord gebruiken
signin-passkey = Aanmelden met een passkey
pass-label = Tijdelijke toegangspas
access-pass-banner = U bent aangemeld met een tijdelijke toegangspas, geldig tot { $time }. Voeg nu de aanmeldingsmethoden toe die u nodig hebt. Wilt u methoden wijzigen of verwijderen, meld u dan later aan met uw wachtwoord.
report-title = Dit was ik niet
report-intro = Misschien heeft iemand anders uw account gewijzigd. Als u bevestigt, doen we het volgende:
report-step-sessions = Alle apparaten afmelden die bij uw account zijn aangemeld.
report-step-undo = De wijziging terugdraaien, waar dat kan.
report-step-password = Uw wachtwoord blokkeren: daarna kiest u een nieuw via "Ik ben mijn wachtwoord vergeten".
report-confirm = Mijn account beveiligen
report-done = Klaar: alle apparaten zijn afgemeld en uw wachtwoord is geblokkeerd.
report-undone = De wijziging is teruggedraaid.
report-not-undone = Deze wijziging kan niet automatisch worden teruggedraaid. Controleer uw beveiligingsgegevens nadat u uw wachtwoord opnieuw hebt ingesteld.
report-reset = Mijn wachtwoord opnieuw instellen
report-no-reset = U hebt geen andere methode meer om te bewijzen dat u het bent, dus u kunt uw wachtwoord niet zelf opnieuw instellen. Neem contact op met uw helpdesk: die kan controleren wie u bent en u een tijdelijke toegangspas geven.
reset-title = Weer toegang tot uw account
reset-intro = Voer uw e-mailadres, telefoonnummer of gebruikersnaam in om uw wachtwoord opnieuw in te stellen.
reset-checking = Bezig met controleren…
reset-working = Controleren of dit een browser is en geen robot…
reset-if-exists = Als dit account bestaat, kan het met de onderstaande methoden worden gecontroleerd.
reset-step = Verificatiestap { $step } van { $total }
reset-choose = Kies de methode waarmee we controleren dat u het bent
reset-option-email = Een e-mail sturen naar mijn alternatieve e-mailadres ({ $label })
reset-option-phone = Een sms sturen naar mijn mobiele telefoon ({ $label })
reset-option-alternate = Mijn kantoortelefoon bellen ({ $label })
reset-option-app = Een code uit mijn authenticator-app invoeren
reset-option-key = Mijn beveiligingssleutel gebruiken
reset-option-questions = Mijn beveiligingsvragen beantwoorden
reset-option-recovery = Een herstelcode invoeren
reset-send-email = E-mail
reset-send-text = Sms
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
setup-app-passwords = Uw organisatie gebruikt app-wachtwoorden voor apps die geen verificatie in twee stappen kunnen gebruiken. Deze stap is optioneel: maak er nu een aan, of kies Annuleren om af te ronden zonder (u kunt er later een toevoegen bij Beveiligingsgegevens).

## Recent activity
activity-title = Recente activiteit
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

## Delete confirmation
delete-title = Methode verwijderen
delete-question = Weet u zeker dat u { $method } wilt verwijderen?
delete-warning = Dit kan niet ongedaan worden gemaakt. Als u deze methode weer wilt gebruiken, moet u hem opnieuw toevoegen.
delete-confirm = Ja
deleting = Bezig met verwijderen…

## Errors (one per API error code)
error-bad-request = Het verzoek werd niet begrepen. Laad de pagina opnieuw en probeer het nog eens.
error-unsupported-media-type = Dit verzoek moet als JSON (application/json) worden verstuurd.
error-unknown-field = Het verzoek bevat een veld dat deze dienst niet kent. Laad de pagina opnieuw en probeer het nog eens.
error-body-too-large = Wat u verstuurde is te groot.
error-csrf-rejected = Uw pagina is verouderd. Laad de pagina opnieuw en probeer het nog eens.
error-not-found = Deze pagina of organisatie bestaat niet.
error-method-not-allowed = Die actie is hier niet mogelijk.
error-unauthenticated = Uw sessie is beëindigd. Meld u opnieuw aan.
error-invalid-credentials = Uw account of wachtwoord is onjuist.
error-current-password-wrong = Uw huidige wachtwoord klopt niet.
error-too-many-attempts = Te veel pogingen. Wacht { $wait } en probeer het opnieuw.
error-invalid-email = Voer een geldig e-mailadres in, zoals naam@voorbeeld.nl.
error-work-email-not-allowed = Dit mag niet het e-mailadres van uw werk- of schoolaccount zijn. Gebruik een persoonlijk adres.
error-method-not-offered = U kunt deze methode niet toevoegen. Kies een andere methode of neem contact op met uw beheerder.
error-method-turned-off = Uw organisatie heeft deze methode uitgeschakeld. Kies een andere manier.
error-method-suspended = Deze methode staat in de wacht sinds u een wijziging hebt gemeld. Meld u op een andere manier aan en bewaar of verwijder haar daarna bij Beveiligingsgegevens.
error-invalid-code = { $attempts ->
    [none] Die code klopt niet. Controleer de code en probeer het opnieuw.
    [one] Die code klopt niet. Controleer de code en probeer het opnieuw (nog 1 poging).
   *[other] Die code klopt niet. Controleer de code en probeer het opnieuw (nog { $attempts } pogingen).
}
error-code-expired = Deze code is verlopen. Vraag een nieuwe code aan.
error-code-locked = Te vaak een verkeerde code. Vraag een nieuwe code aan of begin opnieuw.
error-no-pending-verification = Er staat geen code voor u klaar. Begin opnieuw.
error-resend-too-soon = Wacht { $wait } voordat u een nieuwe code aanvraagt.
wait-seconds = { $seconds ->
    [one] 1 seconde
   *[other] { $seconds } seconden
}
wait-minutes = { $minutes ->
    [one] 1 minuut
   *[other] { $minutes } minuten
}
error-method-not-found = Die methode bestaat niet meer. De lijst is bijgewerkt.
error-delivery-failed = We konden het bericht niet verzenden. Probeer het zo meteen opnieuw.
error-second-step-required = Rond eerst het aanmelden af: bevestig met uw aanmeldingsmethode dat u het bent.
error-recent-second-step-required = Bevestig opnieuw dat u het bent om uw beveiligingsgegevens te wijzigen.
error-second-step-locked = Te vaak een verkeerde code. Aanmelden met een tweede stap is 24 uur geblokkeerd: uw beheerder kan het eerder vrijgeven.
error-code-already-used = Die code is al gebruikt. Wacht tot uw app een nieuwe code toont.
error-recovery-code-used = Die herstelcode is al gebruikt. Elke code werkt één keer: probeer een andere.
error-invalid-name = Voer een naam in van 1 tot 64 tekens.
error-not-mfa-capable = Met deze methode kunt u zich niet aanmelden. Kies een andere.
error-invalid-phone = Voer een geldig telefoonnummer in voor het land dat u hebt gekozen.
error-country-not-allowed = Uw organisatie staat geen telefoonnummers uit dat land toe. Gebruik een ander nummer of neem contact op met uw beheerder.
error-key-rejected = Het antwoord van de beveiligingssleutel kon niet worden gecontroleerd. Probeer het opnieuw of gebruik een andere sleutel.
error-key-not-verified = Uw sleutel heeft uw pincode of vingerafdruk niet gecontroleerd. Stel een pincode in op de sleutel en probeer het opnieuw.
error-key-already-registered = Deze beveiligingssleutel is al geregistreerd. Gebruik een andere sleutel.
error-key-cloned = Deze beveiligingssleutel kan niet worden gebruikt: hij is mogelijk gekopieerd. Meld u op een andere manier aan en controleer uw beveiligingsgegevens.
error-key-expired = Het verzoek voor de beveiligingssleutel is verlopen. Begin opnieuw.
error-forbidden = Alleen de beheerders van uw organisatie kunnen dit doen.
error-setup-required = Uw organisatie heeft meer informatie nodig om uw account te beveiligen: stel eerst de gevraagde methoden in.
error-policy-no-methods = Sta ten minste één methode toe (en voor telefoons sms of oproepen).
error-policy-required-not-allowed = Een verplichte methode moet ook toegestaan zijn. App-wachtwoorden kunnen niet verplicht worden.
error-policy-invalid-count = Vereis 1 tot 4 verschillende methoden, die elk zijn toegestaan.
error-policy-invalid-retention = Bewaar recente activiteit 1 tot 365 dagen.
error-policy-invalid-reset = Wachtwoord opnieuw instellen vraagt om 1 of 2 methoden: bied er minstens zoveel aan.
error-policy-invalid-support = Controleer het contact met de helpdesk: een webpagina die begint met https://, een e-mailadres, een telefoonnummer van cijfers.
error-policy-invalid-country = Een van de landen is geen geldige landcode van twee letters.
error-policy-invalid-domain = Een van de e-maildomeinen is niet geldig, zoals contoso.com.
error-policy-invalid-grace = De respijtperiode is maximaal 14 dagen en 3 keer overslaan.
error-policy-invalid-name = Voer een organisatienaam in van 1 tot 64 tekens.
error-policy-invalid-color = Kies een kleur zoals #0f5fb3, donker genoeg om witte tekst erop goed te kunnen lezen.
error-skip-not-allowed = U kunt dit niet meer overslaan. Stel uw beveiligingsgegevens nu in.
error-answers-wrong-count = Beantwoord elke vraag.
error-question-not-offered = Kies elke vraag uit de lijst.
error-question-repeated = Kies voor elk antwoord een andere vraag.
error-answer-too-short = Elk antwoord heeft minstens 3 tekens nodig.
error-answer-is-question = Een antwoord kan niet de vraag zelf zijn.
error-answer-repeated = Geef op elke vraag een ander antwoord.
error-policy-invalid-questions = Beveiligingsvragen: registreer 3 tot 5, vraag er 1 tot zoveel, bied genoeg vragen aan en geef eigen vragen een tekst in elke taal.
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
error-app-password-required = Gebruik hier een app-wachtwoord: uw account gebruikt verificatie in twee stappen.
error-access-pass-invalid = Die pas klopt niet, is verlopen of is al gebruikt. Vraag uw beheerder om een nieuwe.
error-access-pass-limited = Met een tijdelijke toegangspas kunt u alleen aanmeldingsmethoden toevoegen. Meld u aan met uw wachtwoord om ze te wijzigen of te verwijderen.
error-invalid-lifetime = Kies een geldigheid van 10 minuten tot 8 uur.
error-user-not-found = Er is geen gebruiker met die naam in uw organisatie.
error-report-invalid = Deze link werkt niet: hij is al gebruikt, verlopen (na 7 dagen) of onvolledig. Denkt u nog steeds dat iemand uw account heeft gewijzigd, stel dan uw wachtwoord opnieuw in en neem contact op met uw beheerder.
error-password-reset-required = Uw wachtwoord is geblokkeerd nadat u een wijziging meldde die u niet zelf deed. Stel uw wachtwoord opnieuw in om u weer aan te melden.
error-internal = Er ging bij ons iets mis. Probeer het zo meteen opnieuw.
error-network = We kunnen de server niet bereiken. Controleer uw verbinding en probeer het opnieuw.
error-timeout = De server antwoordde niet op tijd. Controleer uw verbinding en probeer het opnieuw.
error-reference = (Referentie: { $id })
error-part-not-loaded = Dit deel van de pagina kan niet worden geladen. Controleer uw verbinding of laad de pagina opnieuw.
error-invalid-redirect-uri = Omleidingsadressen moeten volledige https-adressen zijn (http alleen voor localhost of 127.0.0.1), zonder #fragment, hoogstens 10.
error-invalid-scope = Kies bereiken uit openid, profile en email.
error-client-not-found = Deze app is niet (meer) geregistreerd.
error-too-many-clients = Deze organisatie heeft het maximale aantal apps geregistreerd. Verwijder er eerst een.
error-account-disabled = Uw account is uitgeschakeld. Neem contact op met de helpdesk van uw organisatie.
error-username-taken = Iemand in uw organisatie heeft die gebruikersnaam al.
error-invalid-username = Voer een gebruikersnaam in zonder schuine strepen of besturingstekens, maximaal 256 tekens.
error-invalid-display-name = Voer een weergavenaam in van maximaal 256 tekens.
error-caller-not-verified = Controleer eerst de beller: stuur een code naar een van de methoden en voer de code in die de beller voorleest.

## Accountstatus (pagina Beveiligingsgegevens)
health-title = Accountstatus
health-fix-add = Voeg een methode toe
health-fix-remove = { $method } verwijderen
advice-no-mfa-method = U hebt nog geen methode voor de tweede aanmeldstap. Voeg een authenticator-app, een telefoon of een beveiligingssleutel toe.
advice-single-mfa-method = U hebt maar één methode voor de tweede aanmeldstap. Als u die kwijtraakt, kunt u zich niet aanmelden: voeg een tweede toe.
advice-one-device = Uw authenticator-app en uw telefoon zijn waarschijnlijk hetzelfde apparaat. Voeg een beveiligingssleutel of een andere telefoon toe, voor het geval u het kwijtraakt.
advice-phone-only = U gebruikt alleen uw telefoon, via sms of oproep. Een authenticator-app of beveiligingssleutel beschermt u beter tegen simkaartfraude en phishing.
advice-no-reset-method = { $required ->
    [one] Om uw wachtwoord zelf opnieuw in te stellen hebt u 1 methode nodig die daarvoor telt; u hebt er { $registered }. Voeg er een toe.
   *[other] Om uw wachtwoord zelf opnieuw in te stellen hebt u { $required } methoden nodig die daarvoor tellen; u hebt er { $registered }. Voeg er een toe.
}
advice-unused = { $days ->
    [one] { $method } is een dag niet gebruikt. Als u het niet meer hebt, verwijder het dan.
   *[other] { $method } is al { $days } dagen niet gebruikt. Als u het niet meer hebt, verwijder het dan.
}

## Kunt u zich niet aanmelden?
help-link = Kunt u zich niet aanmelden?
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
menu = Menu
profile-title = Mijn profiel
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
everywhere-done = U bent overal afgemeld.
session-ended = Uw sessie is beëindigd, daarom bent u afgemeld. Meld u opnieuw aan om verder te gaan waar u was.
