# Ingebouwde beveiligingsvragen (de worker stuurt ze in de taal van de gebruiker naar de pagina).
question-city-met-partner = In welke plaats hebt u uw eerste echtgenoot of partner ontmoet?
question-city-parents-met = In welke plaats hebben uw ouders elkaar ontmoet?
question-city-first-job = In welke plaats had u uw eerste baan?
question-city-father-born = In welke plaats is uw vader geboren?
question-city-mother-born = In welke plaats is uw moeder geboren?
question-teacher-last-name = Wat is de achternaam van uw favoriete docent op de middelbare school?
question-college-not-attended = Wat is de naam van een opleiding waarvoor u zich aanmeldde maar die u niet hebt gevolgd?
question-favourite-food = Wat is uw favoriete gerecht?
question-grandmother-name = Wat is de voor- en achternaam van uw grootmoeder van moederskant?
question-first-pet = Hoe heette uw eerste huisdier?
question-childhood-friend = Wat is de voor- en achternaam van uw beste jeugdvriend of -vriendin?
question-first-street = In welke straat bent u opgegroeid?
