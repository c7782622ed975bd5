# Sms-berichten die de worker verstuurt (elk korter dan 160 tekens).
sms-code = { $code } is uw verificatiecode van { $tenant }. De code verloopt over 10 minuten. Deel hem met niemand.
sms-notice = Uw aanmeldingsmethoden bij { $tenant } zijn gewijzigd. Was u dit niet? Open de melding in uw e-mail of neem contact op met uw beheerder.
sms-caller = { $code } is uw code voor de helpdesk van { $tenant }. Lees hem alleen voor als u zelf belde.
