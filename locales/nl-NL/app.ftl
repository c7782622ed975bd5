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
email-label = E-mailadres
code-on-its-way = De berichtendienst is nu traag: je code is onderweg, maar dat kan een minuut duren.

## Authenticator app
totp-next = Volgende
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
reauth-title = Bevestig dat u het bent

## Phone
default-method-phone = Telefoon - sms ({ $number })
phone-mode-text = sms
phone-mode-call = bellen
default-method-phone-call = Telefoon - bellen ({ $number })
default-method-alternate = Alternatieve telefoon - bellen ({ $number })

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

## Admin
admin-link = Beheer
admin-users-link = Gebruikers
admin-settings-link = Beleid en instellingen

## Security questions
questions-count = { $count ->
    [one] 1 vraag beantwoord
   *[other] { $count } vragen beantwoord
}
recovery-remaining = nog { $remaining } van { $total } codes over
recovery-regenerate = Opnieuw maken

## Password reset
reset-link = Ik ben mijn wachtwoord vergeten
signin-with-pass = Een tijdelijke toegangspas gebruiken
signin-with-password = Toch mijn wachtwoord gebruiken
signin-passkey = Aanmelden met een passkey
pass-label = Tijdelijke toegangspas
access-pass-banner = U bent aangemeld met een tijdelijke toegangspas, geldig tot { $time }. Voeg nu de aanmeldingsmethoden toe die u nodig hebt. Wilt u methoden wijzigen of verwijderen, meld u dan later aan met uw wachtwoord.

## App passwords

## Recent activity
activity-title = Recente activiteit

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
error-too-many-attempts = Te veel pogingen. Wacht { $wait } en probeer het opnieuw.
error-invalid-email = Voer een geldig e-mailadres in, zoals naam@voorbeeld.nl.
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
error-invalid-name = Voer een naam in van 1 tot 64 tekens.
error-not-mfa-capable = Met deze methode kunt u zich niet aanmelden. Kies een andere.
error-key-rejected = Het antwoord van de beveiligingssleutel kon niet worden gecontroleerd. Probeer het opnieuw of gebruik een andere sleutel.
error-key-not-verified = Uw sleutel heeft uw pincode of vingerafdruk niet gecontroleerd. Stel een pincode in op de sleutel en probeer het opnieuw.
error-key-already-registered = Deze beveiligingssleutel is al geregistreerd. Gebruik een andere sleutel.
error-key-cloned = Deze beveiligingssleutel kan niet worden gebruikt: hij is mogelijk gekopieerd. Meld u op een andere manier aan en controleer uw beveiligingsgegevens.
error-key-expired = Het verzoek voor de beveiligingssleutel is verlopen. Begin opnieuw.
error-forbidden = Alleen de beheerders van uw organisatie kunnen dit doen.
error-setup-required = Uw organisatie heeft meer informatie nodig om uw account te beveiligen: stel eerst de gevraagde methoden in.
error-app-password-required = Gebruik hier een app-wachtwoord: uw account gebruikt verificatie in twee stappen.
error-access-pass-invalid = Die pas klopt niet, is verlopen of is al gebruikt. Vraag uw beheerder om een nieuwe.
error-access-pass-limited = Met een tijdelijke toegangspas kunt u alleen aanmeldingsmethoden toevoegen. Meld u aan met uw wachtwoord om ze te wijzigen of te verwijderen.
error-invalid-lifetime = Kies een geldigheid van 10 minuten tot 8 uur.
error-user-not-found = Er is geen gebruiker met die naam in uw organisatie.
error-password-reset-required = Uw wachtwoord is geblokkeerd nadat u een wijziging meldde die u niet zelf deed. Stel uw wachtwoord opnieuw in om u weer aan te melden.
error-other = Er is iets misgegaan ({ $code }). Probeer het opnieuw of vraag uw helpdesk.
error-internal = Er ging bij ons iets mis. Probeer het zo meteen opnieuw.
error-network = We kunnen de server niet bereiken. Controleer uw verbinding en probeer het opnieuw.
error-timeout = De server antwoordde niet op tijd. Controleer uw verbinding en probeer het opnieuw.
error-reference = (Referentie: { $id })
error-part-not-loaded = Dit deel van de pagina kan niet worden geladen. Controleer uw verbinding of laad de pagina opnieuw.
error-account-disabled = Uw account is uitgeschakeld. Neem contact op met de helpdesk van uw organisatie.

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

## Mijn profiel en het wachtwoord
menu = Menu
profile-title = Mijn profiel
everywhere-done = U bent overal afgemeld.
session-ended = Uw sessie is beëindigd, daarom bent u afgemeld. Meld u opnieuw aan om verder te gaan waar u was.
devices-title = Apparaten
devices-show = Toon waar u bent aangemeld
