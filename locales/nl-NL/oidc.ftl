# De pagina als de aanmeldaanvraag van een app niet terug kan naar de app.
oidc-error-title = We kunnen u niet aanmelden bij deze app
oidc-error-malformed = De app stuurde een onvolledige of ongeldige aanmeldaanvraag. Ga terug naar de app en probeer het opnieuw; blijft het gebeuren, neem dan contact op met uw helpdesk.
oidc-error-unknown-client = Deze app is niet geregistreerd bij { $tenant }. Ga terug naar de app en neem contact op met uw helpdesk.
oidc-error-redirect-mismatch = Deze app wilde u naar een adres sturen dat niet bij { $tenant } is geregistreerd; daarom zijn we hier gestopt om uw account te beschermen. Neem contact op met uw helpdesk.
oidc-error-back = Naar Beveiligingsgegevens
oidc-error-hint = De aanmeldaanvraag van Microsoft Entra ID kon niet worden gecontroleerd (hij komt niet van de Entra-tenant van uw organisatie, is voor een andere app bedoeld of is te oud). Ga terug en meld u opnieuw aan; blijft het gebeuren, neem dan contact op met uw helpdesk.
oidc-error-unknown-user = Uw account van Microsoft Entra ID heeft geen tegenhanger bij { $tenant }. Neem contact op met uw helpdesk.
