# Sms-berichten die de worker verstuurt (elk korter dan 160 tekens).
sms-code = { $code } is uw verificatiecode van { $tenant }. De code verloopt over 10 minuten. Deel hem met niemand.
